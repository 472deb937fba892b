/**
 * `cloud-routes`: the infrastructure router holds one route per node pod range, pointing at the
 * node (kubenet with a cloud provider's route controller writing the VPC route table, GKE
 * routes-based clusters, AKS kubenet). The nodes themselves add no routes for each other's pods:
 * pod traffic for another node follows the default route to the router, which forwards it to the
 * node that owns the range — across subnets too, since the router joins them all.
 */
import type { PeerRoutes } from './peerRoutes';

/** A route the router holds: `dst` via the node `node`'s address `via`. */
export interface RouterPodRoute {
  readonly dst: string;
  readonly via: string;
  readonly node: string;
}

/** A node as the cloud's route controller sees it: its name, addresses and pod ranges. */
export interface RoutedNode {
  readonly name: string;
  readonly ips: readonly string[];
  readonly podCIDRs: readonly string[];
}

const noPeerRoutes: PeerRoutes = () => [];

/** The route controller's table: each node's pod range via its address of that family. */
function routerPodRoutes(nodes: readonly RoutedNode[]): RouterPodRoute[] {
  const out: RouterPodRoute[] = [];
  for (const n of nodes)
    for (const c of n.podCIDRs) {
      const v6 = c.includes(':');
      const via = n.ips.find((ip) => ip.includes(':') === v6);
      if (via !== undefined) out.push({ dst: c, via, node: n.name });
    }
  return out;
}

/** The cloud-routes datapath: no routes between nodes, pod routes on the router. */
export const cloudRoutesDatapath = {
  mode: 'cloud-routes',
  peerRoutes: noPeerRoutes,
  routerPodRoutes,
} as const;
