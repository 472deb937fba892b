/** Cluster settings with defaults applied and dual-stack values split. */
import { parseCidr, splitDualStack, toNetwork, formatCidr, type Cidr } from '../addr/cidr';
import type { ClusterSettings } from '../model/scenario';

import { parseSubnets } from './subnets';
import type { ParsedSettings } from './types';

export function parseSettings(s: ClusterSettings): ParsedSettings {
  return {
    podSubnets: splitDualStack(s.podSubnet),
    serviceSubnets: splitDualStack(s.serviceSubnet),
    nodeNetworks: (s.nodeNetwork ?? []).flatMap((n) => splitDualStack(n.cidr)),
    nodeSubnets: parseSubnets(s.nodeNetwork ?? []),
    nodeMask4: s.nodeCIDRMaskSize ?? 24,
    nodeMask6: s.nodeCIDRMaskSizeIPv6 ?? 64,
  };
}

/** The valid CIDRs of a list, in network form (invalid entries are validation's business). */
export function validCidrs(list: readonly string[]): Cidr[] {
  const out: Cidr[] = [];
  for (const t of list) {
    const r = parseCidr(t);
    if (r.ok) out.push(toNetwork(r.value));
  }
  return out;
}

export function networkText(c: Cidr): string {
  return formatCidr(toNetwork(c));
}

/** kube-proxy's local-traffic detector range: clusterCIDR, defaulting to the pod network. */
export function localDetectorCidrs(s: ClusterSettings): string[] {
  const v = s.kubeProxy.clusterCIDR;
  if (v === undefined) return splitDualStack(s.podSubnet);
  return splitDualStack(v);
}
