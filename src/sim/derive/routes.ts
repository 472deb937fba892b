/**
 * Routing tables as `ip route` prints them: eth0's connected route for its subnet, the default
 * route via that subnet's router, cni0's route, then what the CNI adds for the other nodes'
 * pod ranges (cni/peerRoutes.ts: host-gw routes via the peer, flannel.1 routes, or none when
 * the cloud's router holds them).
 */
import { cidrContainsIp, parseCidr, toNetwork, formatCidr, type Cidr } from '../addr/cidr';
import { compareIp, parseIp, type Family } from '../addr/ip';
import { peerRoutesFor, type PeerRoute } from '../cni/peerRoutes';
import type { CniMode } from '../model/scenario';

import type { Iface, RejectedRoute, Route } from './types';

export interface RoutePeer {
  readonly name: string;
  readonly ips: readonly string[];
  readonly podCIDRs: readonly string[];
}

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
 * boot, cni0's when the first pod starts, then the CNI's routes to the other nodes. Connected
 * (`proto kernel`) routes for the same prefix on different devices both stay — the kernel appends
 * them, and the lookup takes the first (eth0's) — while a second route for a taken prefix is
 * refused with "RTNETLINK answers: File exists" (the error flannel and kubenet log), and a route
 * whose gateway is on no connected subnet with "Nexthop has invalid gateway" (fib_check_nh: the
 * kernel only accepts a next hop it can reach on a link, unless the route says `onlink`).
 */
export function nodeRouteTable(
  self: RoutePeer,
  peers: readonly RoutePeer[],
  blockOf: (ip: string) => AddrBlock,
  mode: CniMode,
  bridgeGateways: readonly string[],
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
    } else rejected.push({ route: r, existing, error: 'RTNETLINK answers: File exists' });
  };
  const defaults: Route[] = [];
  for (const [i, ipText] of self.ips.entries()) {
    const a = parseIp(ipText);
    if (!a.ok) continue;
    const { prefix, gateway } = blockOf(ipText);
    const net = toNetwork({ family: a.value.family, addr: a.value.n, prefix });
    connected.push(net);
    push(kernelRoute(a.value.family, formatCidr(net), 'eth0', ipText));
    const isFirstOfFamily = self.ips.findIndex((t) => familyOf(t) === a.value.family) === i;
    if (gateway !== '' && gateway !== ipText && isFirstOfFamily)
      defaults.push(staticRoute(a.value.family, 'default', gateway, 'eth0', false, true));
  }
  for (const r of defaults) push(r);
  for (const [i, c] of self.podCIDRs.entries()) {
    const gw = bridgeGateways[i];
    const f = familyOf(c.split('/')[0] ?? '');
    if (!f) continue;
    const cr = parseCidr(c);
    if (cr.ok) connected.push(toNetwork(cr.value));
    push(gw ? kernelRoute(f, c, 'cni0', gw) : linkRoute(f, c, 'cni0'));
  }
  const peerRoutes = peerRoutesFor(mode);
  for (const peer of peers) {
    if (peer.name === self.name) continue;
    for (const c of peer.podCIDRs) {
      const cr = parseCidr(c);
      if (!cr.ok) continue;
      for (const r of peerRoutes(peer, toNetwork(cr.value), c)) push(toRoute(r));
    }
  }
  return { routes: sortRoutes(routes), rejected };
}

/** Is `via` on a subnet this node is connected to (a `scope link` route's block)? */
function onLink(connected: readonly Cidr[], via: string): boolean {
  const a = parseIp(via);
  return a.ok && connected.some((c) => cidrContainsIp(c, a.value));
}

function toRoute(r: PeerRoute): Route {
  return staticRoute(r.family, r.dst, r.via, r.dev, r.onlink, false);
}

/** The node's main table as `ip route` prints it (see nodeRouteTable). */
export function nodeRoutes(...args: Parameters<typeof nodeRouteTable>): Route[] {
  return nodeRouteTable(...args).routes;
}

/** Inside a pod's network namespace: its subnet on eth0 and the default route via cni0's address. */
export function podRoutes(
  eth0: Iface,
  podCIDRs: readonly string[],
  gateways: readonly ({ ip: string } | undefined)[],
): Route[] {
  const routes: Route[] = [];
  for (const addr of eth0.addrs) {
    const f = familyOf(addr.ip);
    if (!f) continue;
    const idx = podCIDRs.findIndex((c) => familyOf(c.split('/')[0] ?? '') === f);
    const net = podCIDRs[idx];
    if (!net) continue;
    const cr = parseCidr(net);
    if (!cr.ok) continue;
    routes.push(kernelRoute(f, formatCidr(toNetwork(cr.value)), 'eth0', addr.ip));
    const gw = gateways[idx];
    // Without a gateway address (a range too small for one) the pod routes on-link and the host answers ARP.
    routes.push(
      gw ? staticRoute(f, 'default', gw.ip, 'eth0', false, false) : linkRoute(f, 'default', 'eth0'),
    );
  }
  return sortRoutes(routes);
}

function linkRoute(family: Family, dst: string, dev: string): Route {
  return { family, dst, dev, scope: 'link', text: `${dst} dev ${dev} scope link` };
}

function familyOf(t: string): Family | undefined {
  const r = parseIp(t);
  return r.ok ? r.value.family : undefined;
}

function kernelRoute(family: Family, dst: string, dev: string, src: string): Route {
  const text =
    family === 4
      ? `${dst} dev ${dev} proto kernel scope link src ${src}`
      : `${dst} dev ${dev} proto kernel metric 256 pref medium`;
  return { family, dst, dev, proto: 'kernel', scope: 'link', src, text };
}

function staticRoute(
  family: Family,
  dst: string,
  via: string,
  dev: string,
  onlink: boolean,
  protoStatic: boolean,
): Route {
  const parts = [dst, 'via', via, 'dev', dev];
  if (protoStatic) parts.push('proto', 'static');
  if (family === 6) parts.push('metric', '1024');
  if (onlink) parts.push('onlink');
  if (family === 6) parts.push('pref', 'medium');
  return {
    family,
    dst,
    via,
    dev,
    ...(protoStatic ? { proto: 'static' as const } : {}),
    ...(onlink ? { onlink: true } : {}),
    text: parts.join(' '),
  };
}

/** `ip route` prints the main table in FIB order: default first, then by network address. */
function sortRoutes(routes: Route[]): Route[] {
  const key = (r: Route): Cidr =>
    r.dst === 'default'
      ? { family: r.family, addr: 0n, prefix: 0 }
      : (() => {
          const c = parseCidr(r.dst);
          return c.ok ? c.value : { family: r.family, addr: 0n, prefix: 0 };
        })();
  return [...routes].sort((a, b) => {
    if (a.family !== b.family) return a.family - b.family;
    const ka = key(a);
    const kb = key(b);
    const c = compareIp({ family: ka.family, n: ka.addr }, { family: kb.family, n: kb.addr });
    return c !== 0 ? c : ka.prefix - kb.prefix;
  });
}
