/**
 * The address plan read off the objects when no configuration document gives it: a dump such as
 * `kubectl get nodes,pods,svc,endpointslices -A -o yaml` carries no ClusterConfiguration, but its
 * nodes' podCIDRs, its Services' ClusterIPs and its nodes' InternalIPs say where each range lies.
 * Each family is inferred on its own: the default block when it holds every address, otherwise
 * the smallest block holding them all, widened to the conventional size (a /16 for the pod
 * network and the service range, a /24 for the node network, as kubeadm and kind lay them out).
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
  type Service,
} from '@/sim';

/** The cluster settings that can be read off the objects. */
export type InferableKey = 'podSubnet' | 'serviceSubnet' | 'nodeNetwork';

export interface Inferred {
  /** The setting's value, dual-stack as "a,b" (families in the order the objects give them). */
  readonly value: string;
  /** What the import says about it. */
  readonly note: string;
}

export type InferredPlan = Partial<Record<InferableKey, Inferred>>;

/** The conventional block size per setting and family. */
const CONVENTIONAL: Readonly<Record<InferableKey, Readonly<Record<Family, number>>>> = {
  podSubnet: { 4: 16, 6: 56 }, // kind: 10.244.0.0/16, fd00:10:244::/56
  serviceSubnet: { 4: 16, 6: 112 }, // kind: 10.96.0.0/16, fd00:10:96::/112
  nodeNetwork: { 4: 24, 6: 64 },
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
function planFor(key: InferableKey, blocks: readonly Cidr[]): string | undefined {
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

const SET_BY: Readonly<Record<InferableKey, string>> = {
  podSubnet: 'add a ClusterConfiguration to set it',
  serviceSubnet: 'add a ClusterConfiguration to set it',
  nodeNetwork: 'add an ExplorerSettings document (nodeNetwork) to set it',
};

const SOURCE: Readonly<Record<InferableKey, string>> = {
  podSubnet: "the nodes' podCIDRs",
  serviceSubnet: "the Services' clusterIPs",
  nodeNetwork: "the nodes' InternalIPs",
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
  const internalIps = nodes.flatMap((n) =>
    (n.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address),
  );
  const found: Record<InferableKey, Cidr[]> = {
    podSubnet: blocksOf(podCidrs),
    serviceSubnet: hostsOf(clusterIps),
    nodeNetwork: hostsOf(internalIps),
  };
  const plan: InferredPlan = {};
  for (const key of ['podSubnet', 'serviceSubnet', 'nodeNetwork'] as const) {
    const value = planFor(key, found[key]);
    if (value !== undefined)
      plan[key] = { value, note: `${key} ${value} inferred from ${SOURCE[key]}; ${SET_BY[key]}.` };
  }
  return plan;
}
