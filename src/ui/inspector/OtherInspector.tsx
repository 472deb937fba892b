import { selectCluster, useAppStore } from '@/state';

import { KeyValue } from '../primitives/KeyValue';
import { Section } from '../primitives/Section';

import { WalkActions } from './WalkActions';

export interface OtherInspectorProps {
  readonly id: string;
}

/** The node network and the outside world. */
export function OtherInspector({ id }: OtherInspectorProps) {
  const cluster = useAppStore(selectCluster);
  if (id.startsWith('ext:')) {
    return (
      <Section title="Outside the cluster">
        <h2 className="mb-2 text-base font-semibold" data-testid="inspector.title">
          Clients and the internet
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">
          Hosts beyond the node network’s gateway. They reach the cluster through a node’s address
          (NodePort), a load balancer or an external IP — never a pod or ClusterIP directly.
        </p>
        <WalkActions asSource="203.0.113.10" asDestination="93.184.216.34" />
      </Section>
    );
  }
  return (
    <Section title="Node network">
      <h2 className="mb-2 text-base font-semibold" data-testid="inspector.title">
        {cluster.settings.nodeNetwork}
      </h2>
      <KeyValue
        rows={[
          ['Gateway', cluster.nodes[0]?.routes.find((r) => r.dst === 'default')?.via ?? '—'],
          ['Nodes', cluster.nodes.map((n) => `${n.name} ${n.ips[0] ?? ''}`).join(', ') || '—'],
          [
            'CNI mode',
            cluster.settings.cni.mode === 'vxlan'
              ? 'VXLAN overlay (flannel.1)'
              : 'routes (host-gw)',
          ],
        ]}
      />
    </Section>
  );
}
