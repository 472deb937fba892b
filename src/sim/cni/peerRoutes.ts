/**
 * The routes each CNI datapath adds on a node for another node's pod range — one function per
 * mode, looked up by name (no mode branches in the route builder):
 * - `routes` (flannel host-gw, kubenet without a cloud): `<podCIDR> via <peer address> dev eth0`,
 *   which the kernel only accepts when the peer is on a connected subnet;
 * - `vxlan` (flannel): `<podCIDR> via <peer podCIDR network> dev flannel.1 onlink` (IPv4; other
 *   families fall back to host-gw style routes, as flannel without an IPv6 VXLAN backend does);
 * - `cloud-routes` (cloudRoutes.ts): nothing — the infrastructure router holds the pod routes.
 */
import { formatIp, parseIp, type Family } from '../addr/ip';
import type { Cidr } from '../addr/cidr';
import type { CniMode } from '../model/scenario';

import { cloudRoutesDatapath, type RoutedNode, type RouterPodRoute } from './cloudRoutes';

/** A route to add on a node: `ip route add DST via VIA dev DEV [onlink]`. */
export interface PeerRoute {
  readonly family: Family;
  readonly dst: string;
  readonly via: string;
  readonly dev: string;
  readonly onlink: boolean;
}

/** The other node, as the route builder sees it. */
export interface Peer {
  readonly name: string;
  readonly ips: readonly string[];
}

/** Routes for one of the peer's pod ranges (`net` in network form, `text` as the node has it). */
export type PeerRoutes = (peer: Peer, net: Cidr, text: string) => readonly PeerRoute[];

const familyOf = (t: string): Family | undefined => {
  const r = parseIp(t);
  return r.ok ? r.value.family : undefined;
};

/** host-gw: the peer's address of the range's family is the next hop, out of eth0. */
export const hostGwRoutes: PeerRoutes = (peer, net, text) => {
  const via = peer.ips.find((t) => familyOf(t) === net.family);
  return via ? [{ family: net.family, dst: text, via, dev: 'eth0', onlink: false }] : [];
};

/** flannel VXLAN: the peer range's network address on flannel.1, on-link. */
export const vxlanRoutes: PeerRoutes = (peer, net, text) =>
  net.family === 4
    ? [
        {
          family: 4,
          dst: text,
          via: formatIp({ family: 4, n: net.addr }),
          dev: 'flannel.1',
          onlink: true,
        },
      ]
    : hostGwRoutes(peer, net, text);

const BY_MODE: Readonly<Partial<Record<CniMode, PeerRoutes>>> = {
  routes: hostGwRoutes,
  vxlan: vxlanRoutes,
  'cloud-routes': cloudRoutesDatapath.peerRoutes,
};

/** The peer-route function of a CNI mode (an unknown mode adds none). */
export function peerRoutesFor(mode: CniMode): PeerRoutes {
  return BY_MODE[mode] ?? (() => []);
}

const ROUTER_BY_MODE: Readonly<
  Partial<Record<CniMode, (nodes: readonly RoutedNode[]) => readonly RouterPodRoute[]>>
> = {
  routes: () => [],
  vxlan: () => [],
  'cloud-routes': cloudRoutesDatapath.routerPodRoutes,
};

/** The pod routes the infrastructure router holds under a CNI mode (only cloud-routes has any). */
export function routerPodRoutesFor(
  mode: CniMode,
  nodes: readonly RoutedNode[],
): readonly RouterPodRoute[] {
  return (ROUTER_BY_MODE[mode] ?? (() => []))(nodes);
}
