/**
 * What Calico (v3.32, iptables dataplane, BIRD backend) puts on a node (reference/
 * cni-datapaths.md §2.1–2.3): no bridge; per local pod a `cali…` veth (no address, MAC
 * ee:ee:ee:ee:ee:ee, proxy_arp=1) with a /32 route and Felix's permanent neighbour entry; per own
 * block a `blackhole … proto bird` (Felix's `proto 80` for VXLAN pools, which BIRD does not
 * handle); per other node's block a route by the pool's encapsulation — `via <node> dev tunl0
 * proto bird metric 1024 onlink` (IP-in-IP), `via <VTEP> dev vxlan.calico onlink mtu 1450`
 * (VXLAN, Felix, with neighbour and FDB entries), or `via <node> dev eth0 proto bird metric 1024`
 * (none); CrossSubnet encapsulates only towards nodes on another subnet.
 */
import { derivedMac } from '../../addr/mac';
import { familyOfText, route } from '../../derive/routeText';
import type { FdbEntry, NeighEntry, NetDevice, Route } from '../../derive/types';
import { ids } from '../../model/ids';
import type { CniNodeState, NodeInput, NodePlan } from '../types';

import type { EncapMode } from './config';
import type { CalicoIpam } from './ipam';
import { TUNL0, VXLAN_CALICO } from './names';

export const ETH_MTU = 1500;
export const IPIP_MTU = ETH_MTU - 20;
export const VXLAN_MTU = ETH_MTU - 50;
export const VXLAN_PORT = 4789;
export const VXLAN_VNI = 4096;
/** Felix's route priority from v3.32 (IPv4NormalRoutePriority): `metric 1024` on its and BIRD's routes. */
const METRIC = 1024;

export const vtepMac = (node: string): string => derivedMac(`vxlan.calico:${node}`);

/** Encapsulation towards a peer: the pool's mode, CrossSubnet resolved by the two nodes' subnets. */
export function encapTo(mode: EncapMode, sameSubnet: boolean): boolean {
  return mode === 'Always' || (mode === 'CrossSubnet' && !sameSubnet);
}

