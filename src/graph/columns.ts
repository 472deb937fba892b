/**
 * The order of the node columns: grouped by subnet (each subnet's bus spans its own nodes), then
 * by zone inside a subnet (each run of one zone gets a box), then in node order. With one subnet
 * and no zones this is plain node order.
 */
import type { Cluster, DerivedNode } from '@/sim';

export interface Column {
  readonly node: DerivedNode;
  /** The subnet bus its eth0 is wired to. */
  readonly subnet: string | undefined;
  /** The zone box around it: one per run of one zone within a subnet. */
  readonly zoneBox: string | undefined;
}

/** Element id of the box around the nodes of `zone` on subnet `subnet`. */
export const zoneBoxId = (subnet: string | undefined, zone: string): string =>
  `zone:${subnet ?? ''}|${zone}`;

export function nodeColumns(cluster: Cluster): Column[] {
  const subnetRank = new Map(cluster.subnets.map((s, i) => [s.id, i]));
  const zoneRank = new Map<string, number>();
  for (const n of cluster.nodes)
    if (n.zone !== undefined && !zoneRank.has(n.zone)) zoneRank.set(n.zone, zoneRank.size);
  const rank = (n: DerivedNode): [number, number] => [
    n.subnet !== undefined ? (subnetRank.get(n.subnet) ?? 1e9) : 1e9,
    n.zone !== undefined ? (zoneRank.get(n.zone) ?? 0) : -1,
  ];
  return cluster.nodes
    .map((node, i) => ({ node, i, r: rank(node) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i)
    .map(({ node }) => ({
      node,
      subnet: node.subnet,
      zoneBox: node.zone !== undefined ? zoneBoxId(node.subnet, node.zone) : undefined,
    }));
}

/**
 * Columns for some nodes in a given order (the overview's focus: the walk's nodes, source
 * first): kept together by subnet so each bus spans only its own nodes, subnets and zones in
 * order of first appearance.
 */
export function scopedColumns(nodes: readonly DerivedNode[]): Column[] {
  const first = new Map<string, number>();
  nodes.forEach((n, i) => {
    const k = `${n.subnet ?? ''}|${n.zone ?? ''}`;
    const sk = `${n.subnet ?? ''}`;
    if (!first.has(sk)) first.set(sk, i);
    if (!first.has(k)) first.set(k, i);
  });
  return nodes
    .map((node, i) => ({
      node,
      i,
      s: first.get(`${node.subnet ?? ''}`) ?? 0,
      z: first.get(`${node.subnet ?? ''}|${node.zone ?? ''}`) ?? 0,
    }))
    .sort((a, b) => a.s - b.s || a.z - b.z || a.i - b.i)
    .map(({ node }) => ({
      node,
      subnet: node.subnet,
      zoneBox: node.zone !== undefined ? zoneBoxId(node.subnet, node.zone) : undefined,
    }));
}
