import { selectCluster, useAppStore } from '@/state';

import { KeyValue } from '../primitives/KeyValue';
import { Section } from '../primitives/Section';

export interface SubnetInspectorProps {
  readonly id: string;
}

const SOURCE = {
  given: 'given (nodeNetwork)',
  inferred: 'inferred by the import from the nodes’ addresses (not checked as a range)',
  implicit: 'not in nodeNetwork: the /24 (/64) around a node address outside every subnet',
} as const;

/** One node subnet: its blocks, router address, where it comes from and its nodes. */
export function SubnetInspector({ id }: SubnetInspectorProps) {
  const cluster = useAppStore(selectCluster);
  const sub = cluster.subnets.find((s) => s.id === id) ?? cluster.subnets[0];
  if (!sub)
    return (
      <Section title="Node network">
        <p className="text-sm" data-testid="inspector.title">
          No node subnet: nodeNetwork is empty and no node has an address.
        </p>
      </Section>
    );
  const zones = [...new Set(sub.nodes.map((n) => cluster.nodeByName.get(n)?.zone).filter(Boolean))];
  return (
    <Section title={cluster.subnets.length > 1 ? 'Node subnet' : 'Node network'}>
      <h2 className="mb-2 text-base font-semibold" data-testid="inspector.title">
        {sub.cidrs.join(', ')}
      </h2>
      <KeyValue
        rows={[
          ['Gateway (router)', sub.gateways.filter(Boolean).join(', ') || '—'],
          ['Source', SOURCE[sub.source]],
          [
            'Nodes',
            sub.nodes
              .map((n) => `${n} ${cluster.nodeByName.get(n)?.ips[0] ?? ''}`.trim())
              .join(', ') || '—',
          ],
          ['Zones', zones.join(', ') || '—'],
          ['CNI', cluster.datapath.profile.name],
          ['Between nodes', cluster.datapath.profile.encapsulation],
        ]}
      />
    </Section>
  );
}
