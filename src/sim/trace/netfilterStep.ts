/**
 * Runs a node's netfilter hook for the walk (the iptables-save text the user reads is what is
 * matched) and turns the outcome into hops: what kube-proxy's chains decided, DNAT/SNAT rewrites
 * and the conntrack entry that un-NATs the reply. Only the first packet of a connection consults
 * the nat table (conntrack remembers its bindings), so replies skip nat here.
 */
import { isLoopback, parseIp, type Family } from '../addr/ip';
import type { DerivedNode } from '../derive/types';
import { nodeRuleset } from '../kubeproxy/ruleset';
import { ids } from '../model/ids';
import { runHook } from '../netfilter/engine';
import type { BuiltinChain, HookResult, NfPacket, NfTable, RuleRef } from '../netfilter/types';

import { dnatCaptureNote } from './overlap';
import type { MatchedRule } from './types';
import { endpointText, hop, type Pkt, type Walk } from './walk';

export const MASQ_MARK = 0x4000;

export interface NfStep {
  readonly pkt: Pkt;
  readonly result: HookResult;
}

/** Evaluates one table/chain of `node` for `pkt`; undefined when the node has no rules for it. */
export function runNetfilter(
  w: Walk,
  node: DerivedNode,
  table: NfTable,
  chain: BuiltinChain,
  pkt: Pkt,
  ifaces: { readonly in?: string; readonly out?: string },
): NfStep {
  const { ruleset } = nodeRuleset(w.cluster, node.name, pkt.family);
  const local = new Set(node.localIps);
  const nf: NfPacket = {
    family: pkt.family,
    srcIP: pkt.srcIP,
    dstIP: pkt.dstIP,
    protocol: pkt.protocol,
    ...(pkt.srcPort !== undefined ? { srcPort: pkt.srcPort } : {}),
    ...(pkt.dstPort !== undefined ? { dstPort: pkt.dstPort } : {}),
    mark: pkt.mark,
    ...(ifaces.in !== undefined ? { inIface: ifaces.in } : {}),
    ...(ifaces.out !== undefined ? { outIface: ifaces.out } : {}),
  };
  const result = runHook(ruleset, table, chain, nf, {
    isLocal: (ip) => local.has(ip) || isLoopbackIp(ip),
    ctstate: w.direction === 'request' ? 'NEW' : 'ESTABLISHED',
    random: w.random,
    ...(w.preferredEndpoint !== undefined ? { preferredEndpoint: w.preferredEndpoint } : {}),
    masqueradeAddress: (out, family) => masqueradeAddress(node, out, family),
  });
  const p = result.packet;
  return {
    result,
    pkt: {
      ...pkt,
      srcIP: p.srcIP,
      dstIP: p.dstIP,
      ...(p.srcPort !== undefined ? { srcPort: p.srcPort } : {}),
      ...(p.dstPort !== undefined ? { dstPort: p.dstPort } : {}),
      mark: p.mark,
    },
  };
}

function isLoopbackIp(ip: string): boolean {
  const r = parseIp(ip);
  return r.ok && isLoopback(r.value);
}

/** MASQUERADE uses the primary address of the outgoing interface. */
export function masqueradeAddress(
  node: DerivedNode,
  out: string | undefined,
  family: Family,
): string | undefined {
  const byFamily = (ips: readonly string[]): string | undefined =>
    ips.find((ip) => (family === 6) === ip.includes(':'));
  if (out === 'cni0') return byFamily(node.bridge.addrs.map((a) => a.ip));
  if (out === 'flannel.1') return byFamily(node.vxlan?.addrs.map((a) => a.ip) ?? []);
  return byFamily(node.ips);
}

export function toMatched(node: string, family: Family, refs: readonly RuleRef[]): MatchedRule[] {
  return refs.map((r) => ({
    node,
    family,
    table: r.table,
    chain: r.chain,
    line: r.line,
    text: r.text,
  }));
}

/** Chains whose rules matching means kube-proxy actually did something worth a hop. */
const ACTIVE_CHAIN =
  /^KUBE-(SVC|SVL|EXT|FW|SEP|MARK-MASQ|PROXY-FIREWALL|EXTERNAL-SERVICES|NODEPORTS)/;

/** Whether a hook did more than fall through kube-proxy's entry jumps. */
export function isInteresting(result: HookResult): boolean {
  if (result.verdict !== 'ACCEPT' || result.dnat || result.snat) return true;
  return result.matched.some(
    (r) =>
      ACTIVE_CHAIN.test(r.chain) ||
      (r.chain === 'KUBE-SERVICES' && !r.text.includes('-j KUBE-NODEPORTS')),
  );
}

