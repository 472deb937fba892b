/**
 * Walks one built-in chain of one table for a packet, as the kernel's ipt_do_table does: rules
 * in order; a user-chain target pushes a frame, RETURN or the end of a user chain pops it, the
 * end (or a RETURN) of the built-in chain applies its policy; ACCEPT, DROP, REJECT and the NAT
 * targets end the hook, MARK and rules without a target continue (iptables-extensions(8)).
 * Owns the walk only: which hooks run, in which order, is the packet walker's business.
 */
import { formatHostPort, type Family } from '../addr/ip';

import { enumerateCandidates, steer, type Candidate } from './explore';
import { evalPacket, ruleMatches, type EvalPacket } from './match';
import { applyDnat, applyMark, applySnat } from './nat';
import { canonicalEndpoint } from './parseValues';
import type { Chain, Rule, Ruleset, Table } from './ruleset';
import type {
  BuiltinChain,
  HookResult,
  NfContext,
  NfPacket,
  NfTable,
  NfVerdict,
  RuleRef,
} from './types';

interface Frame {
  readonly chain: Chain;
  /** Rule indices to try, in order (a subset when the chain's destination index applies). */
  readonly order?: readonly number[];
  pos: number;
  /** The packet as it entered this chain (for enumerating load-balancing candidates). */
  readonly entry: EvalPacket;
}

interface Outcome {
  verdict: NfVerdict;
  decidedBy?: RuleRef;
  dnat?: { to: string; rule: RuleRef };
  snat?: { to: string; kind: 'MASQUERADE' | 'SNAT'; rule: RuleRef };
  candidates: Candidate[];
}

/**
 * Runs `table`'s built-in `chain` for `packet`. A table or chain the ruleset lacks accepts the
 * packet unchanged (the kernel has no rules there).
 *
 * @example
 * // A ClusterIP packet in nat PREROUTING: KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-… → DNAT.
 * const r = runHook(ruleset, 'nat', 'PREROUTING', pkt, ctx);
 * r.dnat?.to; // "10.244.1.5:8080"; r.candidates lists every endpoint the SVC chain balances over
 */
