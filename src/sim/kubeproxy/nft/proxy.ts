/**
 * kube-proxy's nftables mode as a service proxy: the node's `nft list ruleset` (kube-proxy's
 * tables and the CNI's; generate.ts) evaluated by the nftables engine (nftables/). Loaded on
 * demand (registry.ts): nothing here is needed until a cluster runs in nftables mode.
 */
import type { DerivedService } from '../../derive/types';
import { formatPriority } from '../../nftables/format';
import { runNftHook, type NftChainResult } from '../../nftables/hook';
import type { NftRef } from '../../nftables/walk';
import type { ChainRun, HookRequest, ProxyRuleRef, ServiceProxy } from '../../proxy/types';

import { nodeNftRuleset } from './generate';

const MASQ_BIT = 0x4000;

function ref(r: NftRef): ProxyRuleRef {
  return {
    view: 'nft',
    source: `nft ${r.table}`,
    table: r.table,
    chain: r.chain,
    line: r.line,
    text: r.text,
    ...(r.element !== undefined ? { element: r.element } : {}),
    ...(r.map !== undefined ? { map: r.map } : {}),
  };
}

function chainRun(r: NftChainResult, markBefore: number): ChainRun {
  const table = `${r.table.family} ${r.table.name}`;
  const b = r.chain.base;
  const spec = b
    ? ` (type ${b.type} hook ${b.hook} priority ${formatPriority(b.priority, b.hook)})`
    : '';
  const bases = new Set([...r.table.chains.values()].filter((c) => c.base).map((c) => c.name));
  const interesting =
    r.verdict !== 'ACCEPT' ||
    r.dnat !== undefined ||
    r.snat !== undefined ||
    r.matched.some((m) => !bases.has(m.chain) && m.chain !== 'masquerading');
  const notes: string[] = [];
  const lb = r.matched.find((m) => m.text.startsWith('numgen ') && m.element !== undefined);
  if (lb) notes.push(`numgen picks "${lb.element ?? ''}" in ${lb.chain}.`);
  if ((r.packet.mark & MASQ_BIT) !== 0 && (markBefore & MASQ_BIT) === 0)
    notes.push('mark-for-masquerade sets mark 0x4000 for masquerading on the way out.');
  return {
    title: r.chain.name,
    where: `table ${table}'s base chain ${r.chain.name}${spec}`,
    source: `nft ${table}`,
    verdict: r.verdict,
    packet: r.packet,
    matched: r.matched.map(ref),
    ...(r.decidedBy ? { decidedBy: ref(r.decidedBy) } : {}),
    ...(r.comment !== undefined ? { comment: r.comment } : {}),
    ...(r.dnat ? { dnat: { to: r.dnat.to, rule: ref(r.dnat.ref) } } : {}),
    ...(r.snat ? { snat: { to: r.snat.to, kind: r.snat.kind, rule: ref(r.snat.ref) } } : {}),
    candidates: r.candidates,
    probabilities: r.probabilities,
    interesting,
    notes,
    proxySnat: r.snat !== undefined && r.table.name === 'kube-proxy',
  };
}

/** kube-proxy in nftables mode (`mode: nftables`). */
export const nftablesProxy: ServiceProxy = {
  mode: 'nftables',
  label: 'nftables',
  runHook(req: HookRequest) {
    const { ruleset } = nodeNftRuleset(req.cluster, req.node.name);
    const results = runNftHook(ruleset, req.hook, req.packet, req.ctx, req.nat);
    const chains: ChainRun[] = [];
    let mark = req.packet.mark;
    for (const r of results) {
      chains.push(chainRun(r, mark));
      mark = r.packet.mark;
    }
    const last = results[results.length - 1];
    return {
      verdict: last?.verdict ?? 'ACCEPT',
      packet: last?.packet ?? req.packet,
      chains,
    };
  },
  view(cluster, node) {
    return { title: 'nft list ruleset', view: 'nft', text: nodeNftRuleset(cluster, node).text };
  },
  explainAffinity(svc: DerivedService, client: string, to: string) {
    return ` sessionAffinity: ClientIP — the endpoint chain also adds ${client} to its affinity- set (update @affinity-… { ip saddr }, timeout ${svc.sessionAffinityTimeout} s), so every new connection from ${client} within that time is sent to ${to} again (the service chain's "ip saddr @affinity-… goto endpoint-…" rules come before numgen).`;
  },
};
