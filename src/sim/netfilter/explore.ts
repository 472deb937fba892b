/**
 * Load balancing seen as a whole: every DNAT a chain can end in through its `-m statistic`
 * branches, each with the probability the kernel would pick it (kube-proxy's test tracer lists
 * the same endpoints, in rule order), and which DNATs a chain can reach at all (to steer a walk
 * towards a preferred endpoint).
 */
import { applyMark } from './nat';
import { ruleMatches, type EvalPacket } from './match';
import type { Chain, Table } from './ruleset';
import type { NfContext } from './types';

/** A DNAT destination a balancing chain can pick, with its probability. */
export interface Candidate {
  readonly to: string;
  readonly canonical: string;
  p: number;
}

/**
 * Walks `chain` with probability mass 1, splitting it at each statistic rule (probability p
 * jumps, 1 − p falls through). Returns the DNAT outcomes in rule order.
 */
export function enumerateCandidates(
  table: Table,
  chain: Chain,
  e: EvalPacket,
  ctx: NfContext,
): Candidate[] {
  const out: Candidate[] = [];
  explore(table, chain, { ...e, pkt: { ...e.pkt } }, 1, ctx, out, 0);
  return out;
}

/** Returns the probability mass that falls off the end of `chain` (or RETURNs from it). */
function explore(
  table: Table,
  chain: Chain,
  e: EvalPacket,
  mass: number,
  ctx: NfContext,
  out: Candidate[],
  depth: number,
): number {
  if (depth > 64 || mass <= 0) return 0;
  let rem = mass;
  let returned = 0;
  for (const r of chain.rules) {
    if (rem <= 0) break;
    // The statistic match itself is the split; everything else must hold.
    if (!ruleMatches(r, e, ctx, () => true)) continue;
    const t = r.target;
    if (!t) continue;
    const taken = r.probability !== undefined ? rem * r.probability : rem;
    switch (t.kind) {
      case 'MARK':
        e.pkt = { ...e.pkt, mark: applyMark(e.pkt.mark, t) };
        continue;
      case 'DNAT': {
        const prev = out.find((c) => c.canonical === t.to.canonical);
        if (prev) prev.p += taken;
        else out.push({ to: t.to.text, canonical: t.to.canonical, p: taken });
        rem -= taken;
        break;
      }
      case 'RETURN':
        returned += taken;
        rem -= taken;
        break;
      case 'jump': {
        const sub = table.chains.get(t.chain);
        rem -= taken;
        if (sub)
          rem += explore(table, sub, { ...e, pkt: { ...e.pkt } }, taken, ctx, out, depth + 1);
        break;
      }
      default:
        rem -= taken; // ACCEPT, DROP, REJECT, SNAT, MASQUERADE end the walk without a DNAT
    }
  }
  return returned + rem;
}

const reachMemo = new WeakMap<Chain, ReadonlySet<string>>();

/** Canonical "ip:port" of every DNAT reachable from `chain` through any jump (matches ignored). */
export function reachableDnats(table: Table, chain: Chain): ReadonlySet<string> {
  const hit = reachMemo.get(chain);
  if (hit) return hit;
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (c: Chain): void => {
    if (seen.has(c.name)) return;
    seen.add(c.name);
    const memo = reachMemo.get(c);
    if (memo) {
      for (const x of memo) out.add(x);
      return;
    }
    for (const r of c.rules) {
      if (r.target?.kind === 'DNAT') out.add(r.target.to.canonical);
      else if (r.target?.kind === 'jump') {
        const sub = table.chains.get(r.target.chain);
        if (sub) visit(sub);
      }
    }
  };
  visit(chain);
  reachMemo.set(chain, out);
  return out;
}

/** Whether rule `i` of `chain` (its target) can lead to a DNAT to `pref`. */
export function ruleReaches(table: Table, chain: Chain, i: number, pref: string): boolean {
  const t = chain.rules[i]?.target;
  if (t?.kind === 'DNAT') return t.to.canonical === pref;
  if (t?.kind !== 'jump') return false;
  const sub = table.chains.get(t.chain);
  return sub !== undefined && reachableDnats(table, sub).has(pref);
}

/**
 * How a statistic rule resolves when the walk is steered to `pref`: take it if its target
 * leads there, skip it if a later rule does, otherwise leave it to chance.
 */
export function steer(table: Table, chain: Chain, i: number, pref: string): boolean | undefined {
  if (ruleReaches(table, chain, i, pref)) return true;
  for (let k = i + 1; k < chain.rules.length; k++)
    if (ruleReaches(table, chain, k, pref)) return false;
  return undefined;
}
