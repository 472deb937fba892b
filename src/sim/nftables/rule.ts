/**
 * One rule against one packet, as nft_do_chain runs it: statements left to right; a match that
 * fails ends the rule (NFT_BREAK, on to the next rule); a verdict-map lookup that finds nothing
 * does the same; `meta mark set` changes the packet and goes on; a verdict, `reject` or a NAT
 * statement ends it. A NAT statement's verdict is accept (nft_nat_eval).
 */
import type { NfContext } from '../netfilter/types';

import { formatElement, typeSelector } from './format';
import { lookup, matches, read, type EvalPacket } from './packet';
import type { Element, Rule, Stmt, Table, Verdict } from './types';
import { valueHolds } from './values';

export type NatStmt = Extract<Stmt, { kind: 'dnat' | 'snat' | 'masquerade' }>;

/** The map element a lookup found, as nft prints it. */
export interface ElementHit {
  readonly text: string;
  /** Line of the element in a named map (0 for an anonymous map inside the rule). */
  readonly line: number;
  /** The named map it belongs to. */
  readonly set?: string;
  readonly comment?: string;
}

/** What a matching rule did. */
export interface RuleHit {
  readonly verdict?: Verdict | { readonly kind: 'reject' };
  readonly nat?: NatStmt;
  readonly element?: ElementHit;
}

/** Chooses a `numgen random mod N` value (the walk's seeded randomness, or steering). */
export type PickNumgen = (elements: readonly Element[], mod: number, offset: number) => number;

/** Evaluates `rule`; undefined when it does not match. Mark changes are applied to `e`. */
export function evalRule(
  rule: Rule,
  e: EvalPacket,
  ctx: NfContext,
  table: Table,
  pick: PickNumgen,
): RuleHit | undefined {
  for (const s of rule.stmts) {
    switch (s.kind) {
      case 'match':
        if (!matches(s, e, ctx, table)) return undefined;
        break;
      case 'vmap': {
        const hit = vmap(s, e, ctx, table, pick);
        if (!hit) return undefined;
        return hit;
      }
      case 'verdict':
        return { verdict: s.verdict };
      case 'reject':
        return { verdict: { kind: 'reject' } };
      case 'mark-set': {
        const m = e.pkt.mark;
        const v =
          s.op === 'set'
            ? s.value
            : s.op === 'or'
              ? m | s.value
              : s.op === 'xor'
                ? m ^ s.value
                : m & s.value;
        e.pkt = { ...e.pkt, mark: v >>> 0 };
        break;
      }
      case 'dnat':
      case 'snat':
      case 'masquerade':
        return { nat: s };
      case 'set-update':
      case 'counter':
        // A first connection: the affinity set learns the client here (nothing to match yet).
        break;
    }
  }
  return {};
}

function vmap(
  s: Extract<Stmt, { kind: 'vmap' }>,
  e: EvalPacket,
  ctx: NfContext,
  table: Table,
  pick: PickNumgen,
): RuleHit | undefined {
  const first = s.key[0];
  if (s.map.kind === 'anon-map') {
    if (s.key.length === 1 && first?.kind === 'numgen') {
      const n = pick(s.map.elements, first.mod, first.offset);
      const el = s.map.elements.find(
        (x) => x.key[0]?.kind === 'num' && x.key[0].lo <= n && n <= x.key[0].hi,
      );
      return el?.verdict ? { verdict: el.verdict, element: hitOf(el, s.key, 0) } : undefined;
    }
    const xs = s.key.map((k) => read(k, e, ctx));
    const el = s.map.elements.find((x) => x.key.every((v, i) => valueHolds(v, xs[i])));
    return el?.verdict ? { verdict: el.verdict, element: hitOf(el, s.key, 0) } : undefined;
  }
  const set = table.sets.get(s.map.name);
  if (!set) return undefined;
  const el = lookup(
    set,
    s.key,
    s.key.map((k) => read(k, e, ctx)),
  );
  if (!el?.verdict) return undefined;
  const sels = set.keyType.map(typeSelector);
  return {
    verdict: el.verdict,
    element: {
      text: formatElement(el, sels),
      line: el.line,
      set: set.name,
      ...(el.comment !== undefined ? { comment: el.comment } : {}),
    },
  };
}

function hitOf(el: Element, key: Parameters<typeof formatElement>[1], line: number): ElementHit {
  return {
    text: formatElement(el, key),
    line,
    ...(el.comment !== undefined ? { comment: el.comment } : {}),
  };
}
