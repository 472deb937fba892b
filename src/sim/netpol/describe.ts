/** Short human summaries of NetworkPolicy rules, peers and ports, for verdicts and the UI. */
import type { LabelSelector, NetworkPolicyPeer, NetworkPolicyPort } from '../model/k8s';
import { formatSelector } from '../model/labels';

import { normalizePort } from './defaults';
import type { PolicyDirection, PolicyProtocol } from './types';

const isEmptySelector = (s: LabelSelector): boolean =>
  Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;

/**
 * One `from`/`to` entry. API: a podSelector alone means pods of the policy's namespace; a
 * namespaceSelector (`{}` = all namespaces) widens it; both in one entry are ANDed.
 */
export function describePeerEntry(e: NetworkPolicyPeer, policyNamespace: string): string {
  if (e.ipBlock) {
    const except = e.ipBlock.except ?? [];
    return except.length ? `${e.ipBlock.cidr} except ${except.join(', ')}` : e.ipBlock.cidr;
  }
  const pods =
    e.podSelector && !isEmptySelector(e.podSelector)
      ? `pods ${formatSelector(e.podSelector)}`
      : 'all pods';
  if (!e.namespaceSelector) return `${pods} in ${policyNamespace}`;
  if (isEmptySelector(e.namespaceSelector)) return `${pods} in all namespaces`;
  return `${pods} in namespaces ${formatSelector(e.namespaceSelector)}`;
}

/** One ports entry after defaulting: "TCP 80", "TCP 32000-32768", "UDP (all ports)", "TCP port named http". */
export function describePortEntry(p: NetworkPolicyPort): string {
  const n = normalizePort(p);
  if (n.name !== undefined) return `${n.protocol} port named ${n.name}`;
  if (n.port === undefined) return `${n.protocol} (all ports)`;
  return n.endPort !== undefined && n.endPort !== n.port
    ? `${n.protocol} ${n.port}-${n.endPort}`
    : `${n.protocol} ${n.port}`;
}

/** A rule: "ingress[0] from pods role=frontend in default on TCP 6379" (0-based, as in the manifest). */
export function describeRule(
  dir: PolicyDirection,
  index: number,
  rule: {
    readonly peers?: readonly NetworkPolicyPeer[] | undefined;
    readonly ports?: readonly NetworkPolicyPort[] | undefined;
  },
  policyNamespace: string,
): string {
  const peers = rule.peers ?? [];
  const who = peers.length
    ? peers.map((e) => describePeerEntry(e, policyNamespace)).join(' or ')
    : 'anywhere';
  const ports = rule.ports ?? [];
  const what = ports.length ? ports.map(describePortEntry).join(', ') : 'all ports';
  return `${dir}[${index}] ${dir === 'ingress' ? 'from' : 'to'} ${who} on ${what}`;
}

/** The traffic being judged: "TCP 80", "ICMP", "UDP" (no port given). */
export function describeTraffic(port: number | undefined, protocol: PolicyProtocol): string {
  return protocol === 'ICMP' || port === undefined ? protocol : `${protocol} ${port}`;
}

/** "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
