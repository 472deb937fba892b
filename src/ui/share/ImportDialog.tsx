/**
 * Bring your own cluster: paste or upload Kubernetes manifests (YAML/JSON, v1 List, kubeadm and
 * kube-proxy configuration), a scenario JSON or a share link. Problems name the document and
 * line; nothing replaces the current scenario until "Open" (which can be undone).
 */
import { useState } from 'react';

import { loadScenarioText } from '@/scenario';
import { useAppStore } from '@/state';

import { Button } from '../primitives/Button';

export interface ImportDialogProps {
  readonly onDone: () => void;
}

export function ImportDialog({ onDone }: ImportDialogProps) {
  const load = useAppStore((s) => s.loadScenario);
  const setWalk = useAppStore((s) => s.setWalk);
  const setExpanded = useAppStore((s) => s.setExpanded);
  const notify = useAppStore((s) => s.notify);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>();
  const r = text.trim() ? loadScenarioText(text, fileName) : undefined;
  const handleFile = async (f: File | undefined) => {
    if (!f) return;
    setFileName(f.name);
    setText(await f.text());
  };
  const handleOpen = () => {
    if (!r?.ok) return;
    load(r.value.scenario);
    // A pasted share link reopens its walk exactly: entry node, seed, followed endpoint and hop.
    const w = r.value.walk;
    setWalk(
      w
        ? {
            from: w.from,
            to: w.to,
            ...(w.port !== undefined ? { port: w.port } : {}),
            ...(w.protocol ? { protocol: w.protocol } : {}),
            ...(w.node ? { node: w.node } : {}),
            ...(w.seed !== undefined ? { seed: w.seed } : {}),
            ...(w.endpoint ? { endpoint: w.endpoint } : {}),
          }
        : undefined,
      { step: w?.step ?? 0 },
    );
    setExpanded(r.value.view?.expanded ?? []);
    notify(
      'success',
      `Opened ${r.value.scenario.meta.name}: ${r.value.scenario.nodes.length} nodes, ${r.value.scenario.pods.length + r.value.scenario.workloads.length} pods/workloads, ${r.value.scenario.services.length} Services. Undo (Ctrl+Z) goes back.`,
    );
    onDone();
  };
  return (
    <div data-testid="import">
      <div className="mb-2 flex items-center gap-3">
        <label className="text-sm">
          <span className="mr-2 font-semibold">Upload</span>
          <input
            type="file"
            accept=".yaml,.yml,.json,.txt"
            onChange={(e) => void handleFile(e.target.files?.[0])}
            data-testid="import.file"
            className="text-sm"
          />
        </label>
        <span className="text-xs text-slate-500">or paste below</span>
      </div>
      <textarea
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setFileName(undefined);
        }}
        rows={14}
        spellCheck={false}
        placeholder={
          'kubectl get nodes,pods,svc,endpointslices,networkpolicies,ns -A -o yaml\n\n…or Deployments and Services, a scenario JSON, or a share link'
        }
        className="w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-[12px] dark:border-slate-600 dark:bg-slate-950"
        data-testid="import.text"
        aria-label="Manifests, scenario JSON or share link"
      />
      <div className="mt-2 min-h-10 text-sm" aria-live="polite" data-testid="import.status">
        {r && !r.ok && <p className="text-red-700 dark:text-red-300">⚠ {r.error}</p>}
        {r?.ok && (
          <div>
            <p className="text-emerald-700 dark:text-emerald-300">
              ✓ {r.value.scenario.nodes.length} nodes · {r.value.scenario.pods.length} pods ·{' '}
              {r.value.scenario.workloads.length} workloads · {r.value.scenario.services.length}{' '}
              Services · {r.value.scenario.networkPolicies.length} policies
            </p>
            {[...r.value.notes, ...r.value.warnings].slice(0, 12).map((w, i) => (
              <p key={i} className="text-xs text-amber-700 dark:text-amber-300">
                △ {w}
              </p>
            ))}
          </div>
        )}
      </div>
      <div className="mt-3 flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button variant="primary" disabled={!r?.ok} onClick={handleOpen} data-testid="import.open">
          Open
        </Button>
      </div>
    </div>
  );
}
