/** A Kubernetes node: its addresses, interfaces, routing table, bridge ports and kube-proxy's rules. */
import { zoneOf } from '@/graph';
import { removeNode, type DerivedNode, type NetDevice } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { Badge } from '../primitives/Badge';
import { Button } from '../primitives/Button';
import { CodeBlock } from '../primitives/CodeBlock';
import { KeyValue } from '../primitives/KeyValue';
import { Section } from '../primitives/Section';

import { ExpandControl } from './ExpandControl';
import { NodeRulesView } from './ProxyRulesViews';
import { WalkActions } from './WalkActions';

/** "10.244.1.1/24 · MTU 1450 · VXLAN VNI 1, UDP 8472 · 0a:…" */
function deviceSummary(d: NetDevice): string {
  const t = d.tunnel;
  const tunnel = t
    ? t.encap === 'ipip'
      ? 'IP-in-IP (protocol 4)'
      : `${t.encap === 'geneve' ? 'Geneve' : 'VXLAN'}${t.vni !== undefined ? ` VNI ${t.vni}` : ''}, UDP ${t.port ?? ''}`
    : undefined;
  return [
    d.addrs.map((a) => `${a.ip}/${a.prefix}`).join(', ') || 'no address',
    `MTU ${d.mtu}`,
    tunnel,
    d.mac,
  ]
    .filter(Boolean)
    .join(' · ');
}

export interface NodeInspectorProps {
  readonly node: DerivedNode;
  readonly part?: string | undefined;
}

export function NodeInspector({ node, part }: NodeInspectorProps) {
  const cluster = useAppStore(selectCluster);
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);
  const walk = useAppStore((s) => s.walk);
  const pods = node.podKeys.map((k) => cluster.podByKey.get(k)).filter((p) => p !== undefined);
  const title = part ? `${part} on ${node.name}` : node.name;
  const sameRanges = node.podRanges.join() === node.podCIDRs.join();
  return (
    <div data-testid="inspector.node">
      <Section
        title={part ? 'Interface' : 'Node'}
        right={<Badge>{node.podCIDRsAllocated ? 'range allocated' : 'range given'}</Badge>}
      >
        <h2 className="mb-2 text-base font-semibold" data-testid="inspector.title">
          {title}
        </h2>
        <KeyValue
          testId="inspector.node.fields"
          rows={[
            ['Node IP', node.ips.join(', ') || '—'],
            node.externalIps.length > 0 && ['External IP', node.externalIps.join(', ')],
            ['Pod range (node.spec)', node.podCIDRs.join(', ') || '—'],
            !sameRanges && [
              `Pod addresses (${cluster.datapath.profile.name})`,
              `${node.podRanges.join(', ') || '—'}${node.podCIDRs.length > 0 ? ' — node.spec.podCIDR is not used' : ''}`,
            ],
            zoneOf(node) !== undefined && ['Zone', zoneOf(node) ?? ''],
            ['eth0 MAC', node.eth0.mac],
            ...node.devices.map((d): [string, string] => [d.name, deviceSummary(d)]),
            ['Pods', String(pods.length)],
          ]}
        />
        <ExpandControl node={node.name} />
        <div className="mt-3">
          <WalkActions
            asSource={`node/${node.name}`}
            asDestination={walk ? `node/${node.name}` : undefined}
          />
        </div>
      </Section>
      <Section title="Routing table · ip route">
        <CodeBlock lines={node.routes.map((r) => r.text)} testId="inspector.node.routes" />
        {node.rejectedRoutes.length > 0 && (
          <div
            className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-200"
            data-testid="inspector.node.rejectedRoutes"
          >
            <p className="mb-1 font-medium">Routes the CNI could not install</p>
            <ul className="space-y-1">
              {node.rejectedRoutes.map((x) => (
                <li key={x.route.text}>
                  <code className="font-mono">ip route add {x.route.text}</code> → {x.error}
                  {x.existing ? (
                    <>
                      : the prefix is already taken by{' '}
                      <code className="font-mono">{x.existing.text}</code>.
                    </>
                  ) : (
                    <>: {x.route.via} is on no subnet this node is connected to.</>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Section>
      {(node.neigh.length > 0 || node.fdb.length > 0) && (
        <Section title="ip neigh · bridge fdb (written by the CNI)">
          <CodeBlock
            lines={[...node.neigh.map((n) => n.text), ...node.fdb.map((f) => f.text)]}
            testId="inspector.node.neigh"
          />
        </Section>
      )}
      <Section
        title={
          node.podAttach.style === 'bridge'
            ? `${node.podAttach.label} ports · bridge link`
            : 'Pod veths (host ends, no bridge)'
        }
      >
        <ul className="space-y-1 text-sm">
          {pods
            .filter((p) => p.vethHost)
            .map((p) => (
              <li key={p.key} className="flex items-center justify-between gap-2">
                <span className="font-mono text-[12px]">{p.vethHost?.name}</span>
                <button
                  type="button"
                  className="truncate text-blue-700 hover:underline dark:text-blue-300"
                  onClick={() => select(p.id)}
                >
                  {p.key} · {p.ips[0]}
                </button>
              </li>
            ))}
          {pods.every((p) => !p.vethHost) && (
            <li className="text-slate-500">No pods on this node.</li>
          )}
        </ul>
      </Section>
      <NodeRulesView node={node} />
      <Section title="Edit">
        <Button
          size="sm"
          variant="danger"
          data-testid="inspector.node.remove"
          onClick={() => {
            edit((s) => removeNode(s, node.name));
            select(undefined);
          }}
        >
          Remove node (its pods stay, unscheduled)
        </Button>
      </Section>
    </div>
  );
}
