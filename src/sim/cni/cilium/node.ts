/**
 * What the Cilium agent puts on a node (reference/cni-datapaths.md §3.1, §3.3): the
 * cilium_host/cilium_net veth pair (NOARP) with the node's router IP as /32 on cilium_host
 * (pkg/defaults/node.go); in tunnel mode a collect-metadata device — cilium_vxlan (`vxlan external
 * id 0 … dstport 8472`) or cilium_geneve (`geneve external id 0 … dstport 6081`); no bridge. Every
 * device keeps the base MTU (1500): the tunnel overhead is a route MTU (pkg/mtu/mtu.go). Routes
 * carry `proto kernel` (linux_defaults.RTProto = RTPROT_KERNEL): the router IP on cilium_host, the
 * local CIDR via it, and each remote node's CIDR — via cilium_host with `mtu 1450` in tunnel mode
 * (the lxc program encapsulates; the route serves host traffic and the MTU), via the peer's eth0
 * in native mode with auto-direct-node-routes.
 */
import { derivedMac } from '../../addr/mac';
import { route } from '../../derive/routeText';
import type { NetDevice, Route } from '../../derive/types';
import { ids } from '../../model/ids';
import type { CniNodeState, NodeInput, NodePlan } from '../types';

import type { CiliumConfig } from './config';
import { CILIUM_HOST } from './ipam';

export const CILIUM_NET = 'cilium_net';
export const CILIUM_VXLAN = 'cilium_vxlan';
export const CILIUM_GENEVE = 'cilium_geneve';
export const BASE_MTU = 1500;
/** Outer Ethernet 14 + IPv4 20 + UDP 8 + VXLAN/Geneve 8 (Cilium reserves 50 for both). */
export const TUNNEL_OVERHEAD = 50;

export const ciliumHostMac = (node: string): string => derivedMac(`cilium_host:${node}`);
const UP_NOARP = ['BROADCAST', 'MULTICAST', 'NOARP', 'UP', 'LOWER_UP'];

export const tunnelDev = (cfg: CiliumConfig): string | undefined =>
  cfg.routingMode === 'native'
    ? undefined
    : cfg.tunnelProtocol === 'geneve'
      ? CILIUM_GENEVE
      : CILIUM_VXLAN;

/** The node's router IP (cilium_host's /32). */
export const routerIp = (n: NodePlan): string | undefined =>
  n.deviceAddrs.find((d) => d.dev === CILIUM_HOST)?.ip;

export function ciliumNode(input: NodeInput, cfg: CiliumConfig): CniNodeState {
  const { self, nodes } = input;
  const router = routerIp(self);
  const eth0Ip = self.ips.find((t) => !t.includes(':'));
  const devices: NetDevice[] = [
    {
      id: ids.nodeDev(self.name, CILIUM_HOST),
      name: CILIUM_HOST,
      type: 'veth',
      role: 'router',
      mac: ciliumHostMac(self.name),
      addrs: router ? [{ ip: router, prefix: 32, scope: 'link' as const }] : [],
      mtu: BASE_MTU,
      flags: UP_NOARP,
      peer: CILIUM_NET,
      details: `veth peer ${CILIUM_NET}`,
      note: "The node's router: its /32 is every local pod's default gateway (answered by the eBPF program on each lxc device, not by ARP on this device). Traffic the host sends to pods leaves through it, with the router IP as source.",
    },
    {
      id: ids.nodeDev(self.name, CILIUM_NET),
      name: CILIUM_NET,
      type: 'veth',
      role: 'router-peer',
      mac: derivedMac(`cilium_net:${self.name}`),
      addrs: [],
      mtu: BASE_MTU,
      flags: UP_NOARP,
      peer: CILIUM_HOST,
      details: `veth peer ${CILIUM_HOST}`,
      note: "cilium_host's veth peer: what the host routes into cilium_host arrives here, where Cilium's eBPF program (to-host/from-host) hands it on.",
    },
  ];
  const tdev = tunnelDev(cfg);
  if (tdev) {
    const geneve = tdev === CILIUM_GENEVE;
    devices.push({
      id: ids.nodeDev(self.name, tdev),
      name: tdev,
      type: geneve ? 'geneve' : 'vxlan',
      role: 'tunnel',
      mac: derivedMac(`${tdev}:${self.name}`),
      addrs: [],
      mtu: BASE_MTU,
      flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
      details: geneve
        ? `geneve external id 0 ttl auto dstport ${cfg.tunnelPort}`
        : `vxlan external id 0 srcport 0 0 dstport ${cfg.tunnelPort} nolearning ttl auto ageing 300`,
      tunnel: {
        encap: geneve ? 'geneve' : 'vxlan',
        port: cfg.tunnelPort,
        overhead: TUNNEL_OVERHEAD,
      },
      note: `Cilium's collect-metadata ${geneve ? 'Geneve' : 'VXLAN'} device: no peers are configured on it — the eBPF program sets each packet's tunnel key (remote node IP from the ipcache, the VNI = the sender's security identity) and redirects it here${eth0Ip ? `; the outer source is ${eth0Ip}` : ''}.`,
    });
  }
  const routes: Route[] = [];
  const own = self.podRanges[0];
  if (router) {
    routes.push(
      route({ family: 4, dst: router, dev: CILIUM_HOST, proto: 'kernel', scope: 'link' }),
    );
    if (own)
      routes.push(
        route({ family: 4, dst: own, via: router, dev: CILIUM_HOST, proto: 'kernel', src: router }),
      );
  }
  for (const peer of nodes) {
    if (peer.name === self.name) continue;
    const c = peer.podRanges[0];
    const peerIp = peer.ips.find((t) => !t.includes(':'));
    if (!c) continue;
    if (tdev && router)
      routes.push(
        route({
          family: 4,
          dst: c,
          via: router,
          dev: CILIUM_HOST,
          proto: 'kernel',
          src: router,
          mtu: BASE_MTU - TUNNEL_OVERHEAD,
        }),
      );
    else if (!tdev && cfg.autoDirectNodeRoutes && peerIp)
      routes.push(route({ family: 4, dst: c, via: peerIp, dev: 'eth0', proto: 'kernel' }));
  }
  return {
    devices,
    podAttach: { id: ids.nodeAttach(self.name), style: 'ebpf', label: 'eBPF (lxc)' },
    routes,
    neigh: [],
    fdb: [],
  };
}
