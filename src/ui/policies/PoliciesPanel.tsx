/**
 * NetworkPolicies per namespace: what each selects and admits (and highlights on the graph), add
 * one from a form or YAML, edit, delete; and the CNI's ipBlock behaviour.
 */
import clsx from 'clsx';
import { useState } from 'react';

import {
  describeRule,
  effectivePolicyTypes,
  keyOf,
  peersAllowedBy,
  podsSelectedBy,
  removeNetworkPolicy,
  updateCluster,
  type NetworkPolicy,
} from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { Badge } from '../primitives/Badge';
import { Button } from '../primitives/Button';
import { Dialog } from '../primitives/Dialog';
import { Section } from '../primitives/Section';

import { PolicyForm } from './PolicyForm';
import { PolicyYamlDialog } from './PolicyYamlDialog';

export function PoliciesPanel() {
  const cluster = useAppStore(selectCluster);
  const focus = useAppStore((s) => s.policyFocus);
  const setFocus = useAppStore((s) => s.setPolicyFocus);
  const edit = useAppStore((s) => s.edit);
  const [dialog, setDialog] = useState<'form' | 'yaml' | undefined>();
  const [editing, setEditing] = useState<NetworkPolicy | undefined>();
  const byNs = new Map<string, NetworkPolicy[]>();
  for (const p of cluster.networkPolicies) {
    const ns = p.metadata.namespace ?? 'default';
    byNs.set(ns, [...(byNs.get(ns) ?? []), p]);
  }
  const ipBlockPods = cluster.settings.cni.ipBlockMatchesPods !== false;
  return (
    <div data-testid="policies.panel">
      <Section title="NetworkPolicies" right={<Badge>{cluster.networkPolicies.length}</Badge>}>
        <div className="mb-2 flex gap-2">
          <Button
            size="sm"
            variant="primary"
            onClick={() => setDialog('form')}
            data-testid="policies.new"
          >
            + New policy
          </Button>
          <Button
            size="sm"
            onClick={() => {
              setEditing(undefined);
              setDialog('yaml');
            }}
            data-testid="policies.new-yaml"
          >
            + From YAML
          </Button>
        </div>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Policies only allow. A pod selected by any policy for a direction is isolated: only what
          some rule admits gets through, and a connection needs the source’s egress and the
          destination’s ingress.
        </p>
      </Section>
      {[...byNs.entries()].map(([ns, list]) => (
        <Section key={ns} title={`Namespace ${ns}`}>
          <ul className="space-y-2">
            {list.map((p) => {
              const key = keyOf(p.metadata);
              const selected = podsSelectedBy(cluster, key);
              const types = effectivePolicyTypes(p);
              const open = focus === key;
              const peers = open ? peersAllowedBy(cluster, key) : undefined;
              return (
                <li
                  key={key}
                  className={clsx(
                    'rounded-md border p-2',
                    open
                      ? 'border-violet-400 bg-violet-50 dark:border-violet-600 dark:bg-violet-950/40'
                      : 'border-slate-200 dark:border-slate-700',
                  )}
                  data-testid={`policy.${key}`}
                >
                  <button
                    type="button"
                    className="flex w-full items-center gap-2 text-left"
                    onClick={() => setFocus(open ? undefined : key)}
                    aria-expanded={open}
                  >
                    <span className="flex-1 font-medium">{p.metadata.name}</span>
                    {types.map((t) => (
                      <Badge key={t} tone={t === 'ingress' ? 'info' : 'warn'}>
                        {t === 'ingress' ? 'Ingress' : 'Egress'}
                      </Badge>
                    ))}
                    <span className="text-xs text-slate-500">
                      {selected.length} pod{selected.length === 1 ? '' : 's'}
                    </span>
                  </button>
                  {open && peers && (
                    <div className="mt-2 space-y-1 text-xs">
                      <div>
                        <span className="text-slate-500">selects: </span>
                        {selected.join(', ') || 'no pods'}
                      </div>
                      {(p.spec.ingress ?? []).map((r, i) => (
                        <div key={`i${i}`} className="font-mono">
                          {describeRule('ingress', i, { peers: r.from, ports: r.ports }, ns)}
                        </div>
                      ))}
                      {(p.spec.egress ?? []).map((r, i) => (
                        <div key={`e${i}`} className="font-mono">
                          {describeRule('egress', i, { peers: r.to, ports: r.ports }, ns)}
                        </div>
                      ))}
                      {types.includes('ingress') && !(p.spec.ingress ?? []).length && (
                        <div className="text-red-700 dark:text-red-300">
                          no ingress rules: denies all ingress to the selected pods
                        </div>
                      )}
                      {types.includes('egress') && !(p.spec.egress ?? []).length && (
                        <div className="text-red-700 dark:text-red-300">
                          no egress rules: denies all egress from the selected pods
                        </div>
                      )}
                      <div>
                        <span className="text-slate-500">admits pods: </span>
                        {[...new Set([...peers.ingress.pods, ...peers.egress.pods])].join(', ') ||
                          '—'}
                        {peers.ingress.anywhere || peers.egress.anywhere ? ' · anywhere' : ''}
                      </div>
                      <div className="flex gap-2 pt-1">
                        <Button
                          size="sm"
                          onClick={() => {
                            setEditing(p);
                            setDialog('yaml');
                          }}
                          data-testid="policy.edit"
                        >
                          Edit YAML
                        </Button>
                        <Button
                          size="sm"
                          variant="danger"
                          onClick={() => {
                            edit((s) => removeNetworkPolicy(s, key));
                            setFocus(undefined);
                          }}
                          data-testid="policy.delete"
                        >
                          Delete
                        </Button>
                      </div>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </Section>
      ))}
      <Section title="CNI behaviour">
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={ipBlockPods}
            onChange={(e) =>
              edit((s) =>
                updateCluster(s, {
                  cni: { ...s.cluster.cni, ipBlockMatchesPods: e.target.checked },
                }),
              )
            }
            data-testid="policies.ipblock-pods"
          />
          <span>
            ipBlock peers match pod IPs too{' '}
            <span className="text-slate-500">
              (upstream e2e tests, Calico). Off: Cilium-like — ipBlock only matches addresses
              outside the cluster.
            </span>
          </span>
        </label>
      </Section>
      <Dialog
        title="New NetworkPolicy"
        open={dialog === 'form'}
        onClose={() => setDialog(undefined)}
        wide
        testId="dialog.policy-form"
      >
        <PolicyForm onDone={() => setDialog(undefined)} />
      </Dialog>
      <Dialog
        title={editing ? `Edit ${keyOf(editing.metadata)}` : 'NetworkPolicy from YAML'}
        open={dialog === 'yaml'}
        onClose={() => setDialog(undefined)}
        wide
        testId="dialog.policy-yaml"
      >
        <PolicyYamlDialog policy={editing} onDone={() => setDialog(undefined)} />
      </Dialog>
    </div>
  );
}