export function calicoNode(input: NodeInput, ipam: CalicoIpam): CniNodeState {
  const { self } = input;
  const devices: NetDevice[] = [];
  const eth0Ip = self.ips.find((t) => familyOfText(t) === 4);
  const tunl = self.deviceAddrs.find((d) => d.dev === TUNL0);
  const vx = self.deviceAddrs.find((d) => d.dev === VXLAN_CALICO);
  if (tunl)
    devices.push({
      id: ids.nodeDev(self.name, TUNL0),
      name: TUNL0,
      type: 'ipip',
      role: 'tunnel',
      mac: '',
      addrs: [{ ip: tunl.ip, prefix: 32 }],
      mtu: IPIP_MTU,
      flags: ['NOARP', 'UP', 'LOWER_UP'],
      details: 'ipip any remote any local any ttl inherit nopmtudisc',
      tunnel: { encap: 'ipip', overhead: 20 },
      note: "The kernel's IP-in-IP device: routes to other nodes' blocks point at it, and it puts an outer IPv4 header (protocol 4) node → node in front of the pod packet.",
    });
  if (vx)
    devices.push({
      id: ids.nodeDev(self.name, VXLAN_CALICO),
      name: VXLAN_CALICO,
      type: 'vxlan',
      role: 'tunnel',
      mac: vtepMac(self.name),
      addrs: [{ ip: vx.ip, prefix: 32 }],
      mtu: VXLAN_MTU,
      flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
      details: `vxlan id ${VXLAN_VNI} local ${eth0Ip ?? '0.0.0.0'} dev eth0 srcport 0 0 dstport ${VXLAN_PORT} nolearning ttl auto ageing 300`,
      tunnel: { encap: 'vxlan', vni: VXLAN_VNI, port: VXLAN_PORT, overhead: 50 },
      note: "Felix's VXLAN device (VNI 4096, UDP 4789): routes to other nodes' blocks point at their VTEP address, resolved by permanent neighbour and FDB entries Felix writes.",
    });

  const routes: Route[] = [];
  const neigh: NeighEntry[] = [];
  const fdb: FdbEntry[] = [];
  for (const p of input.pods)
    for (const ip of p.ips) {
      const f = familyOfText(ip);
      if (!f) continue;
      routes.push(
        route({
          family: f,
          dst: ip,
          dev: p.vethHost.name,
          ...(f === 4 ? { scope: 'link' as const } : {}),
          metric: METRIC,
        }),
      );
      neigh.push({
        ip,
        dev: p.vethHost.name,
        mac: p.eth0.mac,
        state: 'PERMANENT',
        text: `${ip} dev ${p.vethHost.name} lladdr ${p.eth0.mac} PERMANENT`,
      });
    }
  for (const b of ipam.blocks) {
    if (b.node !== self.name) continue;
    const felix = b.pool.vxlanMode !== 'Never';
    routes.push(
      route({
        family: b.cidr.family,
        dst: b.text,
        dev: 'lo',
        type: 'blackhole',
        proto: felix ? '80' : 'bird',
      }),
    );
  }
  const sameSubnet = (peer: NodePlan): boolean => {
    const a = eth0Ip !== undefined ? input.subnetOf(eth0Ip) : undefined;
    const b = peer.ips[0] !== undefined ? input.subnetOf(peer.ips[0]) : undefined;
    return a !== undefined && a === b;
  };
  const toPeer = (
    peer: NodePlan,
    dst: string,
    mode: { ipip: EncapMode; vxlan: EncapMode },
  ): void => {
    const f = familyOfText(dst.split('/')[0] ?? '');
    const via = peer.ips.find((t) => familyOfText(t) === f);
    if (!f || !via) return;
    const same = sameSubnet(peer);
    const peerVtep = peer.deviceAddrs.find((d) => d.dev === VXLAN_CALICO);
    if (f === 4 && encapTo(mode.vxlan, same) && vx && peerVtep) {
      routes.push(
        route({
          family: f,
          dst,
          via: peerVtep.ip,
          dev: VXLAN_CALICO,
          onlink: true,
          mtu: VXLAN_MTU,
        }),
      );
      addVtep(peer, peerVtep.ip, via, neigh, fdb);
    } else if (f === 4 && encapTo(mode.ipip, same) && tunl)
      routes.push(
        route({ family: f, dst, via, dev: TUNL0, proto: 'bird', metric: METRIC, onlink: true }),
      );
    else if (mode.vxlan !== 'Never')
      routes.push(route({ family: f, dst, via, dev: 'eth0', proto: '80', onlink: true }));
    else routes.push(route({ family: f, dst, via, dev: 'eth0', proto: 'bird', metric: METRIC }));
  };
  for (const peer of input.nodes) {
    if (peer.name === self.name) continue;
    for (const b of ipam.blocks)
      if (b.node === peer.name)
        toPeer(peer, b.text, { ipip: b.pool.ipipMode, vxlan: b.pool.vxlanMode });
  }
  // Borrowed addresses: a /32 to the node that uses an address from another node's block.
  for (const [ip, holder] of ipam.borrowed) {
    const peer = input.nodes.find((n) => n.name === holder);
    const block = ipam.blocks.find((b) => b.used.has(ip));
    if (!peer || peer.name === self.name || !block) continue;
    toPeer(peer, ip, { ipip: block.pool.ipipMode, vxlan: block.pool.vxlanMode });
  }
  return {
    devices,
    podAttach: {
      id: ids.nodeAttach(self.name),
      style: 'routed',
      label: 'no bridge: each cali… veth is routed (/32 routes, proxy ARP)',
    },
    routes,
    neigh,
    fdb,
  };
}

function addVtep(
  peer: NodePlan,
  vtep: string,
  peerIp: string,
  neigh: NeighEntry[],
  fdb: FdbEntry[],
): void {
  if (neigh.some((n) => n.ip === vtep)) return;
  const mac = vtepMac(peer.name);
  neigh.push({
    ip: vtep,
    dev: VXLAN_CALICO,
    mac,
    state: 'PERMANENT',
    text: `${vtep} dev ${VXLAN_CALICO} lladdr ${mac} PERMANENT`,
  });
  fdb.push({
    mac,
    dev: VXLAN_CALICO,
    dst: peerIp,
    node: peer.name,
    text: `${mac} dev ${VXLAN_CALICO} dst ${peerIp} self permanent`,
  });
}
