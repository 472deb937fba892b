/**
 * What kube-proxy knows about the node it runs on, for one IP family: its addresses, the
 * KubeProxyConfiguration settings that shape the rules (masqueradeAll, the local-traffic
 * detector, nodePortAddresses, localhostNodePorts, the masquerade mark), and the rule buffers.
 */
import { cidrContainsIp, parseCidr, toNetwork, type Cidr } from '../addr/cidr';
import { ip as ipOf, type Family } from '../addr/ip';
import { localDetectorCidrs, networkText } from '../derive/settings';
import type { Cluster, DerivedNode } from '../derive/types';

import { familyOf } from './services';
import { tableBuffer, type TableBuffer } from './writer';

/** kube-proxy's view of one node and family while it writes rules. */
export interface ProxyContext {
  readonly cluster: Cluster;
  readonly family: Family;
  readonly nodeName: string;
  readonly node?: DerivedNode;
  /** The node's primary address of this family (proxier.nodeIP). */
  readonly nodeIP?: string;
  readonly masqueradeAll: boolean;
  /** Effective: IPv4 only, and only when nodePortAddresses include 127.0.0.1. */
  readonly localhostNodePorts: boolean;
  /** The local-traffic detector's CIDR (`-s CIDR` = from a pod); absent = no detector. */
  readonly detector?: string;
  /** "0x4000" for masqueradeBit 14. */
  readonly masqMark: string;
  /** nodePortAddresses: every local address, or only these node addresses. */
  readonly nodePorts: { readonly matchAll: boolean; readonly ips: readonly string[] };
  /** More than 1000 endpoints in total: SVC/SEP rules lose their comments (largeClusterMode). */
  largeCluster: boolean;
  readonly nat: TableBuffer;
  readonly filter: TableBuffer;
}

/** The rule-writing context of `nodeName` for `family`, from the cluster's kube-proxy settings. */
export function proxyContext(cluster: Cluster, nodeName: string, family: Family): ProxyContext {
  const kp = cluster.settings.kubeProxy;
  const node = cluster.nodeByName.get(nodeName);
  const nodeIP = node?.ips.find((a) => familyOf(a) === family);
  const detector = localDetectorCidrs(cluster.settings)
    .map((t) => parseCidr(t))
    .find((r) => r.ok && r.value.family === family);
  const nodePorts = nodePortAddresses(kp.nodePortAddresses ?? [], family, node, nodeIP);
  const bit = kp.iptables?.masqueradeBit ?? 14;
  const loopbackOk =
    family === 4 &&
    (nodePorts.matchAll || nodePorts.cidrs.some((c) => cidrContainsIp(c, ipOf('127.0.0.1'))));
  return {
    cluster,
    family,
    nodeName,
    ...(node ? { node } : {}),
    ...(nodeIP !== undefined ? { nodeIP } : {}),
    masqueradeAll: kp.masqueradeAll === true,
    localhostNodePorts: loopbackOk && kp.iptables?.localhostNodePorts !== false,
    ...(detector?.ok ? { detector: networkText(detector.value) } : {}),
    masqMark: `0x${(2 ** Math.min(31, Math.max(0, bit))).toString(16)}`,
    nodePorts: { matchAll: nodePorts.matchAll, ips: nodePorts.ips },
    largeCluster: false,
    nat: tableBuffer('nat'),
    filter: tableBuffer('filter'),
  };
}

/**
 * kube-proxy's NodePortAddresses: CIDRs of this family ("primary" = the node's primary IP); none
 * (or a /0) means every local address; otherwise the node's addresses inside them.
 */
export function nodePortAddresses(
  given: readonly string[],
  family: Family,
  node: DerivedNode | undefined,
  nodeIP: string | undefined,
): { matchAll: boolean; cidrs: Cidr[]; ips: string[] } {
  const cidrs: Cidr[] = [];
  for (const g of given) {
    const r =
      g.trim() === 'primary'
        ? nodeIP
          ? parseCidr(nodeIP, { allowBareIp: true })
          : undefined
        : parseCidr(g.trim());
    if (r?.ok && r.value.family === family) cidrs.push(toNetwork(r.value));
  }
  const matchAll = cidrs.length === 0 || cidrs.some((c) => c.prefix === 0);
  if (matchAll) return { matchAll, cidrs, ips: [] };
  const ips: string[] = [];
  for (const a of node?.localIps ?? []) {
    if (familyOf(a) !== family || ips.includes(a)) continue;
    if (cidrs.some((c) => cidrContainsIp(c, ipOf(a)))) ips.push(a);
  }
  return { matchAll, cidrs, ips };
}
