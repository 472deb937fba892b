/**
 * A pod's namespace as Cilium's CNI plugin leaves it (reference/cni-datapaths.md §3.2): eth0 holds
 * the pod IP as /32 (ContainerIPv4Mask), routes `<router-ip> dev eth0 scope link` and `default via
 * <router-ip> dev eth0`, the default route carrying the tunnel's route MTU (`mtu 1450`) in tunnel
 * mode (pkg/datapath/connector/ipam.go). The router IP is cilium_host's, which the lxc device does
 * not hold: the pod's ARP request is answered by the eBPF program on lxc with lxc's own MAC
 * (bpf_lxc.c tail_handle_arp). The host end is `lxc` + 12 hex digits of SHA-256 of the endpoint's
 * container ID (connector Endpoint2IfName); container IDs are random, so here a digest of the pod.
 */
import { derivedMac } from '../../addr/mac';
import { route } from '../../derive/routeText';
import type { Iface, NeighEntry, Route } from '../../derive/types';
import { ids } from '../../model/ids';
import { hexDigest } from '../../util/hash';
import type { CniPodState, PodNetnsInput } from '../types';

import type { CiliumConfig } from './config';
import { BASE_MTU, routerIp, TUNNEL_OVERHEAD } from './node';

/** The host-side veth name Cilium gives an endpoint (`lxc` + 12 hex digits). */
export const lxcName = (podKey: string): string => `lxc${hexDigest(`lxc:${podKey}`, 12)}`;
export const lxcMac = (podKey: string): string => derivedMac(`lxc:${podKey}`);

export function ciliumPod(input: PodNetnsInput, cfg: CiliumConfig): CniPodState {
  const { key, node } = input;
  const v4 = input.ips.filter((ip) => !ip.includes(':'));
  const eth0: Iface = {
    id: ids.podEth0(key),
    name: 'eth0',
    mac: derivedMac(`pod-eth0:${key}`),
    addrs: v4.map((ip) => ({ ip, prefix: 32 })),
    mtu: BASE_MTU,
  };
  const vethHost: Iface = {
    id: ids.veth(key),
    name: lxcName(key),
    mac: lxcMac(key),
    addrs: [],
    mtu: BASE_MTU,
  };
  const router = routerIp(node);
  const routes: Route[] = [];
  const neigh: NeighEntry[] = [];
  if (!router && v4.length > 0)
    // No router IP (a node CIDR too small for one): an on-link default route still works, because
    // the lxc program answers every ARP request from the pod with lxc's MAC.
    routes.push(route({ family: 4, dst: 'default', dev: 'eth0', scope: 'link' }));
  if (router && v4.length > 0) {
    const mtu = cfg.routingMode === 'tunnel' ? { mtu: BASE_MTU - TUNNEL_OVERHEAD } : {};
    routes.push(route({ family: 4, dst: 'default', via: router, dev: 'eth0', ...mtu }));
    routes.push(route({ family: 4, dst: router, dev: 'eth0', scope: 'link' }));
    neigh.push({
      ip: router,
      dev: 'eth0',
      mac: vethHost.mac,
      state: 'REACHABLE',
      text: `${router} dev eth0 lladdr ${vethHost.mac} REACHABLE`,
    });
  }
  return { eth0, vethHost, routes, neigh };
}