/** Adds hops for a netfilter step: the chain walk, then any DNAT/SNAT it did. */
export function netfilterHops(
  w: Walk,
  node: DerivedNode,
  table: NfTable,
  chain: BuiltinChain,
  before: Pkt,
  step: NfStep,
): void {
  const { result } = step;
  if (result.candidates.length > 0 && w.direction === 'request' && w.candidates.length === 0) {
    w.candidates = result.candidates;
    w.probabilities = result.probabilities;
  }
  // `masqueraded` is kube-proxy's decision for Service traffic (the 0x4000 mark, as its own tests
  // judge it); a CNI masquerade counts only for connections no Service rule DNATed (pod → outside).
  const serviceNat =
    [...w.nat.values()].some((r) => r.dnatTo !== undefined) || result.dnat !== undefined;
  if ((step.pkt.mark & MASQ_MARK) !== 0) w.masqueraded = true;
  if (result.snat && (result.snat.rule.chain === 'KUBE-POSTROUTING' || !serviceNat))
    w.masqueraded = true;
  if (!isInteresting(result)) return;
  const rules = toMatched(node.name, before.family, result.matched);
  const at = ids.nodeNetfilter(node.name);
  const lb =
    result.candidates.length > 1
      ? ` kube-proxy load-balances over ${result.candidates.length} endpoints (${result.candidates
          .map((c, i) => `${c} p=${fmtP(result.probabilities[i] ?? 0)}`)
          .join(', ')}); this walk follows ${result.dnat?.to ?? 'one'}.`
      : '';
  // A NAT target ends the table's walk and lets the packet on; say which, not a bare "ACCEPT".
  const target = /-j (DNAT|SNAT|MASQUERADE)\b/.exec(result.decidedBy?.text ?? '')?.[1];
  const decided = !result.decidedBy
    ? ''
    : target
      ? ` ${result.decidedBy.chain}'s ${target} ends the ${table} walk and the packet goes on.`
      : ` ${result.verdict} by ${result.decidedBy.chain}.`;
  const marked =
    (step.pkt.mark & MASQ_MARK) !== 0 && (before.mark & MASQ_MARK) === 0
      ? ' KUBE-MARK-MASQ marks it 0x4000 for masquerading on the way out.'
      : '';
  hop(w, result.dnat ? before : step.pkt, {
    kind: 'netfilter',
    at,
    node: node.name,
    title: `${table} ${chain}: ${rules.length} rule${rules.length === 1 ? '' : 's'} matched`,
    rule: {
      source: `iptables -t ${table}`,
      text:
        (result.decidedBy ?? result.matched[result.matched.length - 1])?.text ??
        `-P ${chain} ACCEPT`,
    },
    rules,
    explain:
      `${node.name} runs the packet through the ${table} table's ${chain} chain.${lb}${marked}${decided}`.trim(),
  });
  if (result.dnat) {
    const svc = serviceOfDnat(w, before);
    const affinity = svc ? affinityNote(w, svc, before.srcIP, result.dnat.to) : '';
    hop(w, step.pkt, {
      kind: 'dnat',
      at,
      node: node.name,
      title: `DNAT ${endpointText(before.dstIP, before.dstPort)} → ${result.dnat.to}`,
      rule: { source: `iptables -t ${table}`, text: result.dnat.rule.text },
      rules: toMatched(node.name, before.family, [result.dnat.rule]),
      highlight: svc ? [ids.service(svc), ids.serviceEndpoint(svc, step.pkt.dstIP)] : undefined,
      explain: `kube-proxy's ${result.dnat.rule.chain} rewrites the destination from ${endpointText(before.dstIP, before.dstPort)} to ${result.dnat.to}. conntrack records the binding, so the reply's source is rewritten back.${affinity}${dnatCaptureNote(w, before.dstIP, svc)}`,
    });
    w.chosen = result.dnat.to;
  }
  if (result.snat) {
    hop(w, step.pkt, {
      kind: 'snat',
      at,
      node: node.name,
      title: `${result.snat.kind} ${before.srcIP} → ${result.snat.to}`,
      rule: { source: `iptables -t ${table}`, text: result.snat.rule.text },
      rules: toMatched(node.name, before.family, [result.snat.rule]),
      explain: `${result.snat.rule.chain} ${result.snat.kind === 'MASQUERADE' ? 'masquerades' : 'SNATs'} the source ${before.srcIP} to ${result.snat.to}, this node's address on the way out, so the reply comes back here to be un-NATed.`,
    });
  }
}

/** sessionAffinity: ClientIP — the `recent` match that pins this client to the endpoint. */
function affinityNote(w: Walk, svcKey: string, client: string, to: string): string {
  const svc = w.cluster.serviceByKey.get(svcKey);
  if (svc?.sessionAffinity !== 'ClientIP') return '';
  return ` sessionAffinity: ClientIP — the KUBE-SEP chain also records ${client} (-m recent --set), so for ${svc.sessionAffinityTimeout} s every new connection from ${client} is sent to ${to} again (the KUBE-SVC chain's -m recent --rcheck rules come before the random ones).`;
}

function serviceOfDnat(w: Walk, before: Pkt): string | undefined {
  for (const o of w.cluster.ipOwners.get(before.dstIP) ?? [])
    if (o.kind === 'service') return o.key;
  // NodePort on a node address: find the Service by node port.
  const s = w.cluster.services.find((x) =>
    x.ports.some((p) => p.nodePort === before.dstPort && p.protocol === before.protocol),
  );
  return s?.key;
}

const fmtP = (p: number): string => (Math.round(p * 1000) / 1000).toString();
