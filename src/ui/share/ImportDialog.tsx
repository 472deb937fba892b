/**
 * Bring your own cluster: paste, pick or drop Kubernetes manifests (YAML/JSON, v1 List, kubeadm
 * and kube-proxy configuration), a scenario JSON or a share link. It is read in the loading
 * worker with progress (a whole cluster dump is megabytes); problems name the document and line;
 * nothing replaces the current scenario until "Open" (which can be undone).
 */
import clsx from 'clsx';
import { useEffect, useState, type DragEvent } from 'react';

import { useAppStore } from '@/state';

import { Button } from '../primitives/Button';

import { useLoadText } from './useLoadText';

export interface ImportDialogProps {
  readonly onDone: () => void;
  /** A file dropped on the page, to read at once. */
  readonly initialFile?: File | undefined;
}

/** Larger files are read but not shown in the text box (the page would crawl). */
const SHOW_MAX_CHARS = 500_000;

const size = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} KB`;

export function ImportDialog({ onDone, initialFile }: ImportDialogProps) {
  const load = useAppStore((s) => s.loadScenario);
  const setWalk = useAppStore((s) => s.setWalk);
  const setExpanded = useAppStore((s) => s.setExpanded);
  const setLoading = useAppStore((s) => s.setLoading);
  const notify = useAppStore((s) => s.notify);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);
  const { result, progress, diagnostics } = useLoadText(text, fileName);
  const loaded = result?.ok ? result.loaded : undefined;

  const handleFile = async (f: File | undefined) => {
    if (!f) return;
    setFileName(f.name);
    setText(await f.text());
  };
  useEffect(() => {
    if (!initialFile) return;
    let live = true;
    void initialFile.text().then((t) => {
      if (!live) return;
      setFileName(initialFile.name);
      setText(t);
    });
    return () => {
      live = false;
    };
  }, [initialFile]);
  const handleDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void handleFile(e.dataTransfer.files[0]);
  };
  const handleOpen = async () => {
    if (!loaded) return;
    const s = loaded.scenario;
    if (s.pods.length + s.workloads.length > 1000) {
      // Drawing a large cluster takes a moment: say so first.
      setLoading({
        title: 'Opening the imported cluster',
        text: `Drawing ${s.nodes.length.toLocaleString('en-US')} nodes…`,
        step: 4,
        of: 4,
      });
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    }
    load(s);
    // A pasted share link reopens its walk exactly: entry node, seed, followed endpoint and hop.
    const w = loaded.walk;
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
    setExpanded(loaded.view?.expanded ?? []);
    setLoading(undefined);
    notify(
      'success',
      `Opened ${s.meta.name}: ${s.nodes.length} nodes, ${s.pods.length + s.workloads.length} pods/workloads, ${s.services.length} Services. Undo (Ctrl+Z) goes back.`,
    );
    onDone();
  };
  const hidden = text.length > SHOW_MAX_CHARS;
  const errors = diagnostics?.filter((d) => d.severity === 'error').length ?? 0;
  return (
    <div
      data-testid="import"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={handleDrop}
    >
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
        <span className="text-xs text-slate-600 dark:text-slate-300">
          drop a .yaml/.json file here, or paste below
        </span>
      </div>
      {hidden ? (
        <div
          className={clsx(
            'flex h-[18rem] flex-col items-center justify-center gap-2 rounded-md border-2 border-dashed p-4 text-sm',
            dragging
              ? 'border-blue-500 bg-blue-50 dark:bg-blue-950/40'
              : 'border-slate-300 dark:border-slate-600',
          )}
          data-testid="import.big"
        >
          <p className="font-mono">
            {fileName ?? 'pasted text'} · {size(text.length)}
          </p>
          <p className="text-slate-600 dark:text-slate-300">
            Too large to show; read in the background.
          </p>
          <Button size="sm" onClick={() => (setText(''), setFileName(undefined))}>
            Clear
          </Button>
        </div>
      ) : (
        <textarea
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setFileName(undefined);
          }}
          rows={14}
          spellCheck={false}
          placeholder={
            'kubectl get nodes,pods,svc,endpointslices,networkpolicies,ns -A -o yaml\n\n…or Deployments and Services, a scenario JSON, or a share link — or drop a file here'
          }
          className={clsx(
            'w-full rounded-md border bg-white p-2 font-mono text-[12px] dark:bg-slate-950',
            dragging
              ? 'border-2 border-dashed border-blue-500'
              : 'border-slate-300 dark:border-slate-600',
          )}
          data-testid="import.text"
          aria-label="Manifests, scenario JSON or share link"
        />
      )}
      <div className="mt-2 min-h-10 text-sm" aria-live="polite" data-testid="import.status">
        {progress && !result && (
          <div data-testid="import.progress">
            <p className="text-slate-700 dark:text-slate-200">{progress.text}</p>
            <div className="mt-1 h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
              <div
                className="h-full rounded-full bg-blue-600 transition-[width] dark:bg-blue-400"
                style={{
                  width: `${Math.round((100 * Math.max(0.5, progress.step)) / progress.of)}%`,
                }}
              />
            </div>
          </div>
        )}
        {result && !result.ok && <p className="text-red-700 dark:text-red-300">⚠ {result.error}</p>}
        {loaded && (
          <div>
            <p className="text-emerald-700 dark:text-emerald-300">
              ✓ {loaded.scenario.nodes.length} nodes · {loaded.scenario.pods.length} pods ·{' '}
              {loaded.scenario.workloads.length} workloads · {loaded.scenario.services.length}{' '}
              Services · {loaded.scenario.networkPolicies.length} policies
              {diagnostics &&
                ` · ${diagnostics.length ? `${diagnostics.length} problems (${errors} errors)` : 'no problems found'}`}
            </p>
            {[...loaded.notes, ...loaded.warnings].slice(0, 12).map((w, i) => (
              <p key={i} className="text-xs text-amber-800 dark:text-amber-300">
                △ {w}
              </p>
            ))}
          </div>
        )}
      </div>
      <div className="mt-3 flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button
          variant="primary"
          disabled={!loaded}
          onClick={() => void handleOpen()}
          data-testid="import.open"
        >
          Open
        </Button>
      </div>
    </div>
  );
}
