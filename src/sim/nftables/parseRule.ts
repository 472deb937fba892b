/**
 * One rule's statements (nft(8) RULES): matches (`ip daddr 10.0.0.1`, `ct state new`,
 * `meta mark & 0x4000 == 0`), lookups (`@set`, `vmap @map`, `numgen random mod 2 vmap {…}`) and
 * statements (verdicts, `reject`, `meta mark set`, `dnat to`, `masquerade`, `update @set {…}`,
 * `counter`), then an optional `comment`. Accepts what kube-proxy writes (`mark set mark or
 * 0x4000`) and what `nft list ruleset` prints (`meta mark set meta mark | 0x00004000`).
 */
import { err, ok, type Result } from '../util/result';

import { parseSelector } from './selectors';
import type { Element, SetExpr, Stmt, Value, Verdict } from './types';
import { unquote } from './tokens';
import { parseAddr, parseTyped, parseValue } from './values';

/** A token cursor over one rule. */
export class Cursor {
  i = 0;
  constructor(readonly toks: readonly string[]) {}
  peek(k = 0): string | undefined {
    return this.toks[this.i + k];
  }
  next(): string | undefined {
    return this.toks[this.i++];
  }
  eat(tok: string): boolean {
    if (this.toks[this.i] !== tok) return false;
    this.i++;
    return true;
  }
  done(): boolean {
    return this.i >= this.toks.length;
  }
}

export interface ParsedRule {
  readonly stmts: Stmt[];
  readonly comment?: string;
}

const VERDICTS = new Set(['accept', 'drop', 'return', 'continue']);

/** Parses a rule's tokens; the error names the token nft would have refused. */
export function parseRuleTokens(toks: readonly string[]): Result<ParsedRule> {
  const c = new Cursor(toks);
  const stmts: Stmt[] = [];
  let comment: string | undefined;
  while (!c.done()) {
    const at = c.peek() ?? '';
    if (at === 'comment') {
      c.next();
      const t = c.next();
      if (t === undefined) return err('comment needs a "text"');
      comment = unquote(t);
      continue;
    }
    const s = parseStmt(c);
    if (!s.ok) return err(`at "${at}": ${s.error}`);
    stmts.push(s.value);
  }
  return ok(comment !== undefined ? { stmts, comment } : { stmts });
}

function parseStmt(c: Cursor): Result<Stmt> {
  const t = c.peek() ?? '';
  if (VERDICTS.has(t)) {
    c.next();
    return ok({ kind: 'verdict', verdict: { kind: t as 'accept' } });
  }
  if (t === 'jump' || t === 'goto') return verdictStmt(c);
  if (t === 'reject') return rejectStmt(c);
  if (t === 'counter') {
    c.next();
    if (c.eat('packets')) c.next();
    if (c.eat('bytes')) c.next();
    return ok({ kind: 'counter' });
  }
  if ((t === 'mark' && c.peek(1) === 'set') || (t === 'meta' && c.peek(2) === 'set'))
    return markSet(c);
  if (t === 'dnat' || t === 'snat') return natStmt(c);
  if (t === 'masquerade') {
    c.next();
    const flags: string[] = [];
    while (/^(fully-random|random|persistent)$/.test(c.peek() ?? '')) {
      flags.push(c.next() ?? '');
      c.eat(',');
    }
    return ok({ kind: 'masquerade', flags });
  }
  if ((t === 'update' || t === 'add') && c.peek(1)?.startsWith('@')) return setUpdate(c);
  return matchOrLookup(c);
}

function verdictStmt(c: Cursor): Result<Stmt> {
  const v = parseVerdict(c);
  return v.ok ? ok({ kind: 'verdict', verdict: v.value }) : v;
}

/** `accept`, `drop`, `return`, `continue`, `jump NAME`, `goto NAME`. */
export function parseVerdict(c: Cursor): Result<Verdict> {
  const t = c.next();
  if (t === 'jump' || t === 'goto') {
    const chain = c.next();
    if (!chain) return err(`${t} needs a chain name`);
    return ok({ kind: t, chain });
  }
  if (t !== undefined && VERDICTS.has(t)) return ok({ kind: t as 'accept' });
  return err(`"${t ?? ''}" is not a verdict`);
}

function rejectStmt(c: Cursor): Result<Stmt> {
  c.next();
  if (!c.eat('with')) return ok({ kind: 'reject' });
  const kind = c.next();
  if (kind === 'tcp' && c.eat('reset')) return ok({ kind: 'reject', with: 'tcp reset' });
  if ((kind === 'icmp' || kind === 'icmpv6' || kind === 'icmpx') && c.eat('type')) {
    const type = c.next();
    if (type) return ok({ kind: 'reject', with: `${kind} type ${type}` });
  }
  return err('reject with: expected "tcp reset" or "icmp|icmpv6|icmpx type TYPE"');
}

const MARK_OPS: Readonly<Record<string, 'or' | 'xor' | 'and'>> = {
  '|': 'or',
  or: 'or',
  '^': 'xor',
  xor: 'xor',
  '&': 'and',
  and: 'and',
};

function markSet(c: Cursor): Result<Stmt> {
  c.eat('meta');
  c.next(); // mark
  c.next(); // set
  const num = (tok: string | undefined): Result<number> => {
    const v = parseValue(tok ?? '', { kind: 'mark' });
    return v.ok && v.value.kind === 'num' ? ok(v.value.lo) : err(`"${tok ?? ''}" is not a mark`);
  };
  if (c.peek() === 'mark' || (c.peek() === 'meta' && c.peek(1) === 'mark')) {
    c.eat('meta');
    c.next();
    const op = MARK_OPS[c.next() ?? ''];
    if (!op) return err('mark set mark: expected | or ^ or &');
    const v = num(c.next());
    return v.ok ? ok({ kind: 'mark-set', op, value: v.value }) : v;
  }
  const v = num(c.next());
  return v.ok ? ok({ kind: 'mark-set', op: 'set', value: v.value }) : v;
}

