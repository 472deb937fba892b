/**
 * A pod's namespace as flannel's CNI plugin leaves it: it delegates to the bridge plugin
 * (`isGateway`, `isDefaultGateway`, `hairpinMode`) with host-local IPAM over the node's range and
 * adds a route to the whole pod network (flannel-io/cni-plugin getDelegateIPAM). So eth0 holds the
 * pod IP with the range's prefix, `default via` the bridge's address, and the pod network (e.g.
 * `10.244.0.0/16 via 10.244.1.1 dev eth0`) — which the kernel matches before the default route.
 * The host end of the veth is `veth` + 8 hex digits, a port of cni0.
 */
import { cidrContainsIp, parseCidr, splitDualStack, toNetwork, formatCidr } from '../../addr/cidr';
import { parseIp, type Family } from '../../addr/ip';
import { derivedMac } from '../../addr/mac';
import {
  familyOfText,
  kernelRoute,
  linkRoute,
  sortRoutes,
  staticRoute,
} from '../../derive/routeText';
import type { Iface, NeighEntry, Route } from '../../derive/types';
import { ids } from '../../model/ids';
import { hexDigest } from '../../util/hash';
import type { CniPodState, PodNetnsInput } from '../types';

import { BRIDGE } from './ipam';
import { bridgeMac } from './node';

/** The host-side veth name the bridge CNI plugin gives (`veth` + 8 hex digits). */
export function vethName(podKey: string): string {
  return `veth${hexDigest(`veth:${podKey}`, 8)}`;
}

export function bridgePod(input: PodNetnsInput, podSubnet: string, mtu: number): CniPodState {
  const { key, node } = input;
  const eth0: Iface = {
    id: ids.podEth0(key),
    name: 'eth0',
    mac: derivedMac(`pod-eth0:${key}`),
    addrs: input.ips.map((ip) => ({ ip, prefix: prefixFor(ip, node.podCIDRs) })),
    mtu,
  };
  const vethHost: Iface = {
    id: ids.veth(key),
    name: vethName(key),
    mac: derivedMac(`veth-host:${key}`),
    addrs: [],
    mtu,
  };
  const gateways = node.deviceAddrs.filter((d) => d.dev === BRIDGE);
  const networks = splitDualStack(podSubnet);
  const routes: Route[] = [];
  const neigh: NeighEntry[] = [];
  for (const addr of eth0.addrs) {
    const f = familyOfText(addr.ip);
    const range = f
      ? node.podCIDRs.find((c) => familyOfText(c.split('/')[0] ?? '') === f)
      : undefined;
    const cr = range ? parseCidr(range) : undefined;
    if (!f || !cr?.ok) continue;
    const net = formatCidr(toNetwork(cr.value));
    routes.push(kernelRoute(f, net, 'eth0', addr.ip));
    const gw = gateways.find((g) => familyOfText(g.ip) === f);
    if (!gw) {
      // A range too small for a gateway: the pod routes on-link and the host answers ARP.
      routes.push(linkRoute(f, 'default', 'eth0'));
      continue;
    }
    routes.push(staticRoute(f, 'default', gw.ip, 'eth0', false, false));
    const podNet = networkRoute(networks, f, gw.ip, net);
    if (podNet) routes.push(podNet);
    neigh.push({
      ip: gw.ip,
      dev: 'eth0',
      mac: bridgeMac(node.name),
      state: 'REACHABLE',
      text: `${gw.ip} dev eth0 lladdr ${bridgeMac(node.name)} REACHABLE`,
    });
  }
  return { eth0, vethHost, routes: sortRoutes(routes), neigh };
}

/** flannel's route to the whole pod network, unless it is the pod's own subnet. */
function networkRoute(
  networks: readonly string[],
  family: Family,
  gw: string,
  ownNet: string,
): Route | undefined {
  for (const t of networks) {
    const r = parseCidr(t);
    if (!r.ok || r.value.family !== family) continue;
    const net = formatCidr(toNetwork(r.value));
    if (net === ownNet) return undefined;
    return staticRoute(family, net, gw, 'eth0', false, false);
  }
  return undefined;
}

function prefixFor(ipText: string, podCIDRs: readonly string[]): number {
  const a = parseIp(ipText);
  if (!a.ok) return 32;
  for (const c of podCIDRs) {
    const r = parseCidr(c);
    if (r.ok && cidrContainsIp(r.value, a.value)) return r.value.prefix;
  }
  return a.value.family === 4 ? 32 : 128;
}
