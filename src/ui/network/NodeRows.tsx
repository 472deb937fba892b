/**
 * Each node's address and pod range (allocated by the cluster — auto — or pinned), and its zone
 * (the `topology.kubernetes.io/zone` label).
 */
import { setNodeZone, zoneOf, type Diagnostic, type Node, type Scenario } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { Section } from '../primitives/Section';

import { CidrField } from './CidrField';
import { cidrSyntax } from './cidrSyntax';

const zoneSyntax = (v: string): string | undefined =>
  v.trim() === '' || /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(v.trim())
    ? undefined
    : 'A zone is a label value: letters, digits, - _ . (at most 63), e.g. eu-west-1a';

const ipSyntax = (v: string): string | undefined =>
  v.trim() === ''
    ? undefined
    : /^[0-9a-fA-F:.]+$/.test(v.trim())
      ? undefined
      : `"${v}" is not an IP address`;

function patchNode(s: Scenario, name: string, fn: (n: Node) => Node): Scenario {
  const nodes = s.nodes.map((n) => (n.metadata.name === name ? fn(n) : n));
  return { ...s, nodes };
}

export function NodeRows({ diagnostics }: { readonly diagnostics: readonly Diagnostic[] }) {
  const cluster = useAppStore(selectCluster);
  const scenario = useAppStore((s) => s.scenario);
  const edit = useAppStore((s) => s.edit);
  return (
    <Section title="Nodes">
      {scenario.nodes.map((n, i) => {
        const d = cluster.nodeByName.get(n.metadata.name);
        const pinned = Boolean(n.spec?.podCIDR || n.spec?.podCIDRs?.length);
        const given = n.spec?.podCIDRs?.join(',') ?? n.spec?.podCIDR ?? '';
        const ipGiven = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
        return (
          <div
            key={n.metadata.name}
            className="mb-3 rounded-md border border-slate-200 p-2 dark:border-slate-700"
            data-testid={`network.node.${n.metadata.name}`}
          >
            <div className="mb-1 flex items-center justify-between text-sm font-semibold">
              {n.metadata.name}
              <label className="flex items-center gap-1 text-xs font-normal">
                <input
                  type="checkbox"
                  checked={pinned}
                  onChange={(e) =>
                    edit((s) =>
                      patchNode(s, n.metadata.name, (x) => {
                        if (e.target.checked)
                          return { ...x, spec: { ...x.spec, podCIDR: d?.podCIDRs[0] ?? '' } };
                        const { podCIDR: _a, podCIDRs: _b, ...rest } = x.spec ?? {};
                        return { ...x, spec: rest };
                      }),
                    )
                  }
                  data-testid={`network.node.${n.metadata.name}.pin`}
                />
                pin pod range
              </label>
            </div>
            <div className="grid grid-cols-2 gap-2">
              <CidrField
                id={`net.node.${i}.ip`}
                label="Node IP"
                field={`nodes[${i}].status.addresses`}
                value={ipGiven}
                placeholder={d?.ips[0] ? `auto: ${d.ips[0]}` : 'auto'}
                diagnostics={diagnostics}
                check={ipSyntax}
                apply={(v) =>
                  edit((s) =>
                    patchNode(s, n.metadata.name, (x) => ({
                      ...x,
                      status: {
                        ...x.status,
                        addresses: v.trim() ? [{ type: 'InternalIP', address: v.trim() }] : [],
                      },
                    })),
                  )
                }
              />
              {pinned ? (
                <CidrField
                  id={`net.node.${i}.podCIDR`}
                  label="Pod range"
                  field={`nodes[${i}].spec.podCIDR`}
                  value={given}
                  diagnostics={diagnostics}
                  check={(v) => cidrSyntax(v, 'Pod range', '10.244.1.0/24')}
                  apply={(v) =>
                    edit((s) =>
                      patchNode(s, n.metadata.name, (x) => ({
                        ...x,
                        spec: { ...x.spec, podCIDR: v.trim(), podCIDRs: undefined },
                      })),
                    )
                  }
                />
              ) : (
                <div className="text-xs">
                  <div className="mb-1 font-semibold text-slate-600 dark:text-slate-300">
                    Pod range
                  </div>
                  <div className="font-mono">{d?.podCIDRs.join(', ') || 'none left'}</div>
                  <div className="text-slate-500">allocated from {cluster.settings.podSubnet}</div>
                </div>
              )}
            </div>
            <CidrField
              id={`net.node.${i}.zone`}
              label="Zone (topology.kubernetes.io/zone)"
              field={`nodes[${i}].metadata.labels`}
              value={zoneOf(n.metadata) ?? ''}
              placeholder="none"
              diagnostics={diagnostics}
              check={zoneSyntax}
              apply={(v) => edit((s) => setNodeZone(s, n.metadata.name, v))}
            />
          </div>
        );
      })}
    </Section>
  );
}
