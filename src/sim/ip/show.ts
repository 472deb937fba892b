/**
 * What iproute2 prints in one network namespace of the derived cluster — `ip addr`, `ip -d link`,
 * `ip route`, `ip neigh` — for a node's root namespace or a pod's. Everything is read off the same
 * derived model the walk and `k8snet routes` use; nothing here knows which CNI built it.
 */
import type { Cluster, DerivedNode, DerivedPod, NeighEntry, Route } from '../derive/types';

import { formatAddr, formatLink } from './format';
import { nodeLinks, podLinks } from './links';

export type IpObject = 'addr' | 'link' | 'route' | 'neigh';

export type IpTarget =
  | { readonly kind: 'node'; readonly node: DerivedNode }
  | { readonly kind: 'pod'; readonly pod: DerivedPod };

/** The object an `ip` argument names, accepting iproute2's abbreviations (`a`, `r`, `neighbour`…). */
export function parseIpObject(word: string): IpObject | undefined {
  const w = word.toLowerCase();
  const match = (full: string[], min: string): boolean =>
    w.length >= min.length && full.some((f) => f.startsWith(w));
  if (match(['address', 'addr'], 'a')) return 'addr';
  if (match(['link'], 'l')) return 'link';
  if (match(['route'], 'r')) return 'route';
  if (match(['neighbour', 'neighbor', 'neigh'], 'n')) return 'neigh';
  return undefined;
}

/** The node's neighbour table: its default gateway (the router, learnt by ARP) and the CNI's entries. */
function nodeNeigh(cluster: Cluster, node: DerivedNode): NeighEntry[] {
  const out: NeighEntry[] = [];
  const subnet = cluster.subnets.find((s) => s.id === node.subnet);
  for (const r of node.routes) {
    if (r.dst !== 'default' || r.dev !== 'eth0' || r.via === undefined || !subnet?.routerMac)
      continue;
    if (!subnet.gateways.includes(r.via)) continue;
    out.push({
      ip: r.via,
      dev: 'eth0',
      mac: subnet.routerMac,
      state: 'REACHABLE',
      text: `${r.via} dev eth0 lladdr ${subnet.routerMac} REACHABLE`,
    });
  }
  return [...out, ...node.neigh];
}

const familyOf = (ip: string): 4 | 6 => (ip.includes(':') ? 6 : 4);

/**
 * The lines `ip [-4|-6] OBJECT` prints in the target's namespace. `ip route` shows IPv4 unless
 * asked for IPv6 (as iproute2 does); addr, link and neigh show every family unless one is given.
 */
export function ipShow(
  cluster: Cluster,
  target: IpTarget,
  object: IpObject,
  family?: 4 | 6,
): string[] {
  const links = () =>
    target.kind === 'node' ? nodeLinks(cluster, target.node) : podLinks(cluster, target.pod);
  switch (object) {
    case 'addr':
      return formatAddr(links(), family);
    case 'link':
      return formatLink(links());
    case 'route': {
      const routes: readonly Route[] =
        target.kind === 'node' ? target.node.routes : target.pod.routes;
      const fam = family ?? 4;
      return routes.filter((r) => r.family === fam).map((r) => r.text);
    }
    case 'neigh': {
      const neigh = target.kind === 'node' ? nodeNeigh(cluster, target.node) : target.pod.neigh;
      return neigh
        .filter((n) => family === undefined || familyOf(n.ip) === family)
        .map((n) => n.text);
    }
  }
}