function natStmt(c: Cursor): Result<Stmt> {
  const kind = c.next() as 'dnat' | 'snat';
  let family: 4 | 6 | undefined;
  if (c.eat('ip')) family = 4;
  else if (c.eat('ip6')) family = 6;
  if (!c.eat('to')) return err(`${kind}: expected "to ADDRESS[:PORT]"`);
  const target = c.next() ?? '';
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(target) ?? /^([^:]+)(?::(\d+))?$/.exec(target);
  const host = m?.[1] ?? target;
  const fam = family ?? (host.includes(':') ? 6 : 4);
  const addr = parseAddr(host, fam);
  if (!addr.ok) return err(`${kind} to ${target}: ${addr.error}`);
  const port = m?.[2] !== undefined ? Number(m[2]) : undefined;
  if (port !== undefined && port > 65535) return err(`${kind} to ${target}: bad port`);
  return ok({ kind, addr: addr.value, ...(port !== undefined ? { port } : {}) });
}

function setUpdate(c: Cursor): Result<Stmt> {
  const op = c.next() as 'add' | 'update';
  const set = (c.next() ?? '').slice(1);
  if (!c.eat('{')) return err(`${op} @${set}: expected "{ KEY }"`);
  const key = [];
  for (;;) {
    const s = parseSelector(c);
    if (!s) return err(`${op} @${set}: expected a packet field`);
    key.push(s);
    if (!c.eat('.')) break;
  }
  if (!c.eat('}')) return err(`${op} @${set}: expected "}"`);
  return ok({ kind: 'set-update', op, set, key });
}

function matchOrLookup(c: Cursor): Result<Stmt> {
  const sel = parseSelector(c);
  if (!sel) return err('unknown statement or expression');
  const key = [sel];
  while (c.eat('.')) {
    const s = parseSelector(c);
    if (!s) return err('expected a packet field after "."');
    key.push(s);
  }
  if (c.eat('vmap')) {
    if (c.peek()?.startsWith('@'))
      return ok({ kind: 'vmap', key, map: { kind: 'ref', name: (c.next() ?? '').slice(1) } });
    const els = parseAnonMap(c, (t, i) => {
      const s = key[i];
      return s ? parseValue(t, s) : err('too many key parts');
    });
    return els.ok ? ok({ kind: 'vmap', key, map: { kind: 'anon-map', elements: els.value } }) : els;
  }
  if (key.length > 1) return err('a concatenation must be followed by vmap');
  let mask: number | undefined;
  if (c.eat('&') || c.eat('and')) {
    const m = parseValue(c.next() ?? '', { kind: 'mark' });
    if (!m.ok || m.value.kind !== 'num') return err('expected a mask after "&"');
    mask = m.value.lo;
  }
  let neg = false;
  if (c.eat('!=')) neg = true;
  else c.eat('==');
  const rhs = parseRhs(c, (t) => parseValue(t, sel));
  if (!rhs.ok) return rhs;
  return ok({ kind: 'match', sel, neg, rhs: rhs.value, ...(mask !== undefined ? { mask } : {}) });
}

function parseRhs(c: Cursor, value: (t: string) => Result<Value>): Result<Value | SetExpr> {
  const t = c.next();
  if (t === undefined) return err('expected a value');
  if (t.startsWith('@')) return ok({ kind: 'ref', name: t.slice(1) });
  const values: Value[] = [];
  if (t === '{') {
    for (;;) {
      const v = value(c.next() ?? '');
      if (!v.ok) return v;
      values.push(v.value);
      if (c.eat('}')) break;
      if (!c.eat(',')) return err('expected "," or "}" in a set');
    }
    return ok({ kind: 'anon', values });
  }
  const first = value(t);
  if (!first.ok) return first;
  if (c.peek() !== ',') return first;
  // ct state established,related: a flag list is an anonymous set of names.
  values.push(first.value);
  while (c.eat(',')) {
    const v = value(c.next() ?? '');
    if (!v.ok) return v;
    values.push(v.value);
  }
  return ok({ kind: 'anon', values });
}

/** `{ KEY : VERDICT, … }` where KEY is `a . b . c` (each part parsed by `part(text, i)`). */
export function parseAnonMap(
  c: Cursor,
  part: (text: string, i: number) => Result<Value>,
): Result<Element[]> {
  if (!c.eat('{')) return err('expected "{"');
  const out: Element[] = [];
  if (c.eat('}')) return ok(out);
  for (;;) {
    const key: Value[] = [];
    for (let i = 0; ; i++) {
      const v = part(c.next() ?? '', i);
      if (!v.ok) return v;
      key.push(v.value);
      if (!c.eat('.')) break;
    }
    let comment: string | undefined;
    if (c.eat('comment')) comment = unquote(c.next() ?? '');
    if (!c.eat(':')) return err('expected ":" between a map key and its verdict');
    const v = parseVerdict(c);
    if (!v.ok) return v;
    out.push({ key, verdict: v.value, line: 0, ...(comment !== undefined ? { comment } : {}) });
    if (c.eat('}')) return ok(out);
    if (!c.eat(',')) return err('expected "," or "}" in a map');
  }
}

/** Parses one element key part of a named set's type. */
export const typedPart =
  (types: readonly string[]) =>
  (text: string, i: number): Result<Value> =>
    parseTyped(text, types[i] ?? types[types.length - 1] ?? 'integer');
