/**
 * What flannel (with the bridge plugin) puts on a node: the cni0 bridge holding the gateway of
 * the node's pod range, and the routes to the other nodes' ranges of the mode (peerRoutes.ts): a
 * host-gw route via that node's eth0; in VXLAN mode flannel.1 (VNI 1, UDP 8472, MTU = eth0's − 50)
 * with an `onlink` route to the peer's flannel.1 address, a permanent neighbour entry for it and
 * an FDB entry mapping its MAC to the peer node's IP (flannel pkg/backend/vxlan
 * vxlan_network.go); none under cloud-routes, where the router holds them.
 */
import { parseCidr, toNetwork } from '../../addr/cidr';
import { derivedMac } from '../../addr/mac';
import { familyOfText, kernelRoute, linkRoute, staticRoute } from '../../derive/routeText';
import type { FdbEntry, NeighEntry, NetDevice, Route } from '../../derive/types';
import { ids } from '../../model/ids';
import type { CniMode } from '../../model/scenario';
import { peerRoutesFor } from '../peerRoutes';
import type { CniNodeState, NodeInput, NodePlan } from '../types';

import { BRIDGE, FLANNEL_VXLAN } from './ipam';

export const ETH_MTU = 1500;
export const VXLAN_PORT = 8472;
export const VXLAN_VNI = 1;
/** Outer Ethernet 14 + IPv4 20 + UDP 8 + VXLAN 8. */
export const VXLAN_OVERHEAD = 50;
export const VXLAN_MTU = ETH_MTU - VXLAN_OVERHEAD;

const UP = ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];

export const vtepMac = (node: string): string => derivedMac(`flannel.1:${node}`);
export const bridgeMac = (node: string): string => derivedMac(`cni0:${node}`);

export function bridgeNode(input: NodeInput, mode: CniMode): CniNodeState {
  const { self, nodes } = input;
  const vxlan = mode === 'vxlan';
  const podMtu = vxlan ? VXLAN_MTU : ETH_MTU;
  const gateways = self.deviceAddrs.filter((d) => d.dev === BRIDGE);
  const bridge: NetDevice = {
    id: ids.nodeBridge(self.name),
    name: BRIDGE,
    type: 'bridge',
    role: 'pod-bridge',
    mac: bridgeMac(self.name),
    addrs: gateways.map((g) => ({ ip: g.ip, prefix: g.prefix })),
    mtu: podMtu,
    flags: UP,
    details: 'bridge forward_delay 1500 hello_time 200 max_age 2000 stp_state 0 vlan_filtering 0',
    note: "The bridge plugin's Linux bridge: every pod's veth is a port of it, and its address is the pods' default gateway.",
  };
  const devices: NetDevice[] = [bridge];
  const routes: Route[] = [];
  self.podCIDRs.forEach((c) => {
    const f = familyOfText(c.split('/')[0] ?? '');
    if (!f) return;
    const gw = gateways.find((g) => familyOfText(g.ip) === f);
    routes.push(gw ? kernelRoute(f, c, BRIDGE, gw.ip) : linkRoute(f, c, BRIDGE));
  });
  const neigh: NeighEntry[] = [];
  const fdb: FdbEntry[] = [];
  const own = self.deviceAddrs.find((d) => d.dev === FLANNEL_VXLAN);
  if (vxlan) {
    const eth0Ip = self.ips.find((t) => familyOfText(t) === 4);
    devices.push({
      id: ids.nodeVxlan(self.name),
      name: FLANNEL_VXLAN,
      type: 'vxlan',
      role: 'tunnel',
      mac: vtepMac(self.name),
      addrs: own ? [{ ip: own.ip, prefix: 32 }] : [],
      mtu: VXLAN_MTU,
      flags: UP,
      details: `vxlan id ${VXLAN_VNI} local ${eth0Ip ?? '0.0.0.0'} dev eth0 srcport 0 0 dstport ${VXLAN_PORT} nolearning ttl auto ageing 300`,
      tunnel: { encap: 'vxlan', vni: VXLAN_VNI, port: VXLAN_PORT, overhead: VXLAN_OVERHEAD },
      note: "flannel's VXLAN device (VTEP): routes to other nodes' pod ranges point at it, and the kernel wraps what it sends in UDP to the peer node.",
    });
  }
  const peerRoutes = peerRoutesFor(mode);
  for (const peer of nodes) {
    if (peer.name === self.name) continue;
    for (const c of peer.podCIDRs) {
      const cr = parseCidr(c);
      if (!cr.ok) continue;
      const net = toNetwork(cr.value);
      for (const r of peerRoutes(peer, net, c)) {
        routes.push(staticRoute(r.family, r.dst, r.via, r.dev, r.onlink, false));
        if (r.dev === FLANNEL_VXLAN) addVtep(peer, r.via, neigh, fdb);
      }
    }
  }
  return {
    devices,
    podAttach: { id: bridge.id, style: 'bridge', label: BRIDGE, dev: BRIDGE },
    routes,
    neigh,
    fdb,
  };
}

function addVtep(peer: NodePlan, peerAddr: string, neigh: NeighEntry[], fdb: FdbEntry[]): void {
  const peerIp = peer.ips.find((t) => familyOfText(t) === 4);
  if (!peerIp || !peer.deviceAddrs.some((d) => d.dev === FLANNEL_VXLAN)) return;
  const mac = vtepMac(peer.name);
  fdb.push({
    mac,
    dev: FLANNEL_VXLAN,
    dst: peerIp,
    node: peer.name,
    text: `${mac} dev ${FLANNEL_VXLAN} dst ${peerIp} self permanent`,
  });
  neigh.push({
    ip: peerAddr,
    dev: FLANNEL_VXLAN,
    mac,
    state: 'PERMANENT',
    text: `${peerAddr} dev ${FLANNEL_VXLAN} lladdr ${mac} PERMANENT`,
  });
}
