/**
 * A pod's namespace as Calico's CNI plugin leaves it (cni-plugin dataplane_linux.go): eth0 holds
 * the pod IP as /32 (/128), the only routes are `169.254.1.1 dev eth0 scope link` and `default
 * via 169.254.1.1 dev eth0` — an address nobody owns; the host end of the veth answers the pod's
 * ARP for it by proxy ARP, with ee:ee:ee:ee:ee:ee. IPv6 uses the host end's link-local address.
 */
import { derivedMac } from '../../addr/mac';
import {
  familyOfText,
  kernelRoute,
  linkRoute,
  route,
  sortRoutes,
  staticRoute,
} from '../../derive/routeText';
import type { Iface, NeighEntry, Route } from '../../derive/types';
import { ids } from '../../model/ids';
import type { CniPodState, PodNetnsInput } from '../types';

import { CALI_GATEWAY, CALI_GATEWAY6, CALI_MAC, caliName } from './names';

export function calicoPod(input: PodNetnsInput, mtu: number): CniPodState {
  const { key } = input;
  const eth0: Iface = {
    id: ids.podEth0(key),
    name: 'eth0',
    mac: derivedMac(`pod-eth0:${key}`),
    addrs: input.ips.map((ip) => ({ ip, prefix: familyOfText(ip) === 6 ? 128 : 32 })),
    mtu,
  };
  const vethHost: Iface = {
    id: ids.veth(key),
    name: caliName(input.namespace, input.name),
    mac: CALI_MAC,
    addrs: [],
    mtu,
  };
  const routes: Route[] = [];
  const neigh: NeighEntry[] = [];
  if (input.ips.some((ip) => familyOfText(ip) === 4)) {
    routes.push(linkRoute(4, CALI_GATEWAY, 'eth0'));
    routes.push(staticRoute(4, 'default', CALI_GATEWAY, 'eth0', false, false));
    neigh.push({
      ip: CALI_GATEWAY,
      dev: 'eth0',
      mac: CALI_MAC,
      state: 'REACHABLE',
      text: `${CALI_GATEWAY} dev eth0 lladdr ${CALI_MAC} REACHABLE`,
    });
  }
  if (input.ips.some((ip) => familyOfText(ip) === 6)) {
    routes.push(kernelRoute(6, 'fe80::/64', 'eth0', ''));
    routes.push(route({ family: 6, dst: 'default', via: CALI_GATEWAY6, dev: 'eth0' }));
  }
  return { eth0, vethHost, routes: sortRoutes(routes), neigh };
}
