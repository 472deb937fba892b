/**
 * How the overview groups Kubernetes nodes: by the node subnet their address is on (when the
 * cluster has more than one) and by zone (`topology.kubernetes.io/zone`), as the full view's
 * buses and zone boxes do. Groups keep the cluster's node order inside them and come in subnet
 * order, then in order of their first node, so the grid reads like the node list.
 */
import type { Cluster, DerivedNode } from '@/sim';

/** kubernetes.io/docs/reference/labels-annotations-taints/#topologykubernetesiozone */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface NodeGroup {
  readonly key: string;
  /** "subnet 10.0.1.0/24 · zone eu-west-1a · 34 nodes", or the node network's when one. */
  readonly label: string;
  readonly zone?: string;
  readonly subnet?: string;
  readonly nodes: readonly DerivedNode[];
}

export const zoneOf = (n: DerivedNode): string | undefined => n.zone;

export function nodeGroups(cluster: Cluster): NodeGroup[] {
  const several = cluster.subnets.length > 1;
  const cidrs = new Map(cluster.subnets.map((s, i) => [s.id, { i, text: s.cidrs.join(', ') }]));
  const byKey = new Map<string, { zone?: string; subnet?: string; nodes: DerivedNode[] }>();
  for (const n of cluster.nodes) {
    const subnet = several ? n.subnet : undefined;
    const key = `${subnet ?? ''}|${n.zone ?? ''}`;
    let g = byKey.get(key);
    if (!g) {
      g = { ...(n.zone ? { zone: n.zone } : {}), ...(subnet ? { subnet } : {}), nodes: [] };
      byKey.set(key, g);
    }
    g.nodes.push(n);
  }
  const rank = (subnet: string | undefined): number =>
    subnet === undefined ? 1e9 : (cidrs.get(subnet)?.i ?? 1e9);
  const zones = new Set([...byKey.values()].map((g) => g.zone));
  const net = cluster.subnets.map((s) => s.cidrs.join(', ')).join(' · ');
  return [...byKey.entries()]
    .sort((a, b) => rank(a[1].subnet) - rank(b[1].subnet))
    .map(([key, g]) => {
      const parts = [
        g.subnet ? `subnet ${cidrs.get(g.subnet)?.text ?? g.subnet}` : '',
        g.zone ? `zone ${g.zone}` : zones.size > 1 ? 'no zone label' : '',
      ].filter(Boolean);
      const count = `${g.nodes.length} node${g.nodes.length === 1 ? '' : 's'}`;
      return {
        key,
        label: parts.length
          ? `${parts.join(' · ')} · ${count}`
          : `node network ${net || '(none)'} · ${count}`,
        ...(g.zone ? { zone: g.zone } : {}),
        ...(g.subnet ? { subnet: g.subnet } : {}),
        nodes: g.nodes,
      };
    });
}
