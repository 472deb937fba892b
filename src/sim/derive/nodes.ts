/**
 * Node addresses and pod ranges. Node IPs come from `status.addresses` or, when absent, from the
 * node network (from .11 up, as a DHCP pool would hand them out). Pod ranges come from
 * `spec.podCIDR(s)` or, when absent, from the pod network in node order — kube-controller-manager's
 * range allocator: existing ranges are marked used first, then each node gets the first free one.
 */
import {
  cidrsOverlap,
  formatCidr,
  lastIp,
  nthIp,
  nthSubnet,
  subnetCount,
  type Cidr,
} from '../addr/cidr';
import { formatIp, parseIp } from '../addr/ip';
import type { Node } from '../model/k8s';

import { validCidrs } from './settings';
import type { DeriveNote, ParsedSettings } from './types';

export interface NodeAddressing {
  readonly name: string;
  readonly ips: string[];
  readonly externalIps: string[];
  readonly podCIDRs: string[];
  readonly podCIDRsAllocated: boolean;
}

const FIRST_NODE_HOST = 11n;

export function addressNodes(
  nodes: readonly Node[],
  parsed: ParsedSettings,
  notes: DeriveNote[],
): NodeAddressing[] {
  const nodeNets = validCidrs(parsed.nodeNetworks);
  const taken = new Set<string>();
  for (const n of nodes)
    for (const a of n.status?.addresses ?? []) {
      const r = parseIp(a.address);
      if (r.ok) taken.add(formatIp(r.value));
    }

  const cursor = new Map<number, bigint>();
  const nextNodeIp = (net: Cidr): string | undefined => {
    let i = cursor.get(net.family) ?? FIRST_NODE_HOST;
    for (;;) {
      const a = nthIp(net, i);
      i++;
      if (!a) return undefined;
      const t = formatIp(a);
      if (net.family === 4 && a.n === lastIp(net).n) return undefined; // broadcast
      if (!taken.has(t)) {
        taken.add(t);
        cursor.set(net.family, i);
        return t;
      }
    }
  };

  const podNets = validCidrs(parsed.podSubnets);
  const used: Cidr[] = [];
  for (const n of nodes) for (const c of validCidrs(givenPodCIDRs(n))) used.push(c);
  const nextIndex = new Map<string, number>();

  return nodes.map((n) => {
    const internal = (n.status?.addresses ?? []).filter((a) => a.type === 'InternalIP');
    const external = (n.status?.addresses ?? []).filter((a) => a.type === 'ExternalIP');
    let ips = internal.map((a) => canonical(a.address));
    if (ips.length === 0) {
      ips = nodeNets.map(nextNodeIp).filter((x): x is string => x !== undefined);
      if (ips.length === 0)
        notes.push({
          code: 'node-no-address',
          message: `Node ${n.metadata.name} has no InternalIP and the node network ${parsed.nodeNetworks.join(',')} has no free address for it.`,
          objects: [`node/${n.metadata.name}`],
        });
    }
    const given = givenPodCIDRs(n);
    let podCIDRs = given.map((c) => {
      const r = validCidrs([c])[0];
      return r ? formatCidr(r) : c;
    });
    let allocated = false;
    if (given.length === 0) {
      allocated = true;
      podCIDRs = [];
      for (const net of podNets) {
        const mask = net.family === 4 ? parsed.nodeMask4 : parsed.nodeMask6;
        const key = formatCidr(net);
        let i = nextIndex.get(key) ?? 0;
        const count = subnetCount(net, mask);
        let found: Cidr | undefined;
        while (BigInt(i) < count) {
          const cand = nthSubnet(net, mask, i);
          i++;
          if (cand && !used.some((u) => cidrsOverlap(u, cand))) {
            found = cand;
            break;
          }
        }
        nextIndex.set(key, i);
        if (found) {
          used.push(found);
          podCIDRs.push(formatCidr(found));
        } else {
          notes.push({
            code: 'podcidr-exhausted',
            message: `No free /${mask} range is left in the pod network ${key} for node ${n.metadata.name}: it holds ${count} node ranges. Widen the pod network or use a longer node mask.`,
            objects: [`node/${n.metadata.name}`],
          });
        }
      }
    }
    return {
      name: n.metadata.name,
      ips,
      externalIps: external.map((a) => canonical(a.address)),
      podCIDRs,
      podCIDRsAllocated: allocated,
    };
  });
}

export function givenPodCIDRs(n: Node): string[] {
  if (n.spec?.podCIDRs && n.spec.podCIDRs.length > 0) return [...n.spec.podCIDRs];
  if (n.spec?.podCIDR) return [n.spec.podCIDR];
  return [];
}

function canonical(text: string): string {
  const r = parseIp(text);
  return r.ok ? formatIp(r.value) : text.trim();
}
