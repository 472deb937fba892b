/**
 * iptables-save text → Ruleset, with the checks iptables-restore makes: `*table` … `COMMIT`
 * blocks, `:CHAIN POLICY [p:b]` declarations, `-A CHAIN` rules on declared chains, jumps only to
 * existing user chains (no loops), NAT targets only in the nat table, REJECT only in filter.
 * Every error names its 1-based line.
 */
import { err, ok, type Result } from '../util/result';

import { parseRuleArgs, type RuleParts } from './parseRule';
import {
  BUILTIN_CHAINS,
  type Chain,
  type DstIndex,
  type Rule,
  type Ruleset,
  type Table,
} from './ruleset';
import { tokenize } from './tokens';
import type { NfTable } from './types';

/** Why iptables-save text was refused, and where. */
export interface ParseError {
  /** 1-based line of the offending text. */
  readonly line: number;
  readonly message: string;
}

interface ChainDraft {
  name: string;
  builtin: boolean;
  policy?: 'ACCEPT' | 'DROP';
  line: number;
  rules: Rule[];
}

interface TableDraft {
  name: NfTable;
  line: number;
  chains: Map<string, ChainDraft>;
}

const SIMULATED = new Set<string>(['nat', 'filter']);
const OTHER_TABLES = new Set(['mangle', 'raw', 'security']);
/** Chains with at least this many rules get a destination index. */
const INDEX_MIN = 16;

/** Parses iptables-save output (the nat and filter tables; mangle/raw/security are skipped). */
export function parseRuleset(text: string): Result<Ruleset, ParseError> {
  const tables: Partial<Record<NfTable, Table>> = {};
  const ignored: string[] = [];
  let cur: TableDraft | undefined;
  let skipping: string | undefined;
  const lines = text.split('\n');
  for (let n = 1; n <= lines.length; n++) {
    const raw = (lines[n - 1] ?? '').trim();
    const fail = (message: string): Result<never, ParseError> => err({ line: n, message });
    if (raw === '' || raw.startsWith('#')) continue;
    if (skipping !== undefined) {
      if (raw === 'COMMIT') skipping = undefined;
      continue;
    }
    if (raw.startsWith('*')) {
      if (cur) return fail(`table ${raw} starts before COMMIT of *${cur.name}`);
      const name = raw.slice(1);
      if (OTHER_TABLES.has(name)) {
        skipping = name;
        ignored.push(name);
      } else if (!SIMULATED.has(name)) return fail(`unknown table "${name}"`);
      else if (tables[name as NfTable]) return fail(`table *${name} appears twice`);
      else cur = newTable(name as NfTable, n);
      continue;
    }
    if (!cur) return fail('expected a *table line before rules');
    if (raw === 'COMMIT') {
      const t = commit(cur);
      if (!t.ok) return t;
      tables[cur.name] = t.value;
      cur = undefined;
      continue;
    }
    const r = raw.startsWith(':') ? declare(cur, raw, n) : addRule(cur, raw, n);
    if (!r.ok) return fail(r.error);
  }
  if (cur) return err({ line: lines.length, message: `missing COMMIT for *${cur.name}` });
  if (skipping !== undefined)
    return err({ line: lines.length, message: `missing COMMIT for *${skipping}` });
  return ok({ tables, ignoredTables: ignored });
}

/** Parses or throws; for rules the simulator generates itself (a failure is a bug). */
export function mustParseRuleset(text: string): Ruleset {
  const r = parseRuleset(text);
  if (!r.ok) {
    const line = text.split('\n')[r.error.line - 1] ?? '';
    throw new Error(
      `generated iptables text does not parse: line ${r.error.line}: ${r.error.message}: ${line}`,
    );
  }
  return r.value;
}

function newTable(name: NfTable, line: number): TableDraft {
  const chains = new Map<string, ChainDraft>();
  for (const c of BUILTIN_CHAINS[name])
    chains.set(c, { name: c, builtin: true, policy: 'ACCEPT', line: 0, rules: [] });
  return { name, line, chains };
}

function declare(t: TableDraft, raw: string, n: number): Result<void> {
  const m = /^:(\S+)\s+(\S+)(?:\s+\[\d+:\d+\])?$/.exec(raw);
  if (!m) return err(`invalid chain line "${raw}"`);
  const [, name = '', policy = ''] = m;
  const builtin = BUILTIN_CHAINS[t.name].includes(name);
  if (builtin) {
    if (policy !== 'ACCEPT' && policy !== 'DROP')
      return err(`built-in chain ${name} needs policy ACCEPT or DROP`);
    const c = t.chains.get(name);
    if (c) {
      c.policy = policy;
      c.line = n;
    }
    return ok(undefined);
  }
  if (policy !== '-') return err(`user-defined chain ${name} cannot have a policy (write "-")`);
  if (name.length > 28) return err(`chain name ${name} is longer than 28 characters`);
  if (t.chains.has(name)) return err(`chain ${name} declared twice`);
  t.chains.set(name, { name, builtin: false, line: n, rules: [] });
  return ok(undefined);
}

