/**
 * Asks the node's service proxy what happens at a netfilter hook (the rule text the user reads is
 * what is matched) and turns its answer into hops: what the chains decided, DNAT/SNAT rewrites
 * and the conntrack entry that un-NATs the reply. Only the first packet of a connection consults
 * the nat chains (conntrack remembers its bindings), so replies skip them. Which proxy (iptables,
 * nftables, …) is the cluster's business: nothing here branches on it.
 */
import { isLoopback, parseIp, type Family } from '../addr/ip';
import type { DerivedNode } from '../derive/types';
import { topologyNote } from '../kubeproxy/topologyExplain';
import { ids } from '../model/ids';
import type { NfPacket } from '../netfilter/types';
import { serviceProxyFor } from '../proxy/registry';
import type { ChainRun, HookRun, NfHook, ProxyRuleRef, ServiceProxy } from '../proxy/types';

import { cniWalk } from './cniWalk';
import { dnatCaptureNote } from './overlap';
import type { MatchedRule } from './types';
import { endpointText, hop, randomFullyPort, type Pkt, type Walk } from './walk';

export const MASQ_MARK = 0x4000;

export interface NfStep {
  /** The packet as the walk carries it before the hook. */
  readonly before: Pkt;
  readonly pkt: Pkt;
  readonly run: HookRun;
  readonly proxy: ServiceProxy;
  /** The interfaces the hook saw (-i / -o). */
  readonly ifaces: { readonly in?: string; readonly out?: string };
}

/** Runs `hook` of `node` for `pkt` (nat chains only for a connection's first packet). */
export function runNetfilter(
  w: Walk,
  node: DerivedNode,
  hook: NfHook,
  pkt: Pkt,
  ifaces: { readonly in?: string; readonly out?: string },
): NfStep {
  const proxy = serviceProxyFor(w.cluster);
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
  if (!proxy) throw new Error(`no service proxy for mode ${w.cluster.settings.kubeProxy.mode}`);
  const request = w.direction === 'request';
  const run = proxy.runHook({
    cluster: w.cluster,
    node,
    hook,
    packet: nf,
    nat: request,
    ctx: {
      isLocal: (ip) => local.has(ip) || isLoopbackIp(ip),
      ctstate: request ? 'NEW' : 'ESTABLISHED',
      random: w.random,
      ...(w.preferredEndpoint !== undefined ? { preferredEndpoint: w.preferredEndpoint } : {}),
      masqueradeAddress: (out, family) => masqueradeAddress(node, out, family),
      randomPort: (p) => randomFullyPort(w.seed, p),
      ipsets: (name) => cniWalk(w.cluster).ipsets?.(w.cluster, name),
    },
  });
  return { before: pkt, pkt: withHeaders(pkt, run.packet), run, proxy, ifaces };
}

