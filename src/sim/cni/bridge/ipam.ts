/**
 * The bridge CNI's IPAM, host-local over the node's podCIDR (flannel's `--kube-subnet-mgr` reads
 * node.spec.podCIDR): the bridge takes the gateway address (.1), pods get addresses from .2 up in
 * creation order, addresses given explicitly are never handed out again. flannel.1 (VXLAN) takes
 * the range's network address (.0) as a /32, so no broadcast route appears.
 */
import { lastIp, nthIp, parseCidr, toNetwork, type Cidr } from '../../addr/cidr';
import { formatIp } from '../../addr/ip';
import type { DeviceAddr, IpamInput, IpamResult } from '../types';

import { bridgeGateway } from './gateway';

export const BRIDGE = 'cni0';
export const FLANNEL_VXLAN = 'flannel.1';

export function bridgeIpam(input: IpamInput, vxlan: boolean): IpamResult {
  const podRanges = new Map<string, readonly string[]>();
  const deviceAddrs = new Map<string, readonly DeviceAddr[]>();
  const taken = new Set<string>();
  for (const p of input.pods) for (const ip of p.explicitIps) taken.add(ip);
  for (const n of input.nodes) {
    podRanges.set(n.name, n.podCIDRs);
    const addrs: DeviceAddr[] = [];
    for (const c of n.podCIDRs) {
      const g = bridgeGateway(c, input.explicitIps);
      if (g) {
        addrs.push({ dev: BRIDGE, ...g });
        taken.add(g.ip);
      }
    }
    const v4 = vxlan ? n.podCIDRs.map(networkOf).find((x) => x?.family === 4) : undefined;
    if (v4) addrs.push({ dev: FLANNEL_VXLAN, ip: formatIp({ family: 4, n: v4.addr }), prefix: 32 });
    deviceAddrs.set(n.name, addrs);
  }

  const cursor = new Map<string, bigint>();
  const allocate = (range: Cidr): string | undefined => {
    const key = `${range.family}/${range.addr}/${range.prefix}`;
    let i = cursor.get(key) ?? 2n;
    const last = lastIp(range).n;
    for (;;) {
      const a = nthIp(range, i);
      i++;
      if (!a || (range.family === 4 && a.n === last)) return undefined;
      const t = formatIp(a);
      if (!taken.has(t)) {
        taken.add(t);
        cursor.set(key, i);
        return t;
      }
    }
  };

  const nodeByName = new Map(input.nodes.map((n) => [n.name, n]));
  const podIps = new Map<string, readonly string[]>();
  for (const p of input.pods) {
    const node = p.nodeName !== undefined ? nodeByName.get(p.nodeName) : undefined;
    if (!node || p.hostNetwork || p.explicitIps.length > 0) continue;
    const ips: string[] = [];
    for (const c of node.podCIDRs) {
      const r = networkOf(c);
      if (!r) continue;
      const a = allocate(r);
      if (a) ips.push(a);
      else
        input.notes.push({
          code: 'pod-ip-exhausted',
          message: `Node ${node.name}'s pod range ${c} has no free address for pod ${p.key}. Use a shorter node mask (nodeCIDRMaskSize) or move the pod.`,
          objects: [`pod/${p.key}`, `node/${node.name}`],
        });
    }
    podIps.set(p.key, ips);
  }
  return { podRanges, podIps, deviceAddrs };
}

function networkOf(text: string): Cidr | undefined {
  const r = parseCidr(text);
  return r.ok ? toNetwork(r.value) : undefined;
}
