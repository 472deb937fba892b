/**
 * What changes when kube-proxy runs in nftables mode (Kubernetes docs, virtual-ips: "Migrating
 * from iptables mode to nftables"), said when the configuration asks for the old behaviour:
 * `nft-localhost-nodeports` — NodePorts on 127.0.0.1 (iptables.localhostNodePorts, or loopback in
 * nodePortAddresses) do not exist in nftables mode; `nft-nodeport-addresses` — nodePortAddresses
 * defaults to the node's primary IP there, so NodePorts stop answering on a node's other addresses.
 */
import { cidr, cidrContainsCidr, parseCidr } from '../addr/cidr';

import { diagnostic, listNames, nodeRef, type Diagnostic, type ValidateContext } from './types';

const KP = 'cluster.kubeProxy';
const LOOPBACK4 = cidr('127.0.0.0/8');
const LOOPBACK6 = cidr('::1/128');

export function checkProxyMode({ scenario, cluster }: ValidateContext): Diagnostic[] {
  const kp = scenario.cluster?.kubeProxy;
  if (kp?.mode !== 'nftables') return [];
  const out: Diagnostic[] = [];
  const given = kp.nodePortAddresses ?? [];
  const loopback = given.filter((g) => {
    const c = parseCidr(g.trim(), { allowBareIp: true });
    // A block inside 127.0.0.0/8 or ::1 asks for loopback; 0.0.0.0/0 just means "every address".
    return c.ok && (cidrContainsCidr(LOOPBACK4, c.value) || cidrContainsCidr(LOOPBACK6, c.value));
  });
  if (kp.iptables?.localhostNodePorts === true || loopback.length > 0)
    out.push(
      diagnostic(
        'warning',
        'nft-localhost-nodeports',
        `kube-proxy in nftables mode never accepts NodePorts on 127.0.0.1 or ::1${loopback.length > 0 ? ` (nodePortAddresses ${loopback.join(', ')} is ignored for loopback)` : ' (iptables.localhostNodePorts is an iptables-mode option)'}: a client on the node must use the node's own address. Drop the setting, or stay in iptables mode.`,
        {
          ranges: loopback,
          field:
            loopback.length > 0 ? `${KP}.nodePortAddresses` : `${KP}.iptables.localhostNodePorts`,
        },
      ),
    );
  const exposed = cluster.services.some((s) => s.ports.some((p) => (p.nodePort ?? 0) > 0));
  if (given.length > 0 || !exposed) return out;
  // Default "primary": a node's first address of each family; its others stop taking NodePorts.
  const others = cluster.nodes.flatMap((n) => {
    const primary = new Set(
      [false, true].flatMap((v6) => n.ips.find((a) => a.includes(':') === v6) ?? []),
    );
    // The node's own addresses (InternalIPs, ExternalIPs) beyond the primary one of each family.
    const extra = [...n.ips, ...n.externalIps].filter((a) => !primary.has(a));
    return extra.length > 0 ? [{ node: n.name, extra: [...new Set(extra)] }] : [];
  });
  if (others.length > 0)
    out.push(
      diagnostic(
        'warning',
        'nft-nodeport-addresses',
        `In nftables mode nodePortAddresses defaults to "primary": NodePorts answer only on each node's primary address, no longer on ${listNames(others.map((o) => `${o.node}'s ${o.extra.join(', ')}`))} as they did in iptables mode. Set nodePortAddresses (e.g. 0.0.0.0/0) to accept them there too.`,
        {
          ranges: others.flatMap((o) => o.extra),
          objects: others.map((o) => nodeRef(o.node)),
          field: `${KP}.nodePortAddresses`,
        },
      ),
    );
  return out;
}