function withHeaders(pkt: Pkt, p: NfPacket): Pkt {
  return {
    ...pkt,
    srcIP: p.srcIP,
    dstIP: p.dstIP,
    ...(p.srcPort !== undefined ? { srcPort: p.srcPort } : {}),
    ...(p.dstPort !== undefined ? { dstPort: p.dstPort } : {}),
    mark: p.mark,
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
  const dev = out !== undefined ? node.devices.find((d) => d.name === out) : undefined;
  return byFamily(dev?.addrs.map((a) => a.ip) ?? []) ?? byFamily(node.ips);
}

export function toMatched(
  node: string,
  family: Family,
  refs: readonly ProxyRuleRef[],
): MatchedRule[] {
  return refs.map((r) => ({
    node,
    family,
    table: r.table,
    chain: r.chain,
    line: r.line,
    text: r.text,
    ...(r.view !== 'iptables' ? { view: r.view } : {}),
    ...(r.element !== undefined ? { element: r.element } : {}),
  }));
}

/** The chain that decided a drop or reject at this hook, if one did. */
export function decidingChain(step: NfStep): ChainRun | undefined {
  return step.run.verdict === 'ACCEPT'
    ? undefined
    : step.run.chains.find((c) => c.verdict !== 'ACCEPT');
}

/** Adds hops for a netfilter step: each chain's walk, then any DNAT/SNAT it did. */
export function netfilterHops(w: Walk, node: DerivedNode, step: NfStep): void {
  let before = step.before;
  for (const run of step.run.chains) {
    const after = withHeaders(before, run.packet);
    chainHops(w, node, step.proxy, run, before, after, step.ifaces.out ?? step.ifaces.in);
    before = after;
  }
}

function chainHops(
  w: Walk,
  node: DerivedNode,
  proxy: ServiceProxy,
  run: ChainRun,
  before: Pkt,
  after: Pkt,
  dev: string | undefined,
): void {
  if (run.candidates.length > 0 && w.direction === 'request' && w.candidates.length === 0) {
    w.candidates = run.candidates;
    w.probabilities = run.probabilities;
  }
  // `masqueraded` is kube-proxy's decision for Service traffic (the 0x4000 mark, as its own tests
  // judge it); a CNI masquerade counts only for connections no Service rule DNATed (pod → outside).
  const serviceNat =
    [...w.nat.values()].some((r) => r.dnatTo !== undefined) || run.dnat !== undefined;
  if ((after.mark & MASQ_MARK) !== 0) w.masqueraded = true;
  if (run.snat && (run.proxySnat === true || !serviceNat)) w.masqueraded = true;
  if (!run.interesting) return;
  const rules = toMatched(node.name, before.family, run.matched);
  const at = ids.nodeNetfilter(node.name);
  const lb =
    run.candidates.length > 1
      ? ` kube-proxy load-balances over ${run.candidates.length} endpoints (${run.candidates
          .map((c, i) => `${c} p=${fmtP(run.probabilities[i] ?? 0)}`)
          .join(', ')}); this walk follows ${run.dnat?.to ?? 'one'}.`
      : '';
  // A NAT ends the chain's walk and lets the packet on; say which, not a bare "ACCEPT".
  const decided = !run.decidedBy
    ? ''
    : run.dnat || run.snat
      ? ` ${run.decidedBy.chain}'s ${run.dnat ? 'DNAT' : (run.snat?.kind ?? 'SNAT')} ends the ${run.title} walk and the packet goes on.`
      : ` ${run.verdict} by ${run.decidedBy.chain}.`;
  const notes = run.notes.map((n) => ` ${n}`).join('');
  const last = run.decidedBy ?? run.matched[run.matched.length - 1];
  hop(w, run.dnat ? before : after, {
    kind: 'netfilter',
    at,
    node: node.name,
    dev,
    title: `${run.title}: ${rules.length} rule${rules.length === 1 ? '' : 's'} matched`,
    rule: { source: last?.source ?? run.source, text: last?.text ?? `policy accept` },
    rules,
    explain: `${node.name} runs the packet through ${run.where}.${lb}${notes}${decided}`.trim(),
  });
  if (run.dnat) {
    const svc = serviceOfDnat(w, before);
    const service = svc ? w.cluster.serviceByKey.get(svc) : undefined;
    const affinity =
      service?.sessionAffinity === 'ClientIP'
        ? (proxy.explainAffinity?.(service, before.srcIP, run.dnat.to) ?? '')
        : '';
    const elements = run.matched.filter((r) => r.element !== undefined);
    hop(w, after, {
      kind: 'dnat',
      at,
      node: node.name,
      dev,
      title: `DNAT ${endpointText(before.dstIP, before.dstPort)} → ${run.dnat.to}`,
      rule: { source: run.dnat.rule.source, text: run.dnat.rule.text },
      rules: toMatched(node.name, before.family, [...elements, run.dnat.rule]),
      highlight: svc ? [ids.service(svc), ids.serviceEndpoint(svc, after.dstIP)] : undefined,
      explain: `kube-proxy's ${run.dnat.rule.chain} rewrites the destination from ${endpointText(before.dstIP, before.dstPort)} to ${run.dnat.to}.${elementsNote(elements)} conntrack records the binding, so the reply's source is rewritten back.${svc ? topologyNote(w.cluster, node.name, before.family, svc, { ip: before.dstIP, port: before.dstPort, protocol: before.protocol }, run.candidates) : ''}${affinity}${dnatCaptureNote(w, before.dstIP, svc)}`,
    });
    w.chosen = run.dnat.to;
  }
  if (run.snat) {
    const portChanged = after.srcPort !== before.srcPort;
    hop(w, after, {
      kind: 'snat',
      at,
      node: node.name,
      dev,
      title: `${run.snat.kind} ${endpointText(before.srcIP, portChanged ? before.srcPort : undefined)} → ${endpointText(after.srcIP, portChanged ? after.srcPort : undefined)}`,
      rule: { source: run.snat.rule.source, text: run.snat.rule.text },
      rules: toMatched(node.name, before.family, [run.snat.rule]),
      explain: `${run.snat.rule.chain} ${run.snat.kind === 'MASQUERADE' ? 'masquerades' : 'SNATs'} the source ${before.srcIP} to ${run.snat.to}, this node's address on the way out, so the reply comes back here to be un-NATed.${portChanged ? ` --random-fully also picks a random source port: ${before.srcPort ?? ''} becomes ${after.srcPort ?? ''} (the kernel draws it afresh for every connection; the walk shows a stable choice from its seed). The server sees ${endpointText(after.srcIP, after.srcPort)}; conntrack restores ${endpointText(before.srcIP, before.srcPort)} on the reply.` : ''}`,
    });
  }
}

/** The map elements that led to the DNAT (nftables verdict maps), in the order they matched. */
function elementsNote(elements: readonly ProxyRuleRef[]): string {
  if (elements.length === 0) return '';
  const list = elements
    .map((e) =>
      e.map !== undefined
        ? `${e.chain} looked up @${e.map} and found "${e.element ?? ''}"`
        : `${e.chain}'s ${e.text.split(' vmap ')[0] ?? 'map'} picked "${e.element ?? ''}"`,
    )
    .join('; then ');
  return ` How kube-proxy's maps led here: ${list}.`;
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
