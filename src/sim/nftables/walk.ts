/**
 * Walks one base chain for a packet, as the kernel's nft_do_chain does: rules in order; `jump`
 * pushes the chain on the jump stack and comes back to the next rule; `goto` replaces the current
 * chain, so its end returns to the chain that jumped to the one that went there; `return` or the
 * end of a regular chain pops; the end of the base chain applies its policy. accept ends this base
 * chain only (the hook goes on with the next one); drop and reject end the packet.
 */
import type { NfContext } from '../netfilter/types';

import { evalRule, type ElementHit, type NatStmt, type PickNumgen } from './rule';
import type { EvalPacket } from './packet';
import type { Chain, Rule, Table } from './types';

/** The kernel's jump stack depth (NFT_JUMP_STACK_SIZE). */
const JUMP_STACK = 16;

/** A rule (or a named map's element) that matched, where `nft list ruleset` prints it. */
export interface NftRef {
  /** "ip kube-proxy". */
  readonly table: string;
  readonly chain: string;
  readonly line: number;
  readonly text: string;
  /** The element a verdict-map lookup found. */
  readonly element?: string;
  /** The named map that element belongs to. */
  readonly map?: string;
  readonly comment?: string;
}

export interface ChainOutcome {
  readonly verdict: 'accept' | 'drop' | 'reject';
  readonly decidedBy?: NftRef;
  readonly nat?: { readonly stmt: NatStmt; readonly ref: NftRef };
  /** Comment of the deciding rule, or of the last map element on the way. */
  readonly comment?: string;
}

interface Frame {
  readonly chain: Chain;
  pos: number;
}

const ruleRef = (t: Table, c: Chain, r: Rule, element?: ElementHit): NftRef => ({
  table: `${t.family} ${t.name}`,
  chain: c.name,
  line: r.line,
  text: r.text,
  ...(element !== undefined ? { element: element.text } : {}),
  ...(element?.set !== undefined ? { map: element.set } : {}),
  ...(r.comment !== undefined ? { comment: r.comment } : {}),
});

/** Runs `chain` (a base chain, or any chain treated as one) for `e`; matches go to `matched`. */
export function walkChain(
  table: Table,
  chain: Chain,
  e: EvalPacket,
  ctx: NfContext,
  pick: PickNumgen,
  matched: NftRef[],
): ChainOutcome {
  const stack: Frame[] = [{ chain, pos: 0 }];
  let comment: string | undefined;
  const policy = (): ChainOutcome => ({
    verdict: chain.base?.policy ?? 'accept',
    ...(comment !== undefined ? { comment } : {}),
  });
  for (;;) {
    const top = stack[stack.length - 1];
    if (!top) return policy();
    const rule = top.chain.rules[top.pos++];
    if (!rule) {
      stack.pop();
      continue;
    }
    const hit = evalRule(rule, e, ctx, table, pick);
    if (!hit) continue;
    const ref = ruleRef(table, top.chain, rule, hit.element);
    matched.push(ref);
    if (hit.element?.set !== undefined && hit.element.line > 0)
      matched.push({
        table: ref.table,
        chain: hit.element.set,
        line: hit.element.line,
        text: hit.element.text,
      });
    comment = rule.comment ?? hit.element?.comment ?? comment;
    const decided = (verdict: ChainOutcome['verdict']): ChainOutcome => ({
      verdict,
      decidedBy: ref,
      ...(comment !== undefined ? { comment } : {}),
    });
    if (hit.nat) return { ...decided('accept'), nat: { stmt: hit.nat, ref } };
    const v = hit.verdict;
    if (!v || v.kind === 'continue') continue;
    switch (v.kind) {
      case 'accept':
      case 'drop':
      case 'reject':
        return decided(v.kind);
      case 'return':
        stack.pop();
        break;
      case 'jump':
      case 'goto': {
        const next = table.chains.get(v.chain);
        if (!next) break;
        if (v.kind === 'goto') stack.pop();
        // Past the kernel's jump stack the packet is dropped (nft_do_chain).
        if (stack.length >= JUMP_STACK) return decided('drop');
        stack.push({ chain: next, pos: 0 });
        break;
      }
    }
  }
}
