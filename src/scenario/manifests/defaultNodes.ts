/**
 * What an import fills in for input without Node objects (plain application manifests, or
 * `kubectl get pods`): the nodes its pods name, or else the default cluster's nodes — and then
 * that cluster's DNS, CoreDNS behind kube-system/kube-dns, so that Service names resolve.
 */
import {
  DEFAULT_SCENARIO,
  cidrContainsCidr,
  cidrContainsIp,
  formatIp,
  nthIp,
  parseCidr,
  parseIp,
  splitDualStack,
  type Cidr,
  type ClusterSettings,
  type Node,
  type Pod,
  type Service,
} from '@/sim';

const cidrsOf = (text: string): Cidr[] =>
  splitDualStack(text).flatMap((t) => {
    const r = parseCidr(t);
    return r.ok ? [r.value] : [];
  });

/** The default cluster's nodes, keeping only the addresses that fit `cluster`'s address plan. */
function defaultNodes(cluster: ClusterSettings): Node[] {
  const podNets = cidrsOf(cluster.podSubnet);
  const nodeNets = cluster.nodeNetwork.flatMap((n) => cidrsOf(n.cidr));
  return DEFAULT_SCENARIO.nodes.map((n) => {
    const given = cidrsOf(n.spec?.podCIDR ?? '');
    const keepCidr =
      given.length > 0 && given.every((g) => podNets.some((p) => cidrContainsCidr(p, g)));
    const addresses = (n.status?.addresses ?? []).filter((a) => {
      const ip = parseIp(a.address);
      return ip.ok && nodeNets.some((c) => cidrContainsIp(c, ip.value));
    });
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: n.metadata,
      ...(keepCidr && n.spec ? { spec: n.spec } : {}),
      ...(addresses.length > 0 ? { status: { addresses } } : {}),
    };
  });
}

const bareNode = (name: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

const describeNodes = (nodes: readonly Node[]): string =>
  nodes
    .map(
      (n) =>
        `${n.metadata.name}${n.status?.addresses?.[0] ? ` (${n.status.addresses[0].address})` : ''}`,
    )
    .join(' and ');

/** kubeadm's DNS address: the 10th address of the first service range (GetDNSIP). */
export function dnsServiceIp(serviceSubnet: string): string | undefined {
  const first = cidrsOf(serviceSubnet)[0];
  const ip = first ? nthIp(first, 10n) : undefined;
  return ip ? formatIp(ip) : undefined;
}

export interface Filled {
  readonly nodes: Node[];
  /** The default cluster's nodes were used (not the nodes the pods name). */
  readonly onDefaultNodes: boolean;
}

/** The nodes for input with no Node objects, with a note saying where they come from. */
export function nodesFor(pods: readonly Pod[], cluster: ClusterSettings, notes: string[]): Filled {
  const named = [...new Set(pods.map((p) => p.spec.nodeName).filter((n): n is string => !!n))];
  if (named.length > 0) {
    notes.push(
      `The input has no Node objects, so the nodes its pods name (${named.join(', ')}) are created, with addresses and pod ranges allocated from the node network ${cluster.nodeNetwork.map((n) => n.cidr).join(' + ') || '(none)'} and pod network ${cluster.podSubnet}.`,
    );
    return { nodes: named.map(bareNode), onDefaultNodes: false };
  }
  const nodes = defaultNodes(cluster);
  notes.push(
    `The input has no Node objects, so its objects run on the default cluster's nodes ${describeNodes(nodes)}, with pod network ${cluster.podSubnet} and service range ${cluster.serviceSubnet}.`,
  );
  return { nodes, onDefaultNodes: true };
}

/**
 * The default cluster's DNS (CoreDNS behind kube-system/kube-dns), its Service on the address
 * kubeadm gives it in `cluster`'s service range — or allocated, in a range too small for that.
 */
export function defaultDns(
  cluster: ClusterSettings,
  notes: string[],
): { pods: Pod[]; services: Service[] } {
  const ip = dnsServiceIp(cluster.serviceSubnet);
  const services = DEFAULT_SCENARIO.services
    .filter((s) => s.metadata.namespace === 'kube-system')
    .map((s): Service => {
      const { clusterIP: _fixed, clusterIPs: _list, ...spec } = s.spec;
      return { ...s, spec: ip !== undefined ? { ...spec, clusterIP: ip } : spec };
    });
  const first = splitDualStack(cluster.serviceSubnet)[0] ?? cluster.serviceSubnet;
  notes.push(
    ip !== undefined
      ? `The default cluster's DNS is added: CoreDNS behind kube-system/kube-dns (${ip}, the 10th address of the service range ${first}, as kubeadm picks it), so walks to Service names resolve.`
      : `The default cluster's DNS is added: CoreDNS behind kube-system/kube-dns (its ClusterIP allocated from the service range ${first}, too small for kubeadm's 10th address), so walks to Service names resolve.`,
  );
  return {
    pods: DEFAULT_SCENARIO.pods.filter((p) => p.metadata.namespace === 'kube-system'),
    services,
  };
}