export function runHook(
  ruleset: Ruleset,
  table: NfTable,
  chain: BuiltinChain,
  packet: NfPacket,
  ctx: NfContext,
): HookResult {
  const t = ruleset.tables[table];
  const start = t?.chains.get(chain);
  if (!t || !start)
    return { verdict: 'ACCEPT', packet, matched: [], candidates: [], probabilities: [] };
  const pref =
    ctx.preferredEndpoint !== undefined ? canonicalEndpoint(ctx.preferredEndpoint) : undefined;
  let e = evalPacket(packet);
  const matched: RuleRef[] = [];
  const stack: Frame[] = [enter(start, e)];
  // -m statistic: match iff random() < p, unless steering towards a preferred endpoint decides.
  const at = { chain: start, index: 0 };
  const stat = (p: number): boolean => {
    const s = pref !== undefined ? steer(t, at.chain, at.index, pref) : undefined;
    return s ?? ctx.random() < p;
  };
  let out: Outcome | undefined;
  while (!out) {
    const f = stack[stack.length - 1];
    if (!f) break;
    const i = f.order ? f.order[f.pos] : f.pos < f.chain.rules.length ? f.pos : undefined;
    f.pos++;
    if (i === undefined) {
      // End of a user chain returns to the caller; end of the built-in chain: its policy.
      if (stack.length === 1) out = { verdict: start.policy ?? 'ACCEPT', candidates: [] };
      else stack.pop();
      continue;
    }
    const rule = f.chain.rules[i];
    if (!rule) continue;
    at.chain = f.chain;
    at.index = i;
    if (!ruleMatches(rule, e, ctx, stat)) continue;
    matched.push(rule.ref);
    const tg = rule.target;
    if (!tg) continue;
    switch (tg.kind) {
      case 'MARK':
        e = { ...e, pkt: { ...e.pkt, mark: applyMark(e.pkt.mark, tg) } };
        break;
      case 'jump': {
        const sub = t.chains.get(tg.chain);
        if (sub) stack.push(enter(sub, e));
        break;
      }
      case 'RETURN':
        if (stack.length === 1) out = { verdict: start.policy ?? 'ACCEPT', candidates: [] };
        else stack.pop();
        break;
      case 'ACCEPT':
      case 'DROP':
      case 'REJECT':
        out = { verdict: tg.kind, decidedBy: rule.ref, candidates: [] };
        break;
      case 'DNAT':
        e = { ...e, pkt: applyDnat(e.pkt, tg.to) };
        out = {
          verdict: 'ACCEPT',
          decidedBy: rule.ref,
          dnat: { to: tg.to.text, rule: rule.ref },
          candidates: candidatesAt(t, stack, ctx, tg.to.text, tg.to.canonical),
        };
        break;
      case 'SNAT':
      case 'MASQUERADE': {
        const s = snat(e.pkt, rule, ctx);
        if (!s) {
          // MASQUERADE with no address on the outgoing interface: the kernel drops (NF_DROP).
          out = { verdict: 'DROP', decidedBy: rule.ref, candidates: [] };
          break;
        }
        e = { ...e, pkt: s.pkt };
        out = {
          verdict: 'ACCEPT',
          decidedBy: rule.ref,
          snat: { to: s.to, kind: tg.kind, rule: rule.ref },
          candidates: [],
        };
        break;
      }
    }
  }
  const o = out ?? { verdict: 'ACCEPT', candidates: [] };
  return {
    verdict: o.verdict,
    packet: e.pkt,
    matched,
    ...(o.decidedBy ? { decidedBy: o.decidedBy } : {}),
    ...(o.dnat ? { dnat: o.dnat } : {}),
    ...(o.snat ? { snat: o.snat } : {}),
    candidates: o.candidates.map((c) => c.to),
    probabilities: o.candidates.map((c) => c.p),
  };
}

function enter(chain: Chain, e: EvalPacket): Frame {
  const ix = chain.index;
  if (!ix || e.dst === undefined) return { chain, pos: 0, entry: e };
  const hits = ix.byDst.get(e.dst);
  return { chain, pos: 0, entry: e, order: hits ? mergeSorted(hits, ix.others) : ix.others };
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) {
      out.push(x as number);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/**
 * The load-balancing view of a DNAT: every DNAT the innermost balancing chain on the stack can
 * end in, with its probability (kube-proxy's test tracer lists the same); a DNAT reached without
 * any statistic rule is the only candidate.
 */
function candidatesAt(
  t: Table,
  stack: readonly Frame[],
  ctx: NfContext,
  to: string,
  canonical: string,
): Candidate[] {
  for (let k = stack.length - 1; k >= 0; k--) {
    const f = stack[k];
    if (f?.chain.balances) {
      const list = enumerateCandidates(t, f.chain, f.entry, ctx);
      if (list.some((c) => c.canonical === canonical)) return list;
    }
  }
  return [{ to, canonical, p: 1 }];
}

function snat(p: NfPacket, rule: Rule, ctx: NfContext): { pkt: NfPacket; to: string } | undefined {
  const tg = rule.target;
  if (tg?.kind === 'SNAT') return { pkt: applySnat(p, tg.to.ip, tg.to.port), to: tg.to.text };
  if (tg?.kind !== 'MASQUERADE') return undefined;
  const ip = ctx.masqueradeAddress(p.outIface, p.family as Family);
  if (ip === undefined) return undefined;
  const port = tg.toPort ?? (tg.randomFully ? ctx.randomPort?.(p) : undefined);
  return {
    pkt: applySnat(p, ip, port),
    to: tg.toPort !== undefined ? formatHostPort(ip, tg.toPort) : ip,
  };
}
