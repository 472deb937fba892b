/**
 * The router joining the node subnets, as its routing table would read: one connected route
 * per subnet (it holds the gateway address there), the pod routes a cloud's route controller
 * wrote (cloud-routes), and its own way out to the internet.
 */
import type { Cluster } from './types';

export interface RouterRoute {
  readonly dst: string;
  readonly via?: string;
  /** `connected` (a subnet it sits on), `pod` (a node's pod range), `default` (upstream). */
  readonly kind: 'connected' | 'pod' | 'default';
  /** The node a pod route points to. */
  readonly node?: string;
  readonly text: string;
}

/** The router's table, connected subnets first (`ip route` style lines). */
export function routerRoutes(cluster: Cluster): RouterRoute[] {
  const out: RouterRoute[] = [];
  cluster.subnets.forEach((s, i) =>
    s.cidrs.forEach((c, j) => {
      const gw = s.gateways[j] ?? '';
      out.push({
        dst: c,
        kind: 'connected',
        text: `${c} dev net${i} proto kernel scope link${gw ? ` src ${gw}` : ''}`,
      });
    }),
  );
  for (const r of cluster.router.podRoutes)
    out.push({
      dst: r.dst,
      via: r.via,
      kind: 'pod',
      node: r.node,
      text: `${r.dst} via ${r.via} proto static  # ${r.node}'s pod range (cloud route)`,
    });
  out.push({ dst: 'default', kind: 'default', text: 'default via <upstream> dev wan0' });
  return out;
}
