/**
 * A node's main routing table as `ip route` prints them: eth0's connected route for its subnet
 * and the default route via that subnet's router (at boot), then the CNI's routes (see the
 * datapaths in src/sim/cni: cni0's connected route, routes to the other nodes' pod ranges —
 * host-gw via the peer, flannel.1, tunl0, none when the cloud's router holds them, …).
 */
import { cidrContainsIp, parseCidr, toNetwork, formatCidr, type Cidr } from '../addr/cidr';
import { parseIp } from '../addr/ip';

import { familyOfText, kernelRoute, sortRoutes, staticRoute } from './routeText';
import type { RejectedRoute, Route } from './types';

/** A node address's block on its subnet and the router's address there. */
export interface AddrBlock {
  readonly prefix: number;
  readonly gateway: string;
}

export interface NodeRouteTable {
  readonly routes: Route[];
  readonly rejected: RejectedRoute[];
}

/**
 * Builds the main table in the order the routes appear on a real node: eth0's connected route at
 * boot, then the CNI's. Connected (`proto kernel`) routes for the same prefix on different
 * devices both stay — the kernel appends them, and the lookup takes the first (eth0's) — while a
 * second route for a taken prefix is refused with "RTNETLINK answers: File exists" (the error
 * flannel and kubenet log), and a route whose gateway is on no connected subnet with "Nexthop has
 * invalid gateway" (fib_check_nh: the kernel only accepts a next hop it can reach on a link,
 * unless the route says `onlink`).
 */
export function nodeRouteTable(
  ips: readonly string[],
  blockOf: (ip: string) => AddrBlock,
  cniRoutes: readonly Route[],
): NodeRouteTable {
  const routes: Route[] = [];
  const rejected: RejectedRoute[] = [];
  const byPrefix = new Map<string, Route[]>();
  const connected: Cidr[] = [];
  const push = (r: Route): void => {
    const k = `${r.family} ${r.dst}`;
    const same = byPrefix.get(k) ?? [];
    if (same.some((x) => x.dev === r.dev && x.via === r.via)) return;
    const existing = same[0];
    if (r.via !== undefined && !r.onlink && !onLink(connected, r.via)) {
      rejected.push({ route: r, error: 'Error: Nexthop has invalid gateway.' });
      return;
    }
    if (!existing || (r.proto === 'kernel' && same.every((x) => x.proto === 'kernel'))) {
      routes.push(r);
      byPrefix.set(k, [...same, r]);
      // A route without a gateway (`scope link`) makes its prefix reachable on that device.
      if (r.scope === 'link' && r.type === undefined && r.dst !== 'default') {
        const c = parseCidr(r.dst, { allowBareIp: true });
        if (c.ok) connected.push(toNetwork(c.value));
      }
    } else rejected.push({ route: r, existing, error: 'RTNETLINK answers: File exists' });
  };
  const defaults: Route[] = [];
  for (const [i, ipText] of ips.entries()) {
    const a = parseIp(ipText);
    if (!a.ok) continue;
    const { prefix, gateway } = blockOf(ipText);
    const net = toNetwork({ family: a.value.family, addr: a.value.n, prefix });
    push(kernelRoute(a.value.family, formatCidr(net), 'eth0', ipText));
    const isFirstOfFamily = ips.findIndex((t) => familyOfText(t) === a.value.family) === i;
    if (gateway !== '' && gateway !== ipText && isFirstOfFamily)
      defaults.push(staticRoute(a.value.family, 'default', gateway, 'eth0', false, true));
  }
  for (const r of defaults) push(r);
  for (const r of cniRoutes) push(r);
  return { routes: sortRoutes(routes), rejected };
}

/** Is `via` on a subnet this node is connected to (a `scope link` route's block)? */
function onLink(connected: readonly Cidr[], via: string): boolean {
  const a = parseIp(via);
  return a.ok && connected.some((c) => cidrContainsIp(c, a.value));
}
