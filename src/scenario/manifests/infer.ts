/**
 * The address plan read off the objects when no configuration document gives it: a dump such as
 * `kubectl get nodes,pods,svc,endpointslices -A -o yaml` carries no ClusterConfiguration, but its
 * nodes' podCIDRs, its Services' ClusterIPs and its nodes' InternalIPs say where each range lies.
 * The pod network and the service range are inferred per family: the default block when it holds
 * every address, otherwise the smallest block holding them all, widened to the conventional /16
 * (as kubeadm and kind lay them out). Node addresses are never widened into a block: each is
 * taken to sit on its own subnet — the prefix the node's Calico annotation gives, else the /24
 * (/64) around it — and nodes sharing one are one subnet, marked inferred (validation then
 * judges the addresses, not a block nobody gave).
 */
import {
  DEFAULT_CLUSTER,
  cidrContainsCidr,
  formatCidr,
  parseCidr,
  parseIp,
  splitDualStack,
  toNetwork,
  type Cidr,
  type Family,
  type Node,
  type NodeSubnet,
  type Service,
} from '@/sim';

import { inferNodeSubnets } from './inferSubnets';

/** The cluster settings that can be read off the objects. */
export type InferableKey = 'podSubnet' | 'serviceSubnet' | 'nodeNetwork';
type RangeKey = Exclude<InferableKey, 'nodeNetwork'>;

export interface Inferred<V = string> {
  /** The setting's value: "a,b" for dual-stack ranges (in the order the objects give them). */
  readonly value: V;
  /** What the import says about it (one note per inferred node subnet). */
  readonly notes: readonly string[];
}

export interface InferredPlan {
  podSubnet?: Inferred;
  serviceSubnet?: Inferred;
  nodeNetwork?: Inferred<NodeSubnet[]>;
}

/** The conventional block size per setting and family. */
const CONVENTIONAL: Readonly<Record<RangeKey, Readonly<Record<Family, number>>>> = {
  podSubnet: { 4: 16, 6: 56 }, // kind: 10.244.0.0/16, fd00:10:244::/56
  serviceSubnet: { 4: 16, 6: 112 }, // kind: 10.96.0.0/16, fd00:10:96::/112
};

const WIDTH: Readonly<Record<Family, number>> = { 4: 32, 6: 128 };

/** The number of leading bits `a` and `b` share. */
function commonBits(a: bigint, b: bigint, width: number): number {
  let x = a ^ b;
  let n = 0;
  while (x > 0n) {
    x >>= 1n;
    n++;
  }
  return width - n;
}

/** The smallest block holding every block of `blocks` (all of one family). */
function supernet(blocks: readonly Cidr[]): Cidr | undefined {
  const [first, ...rest] = blocks.map(toNetwork);
  if (!first) return undefined;
  let prefix = first.prefix;
  for (const b of rest)
    prefix = Math.min(prefix, b.prefix, commonBits(first.addr, b.addr, WIDTH[first.family]));
  return toNetwork({ family: first.family, addr: first.addr, prefix });
}

/** Per family (in order of appearance): the default block if it holds them all, else the supernet. */
function planFor(key: RangeKey, blocks: readonly Cidr[]): string | undefined {
  const families = [...new Set(blocks.map((b) => b.family))];
  const defaults = splitDualStack(DEFAULT_CLUSTER[key]).flatMap((t) => {
    const r = parseCidr(t);
    return r.ok ? [r.value] : [];
  });
  const parts = families.flatMap((family) => {
    const mine = blocks.filter((b) => b.family === family);
    const given = defaults.find((d) => d.family === family);
    if (given && mine.every((b) => cidrContainsCidr(given, b))) return [formatCidr(given)];
    const net = supernet(mine);
    if (!net) return [];
    const prefix = Math.min(net.prefix, CONVENTIONAL[key][family]);
    return [formatCidr(toNetwork({ ...net, prefix }))];
  });
  return parts.length > 0 ? parts.join(',') : undefined;
}

const blocksOf = (texts: readonly string[]): Cidr[] =>
  texts.flatMap((t) => {
    const r = parseCidr(t);
    return r.ok ? [r.value] : [];
  });

const hostsOf = (texts: readonly string[]): Cidr[] =>
  texts.flatMap((t) => {
    const r = parseIp(t);
    return r.ok ? [{ family: r.value.family, addr: r.value.n, prefix: WIDTH[r.value.family] }] : [];
  });

const SET_BY = 'add a ClusterConfiguration to set it';

const SOURCE: Readonly<Record<RangeKey, string>> = {
  podSubnet: "the nodes' podCIDRs",
  serviceSubnet: "the Services' clusterIPs",
};

/**
 * The pod network, service range and node network the objects imply, each only when some object
 * gives an address for it.
 */
export function inferAddressPlan(
  nodes: readonly Node[],
  services: readonly Service[],
): InferredPlan {
  const podCidrs = nodes.flatMap((n) =>
    n.spec?.podCIDRs && n.spec.podCIDRs.length > 0
      ? n.spec.podCIDRs
      : n.spec?.podCIDR
        ? [n.spec.podCIDR]
        : [],
  );
  const clusterIps = services.flatMap((s) =>
    (s.spec.clusterIPs && s.spec.clusterIPs.length > 0
      ? s.spec.clusterIPs
      : s.spec.clusterIP !== undefined
        ? [s.spec.clusterIP]
        : []
    ).filter((t) => t !== 'None' && t !== ''),
  );
  const found: Record<RangeKey, Cidr[]> = {
    podSubnet: blocksOf(podCidrs),
    serviceSubnet: hostsOf(clusterIps),
  };
  const plan: InferredPlan = {};
  for (const key of ['podSubnet', 'serviceSubnet'] as const) {
    const value = planFor(key, found[key]);
    if (value !== undefined)
      plan[key] = { value, notes: [`${key} ${value} inferred from ${SOURCE[key]}; ${SET_BY}.`] };
  }
  const subnets = inferNodeSubnets(nodes);
  if (subnets) plan.nodeNetwork = subnets;
  return plan;
}
