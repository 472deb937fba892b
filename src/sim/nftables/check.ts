/**
 * What the kernel refuses when a ruleset is loaded (nft -f fails as a whole): a jump or goto to
 * a chain the table does not have, a lookup in a set or map it does not have, a verdict-map
 * lookup in a set that is not a verdict map, a key of the wrong length.
 */
import type { NftParseError } from './parse';
import type { Rule, Ruleset, Table, Verdict } from './types';

export function checkRuleset(rs: Ruleset): NftParseError | undefined {
  for (const t of rs.tables) {
    for (const s of t.sets.values())
      for (const e of s.elements) {
        const bad = verdictTarget(t, e.verdict);
        if (bad) return { line: e.line || s.line, message: `map ${s.name}: ${bad}` };
      }
    for (const c of t.chains.values())
      for (const r of c.rules) {
        const bad = ruleProblem(t, r);
        if (bad) return { line: r.line, message: `chain ${c.name}: ${bad}` };
      }
  }
  return undefined;
}

function verdictTarget(t: Table, v: Verdict | undefined): string | undefined {
  if (v && (v.kind === 'jump' || v.kind === 'goto') && !t.chains.has(v.chain))
    return `${v.kind} to chain "${v.chain}", which table ${t.family} ${t.name} does not have`;
  return undefined;
}

function ruleProblem(t: Table, r: Rule): string | undefined {
  const setRef = (name: string): string | undefined =>
    t.sets.has(name) ? undefined : `no set or map "@${name}" in table ${t.family} ${t.name}`;
  for (const s of r.stmts) {
    let bad: string | undefined;
    if (s.kind === 'verdict') bad = verdictTarget(t, s.verdict);
    else if (s.kind === 'match' && s.rhs.kind === 'ref') bad = setRef(s.rhs.name);
    else if (s.kind === 'set-update') bad = setRef(s.set);
    else if (s.kind === 'vmap' && s.map.kind === 'ref') {
      const m = t.sets.get(s.map.name);
      bad = setRef(s.map.name);
      if (!bad && m && m.dataType?.[0] !== 'verdict') bad = `@${m.name} is not a verdict map`;
      if (!bad && m && m.keyType.length !== s.key.length)
        bad = `@${m.name} has ${m.keyType.length}-part keys, the lookup gives ${s.key.length}`;
    } else if (s.kind === 'vmap' && s.map.kind === 'anon-map')
      for (const e of s.map.elements) bad ??= verdictTarget(t, e.verdict);
    if (bad) return bad;
  }
  return undefined;
}
