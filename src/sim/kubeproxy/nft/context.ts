/**
 * What kube-proxy's nftables proxier knows about its node for one IP family: the table's
 * family words (ip/ip6, ipv4_addr/ipv6_addr), the masquerade mark, the local-traffic detector,
 * nodePortAddresses (default `primary` in nftables mode), the Service CIDRs, and the transaction
 * being written.
 */
import { parseCidr, splitDualStack } from '../../addr/cidr';
import type { Family } from '../../addr/ip';
import { networkText } from '../../derive/settings';
import type { Cluster, DerivedNode } from '../../derive/types';
import { proxyContext, nodePortAddresses } from '../context';

import { transaction, type Transaction } from './transaction';

export interface NftContext {
  readonly cluster: Cluster;
  readonly family: Family;
  readonly node?: DerivedNode;
  readonly nodeIP?: string;
  /** "ip" or "ip6" (payload expressions and the table family). */
  readonly ipX: 'ip' | 'ip6';
  readonly addrType: 'ipv4_addr' | 'ipv6_addr';
  /** `ip daddr != 127.0.0.0/8` / `ip6 daddr != ::1`. */
  readonly noLocalhost: string;
  readonly masqueradeAll: boolean;
  /** The local-traffic detector's CIDR; absent = no detector. */
  readonly detector?: string;
  /** proxier.masqueradeMark: `fmt.Sprintf("%#08x", 1<<bit)`. */
  readonly mark: string;
  /** NodePorts answer on every local address, or only on these (never loopback). */
  readonly nodePorts: { readonly matchAll: boolean; readonly ips: readonly string[] };
  /** The Service CIDRs of this family (kube-proxy learns them from ServiceCIDR objects). */
  readonly serviceCIDRs: readonly string[];
  readonly tx: Transaction;
}

/** The nftables proxier's view of `nodeName` for `family`. */
export function nftContext(cluster: Cluster, nodeName: string, family: Family): NftContext {
  const base = proxyContext(cluster, nodeName, family);
  const kp = cluster.settings.kubeProxy;
  // KEP-3866: in nftables mode an unset nodePortAddresses means "primary" (the node IP).
  const given = kp.nodePortAddresses?.length ? kp.nodePortAddresses : ['primary'];
  const np = nodePortAddresses(given, family, base.node, base.nodeIP);
  const loopback = (ip: string): boolean => ip.startsWith('127.') || ip === '::1';
  const bit = kp.iptables?.masqueradeBit ?? 14;
  const serviceCIDRs = splitDualStack(cluster.settings.serviceSubnet)
    .map((t) => parseCidr(t))
    .flatMap((r) => (r.ok && r.value.family === family ? [networkText(r.value)] : []));
  return {
    cluster,
    family,
    ...(base.node ? { node: base.node } : {}),
    ...(base.nodeIP !== undefined ? { nodeIP: base.nodeIP } : {}),
    ipX: family === 4 ? 'ip' : 'ip6',
    addrType: family === 4 ? 'ipv4_addr' : 'ipv6_addr',
    noLocalhost: family === 4 ? 'ip daddr != 127.0.0.0/8' : 'ip6 daddr != ::1',
    masqueradeAll: base.masqueradeAll,
    ...(base.detector !== undefined ? { detector: base.detector } : {}),
    mark: `0x${(2 ** Math.min(31, Math.max(0, bit))).toString(16).padStart(6, '0')}`,
    nodePorts: { matchAll: np.matchAll, ips: np.ips.filter((ip) => !loopback(ip)) },
    serviceCIDRs,
    tx: transaction(family === 4 ? 'ip' : 'ip6', 'kube-proxy'),
  };
}
