/** Ruleset → iptables-save text (each rule printed exactly as it was written). */
import type { Ruleset } from './ruleset';
import type { NfTable } from './types';

const TABLE_ORDER: readonly NfTable[] = ['nat', 'filter'];

/**
 * Prints a ruleset as iptables-save does: per table `*name`, the chain declarations (built-in
 * chains with their policy, user chains with "-"), the rules chain by chain, then COMMIT.
 */
export function formatRuleset(rs: Ruleset): string {
  const out: string[] = [];
  for (const name of TABLE_ORDER) {
    const t = rs.tables[name];
    if (!t) continue;
    out.push(`*${name}`);
    for (const c of t.order) {
      const chain = t.chains.get(c);
      if (chain) out.push(`:${c} ${chain.builtin ? (chain.policy ?? 'ACCEPT') : '-'} [0:0]`);
    }
    for (const c of t.order) for (const r of t.chains.get(c)?.rules ?? []) out.push(r.ref.text);
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}
