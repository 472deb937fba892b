/**
 * kube-proxy's iptables mode as a service proxy: the node's iptables-save text (kubelet's,
 * kube-proxy's and the CNI's rules; kubeproxy/) evaluated by the iptables engine (netfilter/).
 * A hook runs its built-in chains in priority order: nat (-100) before filter (0) at OUTPUT.
 */
import type { Family } from '../addr/ip';
import type { DerivedService } from '../derive/types';
import { nodeRuleset } from '../kubeproxy/ruleset';
import { runHook } from '../netfilter/engine';
import type { BuiltinChain, HookResult, NfTable, RuleRef } from '../netfilter/types';

import { runChains } from './chains';
import type { ChainRun, HookRequest, NfHook, ProxyRuleRef, ServiceProxy } from './types';

/** The built-in chains each hook runs, in priority order (mangle/raw are not modelled). */
const HOOK_CHAINS: Readonly<Record<NfHook, readonly [NfTable, BuiltinChain][]>> = {
  prerouting: [['nat', 'PREROUTING']],
  input: [['filter', 'INPUT']],
  forward: [['filter', 'FORWARD']],
  output: [
    ['nat', 'OUTPUT'],
    ['filter', 'OUTPUT'],
  ],
  postrouting: [['nat', 'POSTROUTING']],
};

/** Chains whose rules matching means kube-proxy actually did something worth a hop. */
const ACTIVE_CHAIN =
  /^KUBE-(SVC|SVL|EXT|FW|SEP|MARK-MASQ|PROXY-FIREWALL|EXTERNAL-SERVICES|NODEPORTS)/;

/** Whether a hook did more than fall through kube-proxy's entry jumps. */
function isInteresting(result: HookResult): boolean {
  if (result.verdict !== 'ACCEPT' || result.dnat || result.snat) return true;
  return result.matched.some(
    (r) =>
      ACTIVE_CHAIN.test(r.chain) ||
      (r.chain === 'KUBE-SERVICES' && !r.text.includes('-j KUBE-NODEPORTS')),
  );
}

const MASQ_BIT = 0x4000;

function ref(r: RuleRef): ProxyRuleRef {
  return {
    view: 'iptables',
    source: `iptables -t ${r.table}`,
    table: r.table,
    chain: r.chain,
    line: r.line,
    text: r.text,
  };
}

function chainRun(table: NfTable, chain: BuiltinChain, before: number, r: HookResult): ChainRun {
  const comment = /--comment "([^"]+)"/.exec(r.decidedBy?.text ?? '')?.[1];
  const marked = (r.packet.mark & MASQ_BIT) !== 0 && (before & MASQ_BIT) === 0;
  return {
    title: `${table} ${chain}`,
    where: `the ${table} table's ${chain} chain`,
    source: `iptables -t ${table}`,
    verdict: r.verdict,
    packet: r.packet,
    matched: r.matched.map(ref),
    ...(r.decidedBy ? { decidedBy: ref(r.decidedBy) } : {}),
    ...(comment !== undefined ? { comment } : {}),
    ...(r.dnat ? { dnat: { to: r.dnat.to, rule: ref(r.dnat.rule) } } : {}),
    ...(r.snat ? { snat: { to: r.snat.to, kind: r.snat.kind, rule: ref(r.snat.rule) } } : {}),
    candidates: r.candidates,
    probabilities: r.probabilities,
    interesting: isInteresting(r),
    notes: marked ? ['KUBE-MARK-MASQ marks it 0x4000 for masquerading on the way out.'] : [],
    proxySnat: r.snat?.rule.chain === 'KUBE-POSTROUTING',
  };
}

/** kube-proxy in iptables mode (the default `mode: iptables`). */
export const iptablesProxy: ServiceProxy = {
  mode: 'iptables',
  label: 'iptables',
  runHook(req: HookRequest) {
    const { ruleset } = nodeRuleset(req.cluster, req.node.name, req.packet.family);
    const steps = HOOK_CHAINS[req.hook].filter(([t]) => t !== 'nat' || req.nat);
    return runChains(
      req.packet,
      steps.map(
        ([table, chain]) =>
          (pkt) =>
            chainRun(table, chain, pkt.mark, runHook(ruleset, table, chain, pkt, req.ctx)),
      ),
    );
  },
  view(cluster, node, family: Family) {
    return {
      title: family === 4 ? 'iptables-save' : 'ip6tables-save',
      view: 'iptables',
      text: nodeRuleset(cluster, node, family).text,
    };
  },
  explainAffinity(svc: DerivedService, client: string, to: string) {
    return ` sessionAffinity: ClientIP — the KUBE-SEP chain also records ${client} (-m recent --set), so for ${svc.sessionAffinityTimeout} s every new connection from ${client} is sent to ${to} again (the KUBE-SVC chain's -m recent --rcheck rules come before the random ones).`;
  },
};