/** A rule line's operation, chain and parsed body (or why its text does not tokenize). */
interface RuleLine {
  readonly op: string | undefined;
  readonly chain: string | undefined;
  /** Parsed only for `-A CHAIN …` lines. */
  readonly parts: Result<RuleParts> | undefined;
}

/**
 * Parsed rule lines by text: nodes share most rules (every Service's chains are on every node),
 * so each distinct line is tokenized and parsed once; a node's 15,000-line ruleset then costs a
 * map lookup per line. Pure: the cache only remembers what the text parses to.
 */
const lineCache = new Map<string, Result<RuleLine>>();

function ruleLine(text: string): Result<RuleLine> {
  const hit = lineCache.get(text);
  if (hit) return hit;
  const toks = tokenize(text);
  let r: Result<RuleLine>;
  if (toks.ok) {
    const [op, chain] = toks.value;
    const append = (op === '-A' || op === '--append') && chain;
    r = ok({ op, chain, parts: append ? parseRuleArgs(toks.value.slice(2)) : undefined });
  } else r = toks;
  if (lineCache.size > 200_000) lineCache.clear();
  lineCache.set(text, r);
  return r;
}

/** How many distinct rule lines have been parsed (for tests: the cache is hit across nodes). */
export const parsedLineCount = (): number => lineCache.size;

function addRule(t: TableDraft, raw: string, n: number): Result<void> {
  // iptables-save -c prefixes counters: "[12:840] -A CHAIN ...".
  const text = raw.charCodeAt(0) === 91 ? raw.replace(/^\[\d+:\d+\]\s+/, '') : raw;
  const line = ruleLine(text);
  if (!line.ok) return line;
  const { op, chain: chainName, parts } = line.value;
  if (op !== '-A' && op !== '--append')
    return err(`only -A rules are supported, got "${op ?? ''}"`);
  if (!chainName) return err('-A needs a chain');
  const chain = t.chains.get(chainName);
  if (!chain)
    return err(
      `chain ${chainName} does not exist in *${t.name} (declare it with ":${chainName} - [0:0]")`,
    );
  if (!parts?.ok) return parts ?? err('-A needs a chain');
  const { header, matches, target, probability } = parts.value;
  if (
    target &&
    (target.kind === 'DNAT' || target.kind === 'SNAT' || target.kind === 'MASQUERADE') &&
    t.name !== 'nat'
  )
    return err(`${target.kind} is only valid in the nat table`);
  if (target?.kind === 'REJECT' && t.name !== 'filter')
    return err('REJECT is only valid in the filter table');
  const ref = { table: t.name, chain: chainName, index: chain.rules.length, line: n, text };
  chain.rules.push({ ref, header, matches, target, probability });
  return ok(undefined);
}

function commit(t: TableDraft): Result<Table, ParseError> {
  for (const c of t.chains.values())
    for (const r of c.rules) {
      if (r.target?.kind !== 'jump') continue;
      const to = t.chains.get(r.target.chain);
      if (!to)
        return err({
          line: r.ref.line,
          message: `jump to ${r.target.chain}: no such chain in *${t.name}`,
        });
      if (to.builtin)
        return err({ line: r.ref.line, message: `cannot jump to built-in chain ${to.name}` });
    }
  const loop = findLoop(t);
  if (loop) return err({ line: loop.line, message: `jump loop through ${loop.chain}` });
  const chains = new Map<string, Chain>();
  for (const c of t.chains.values()) {
    const index = c.rules.length >= INDEX_MIN ? buildIndex(c.rules) : undefined;
    chains.set(c.name, {
      name: c.name,
      builtin: c.builtin,
      ...(c.policy ? { policy: c.policy } : {}),
      rules: c.rules,
      line: c.line,
      ...(index ? { index } : {}),
      balances: c.rules.some((r) => r.probability !== undefined),
    });
  }
  return ok({ name: t.name, chains, order: [...t.chains.keys()] });
}

/** A jump cycle (iptables-restore refuses them: "too many levels of symbolic links"). */
function findLoop(t: TableDraft): { chain: string; line: number } | undefined {
  const state = new Map<string, 1 | 2>();
  const visit = (c: ChainDraft): { chain: string; line: number } | undefined => {
    state.set(c.name, 1);
    for (const r of c.rules) {
      if (r.target?.kind !== 'jump') continue;
      const s = state.get(r.target.chain);
      if (s === 2) continue;
      if (s === 1) return { chain: r.target.chain, line: r.ref.line };
      const next = t.chains.get(r.target.chain);
      const found = next ? visit(next) : undefined;
      if (found) return found;
    }
    state.set(c.name, 2);
    return undefined;
  };
  for (const c of t.chains.values()) {
    if (state.has(c.name)) continue;
    const found = visit(c);
    if (found) return found;
  }
  return undefined;
}

function buildIndex(rules: readonly Rule[]): DstIndex {
  const byDst = new Map<bigint, number[]>();
  const others: number[] = [];
  rules.forEach((r, i) => {
    const d = r.header.dst;
    if (d && d.host && !d.neg) {
      const list = byDst.get(d.net);
      if (list) list.push(i);
      else byDst.set(d.net, [i]);
    } else others.push(i);
  });
  return { byDst, others };
}
