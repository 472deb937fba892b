/**
 * nft text → Ruleset. Reads both forms nft itself reads: the block form `nft list ruleset`
 * prints (`table ip kube-proxy { chain … { type …; policy accept; rules } }`) and the command
 * form kube-proxy sends through `nft -f` (`add table|chain|set|map|rule|element …`, plus
 * `flush` and `delete` of chains, sets and maps). Then checks what the kernel would refuse:
 * jumps to chains that do not exist, lookups in sets that do not exist. Every error names its
 * 1-based line.
 */
import { err, ok, type Result } from '../util/result';

import { checkRuleset } from './check';
import { formatRule } from './format';
import { Cursor, parseRuleTokens } from './parseRule';
import { addElement, parseChainBody, parseElements, parseSetBody, type Body } from './parseBodies';
import { tokenizeNft, unquote } from './tokens';
import type { Chain, NamedSet, NftFamily, Ruleset, Table } from './types';

export interface NftParseError {
  readonly line: number;
  readonly message: string;
}

/** A token and the line it came from. */
export interface Tok {
  readonly t: string;
  readonly line: number;
}

const FAMILIES = new Set(['ip', 'ip6', 'inet']);

interface State {
  readonly tables: Map<string, Table>;
}

/** Parses a ruleset in either form. */
export function parseNftRuleset(text: string): Result<Ruleset, NftParseError> {
  const toks: Tok[] = [];
  const lines = text.split('\n');
  for (let n = 1; n <= lines.length; n++) {
    const r = tokenizeNft(lines[n - 1] ?? '');
    if (!r.ok) return err({ line: n, message: r.error });
    for (const t of r.value) toks.push({ t, line: n });
    toks.push({ t: '\n', line: n });
  }
  const st: State = { tables: new Map() };
  const s = new Stream(toks);
  while (!s.done()) {
    const tok = s.peek();
    if (tok.t === '\n' || tok.t === ';') {
      s.next();
      continue;
    }
    const r =
      tok.t === 'table'
        ? tableBlock(s, st)
        : tok.t === 'add' || tok.t === 'flush' || tok.t === 'delete' || tok.t === 'create'
          ? command(s, st)
          : err(`expected "table" or a command, found "${tok.t}"`);
    if (!r.ok) return err({ line: s.errLine ?? tok.line, message: r.error });
  }
  const rs: Ruleset = { tables: [...st.tables.values()] };
  const bad = checkRuleset(rs);
  return bad ? err(bad) : ok(rs);
}

/** A token stream with one-token lookahead. */
export class Stream {
  i = 0;
  errLine: number | undefined;
  constructor(readonly toks: readonly Tok[]) {}
  done(): boolean {
    return this.i >= this.toks.length;
  }
  peek(k = 0): Tok {
    return this.toks[this.i + k] ?? { t: '', line: this.toks[this.toks.length - 1]?.line ?? 0 };
  }
  next(): Tok {
    const t = this.peek();
    this.i++;
    return t;
  }
  eat(t: string): boolean {
    if (this.peek().t !== t) return false;
    this.i++;
    return true;
  }
  /** Tokens up to the end of the line (or a `;`), not consuming the terminator. */
  untilEol(stopAtSemicolon = false): Tok[] {
    const out: Tok[] = [];
    while (!this.done()) {
      const t = this.peek().t;
      if (t === '\n' || (stopAtSemicolon && t === ';')) break;
      out.push(this.next());
    }
    return out;
  }
  fail(line: number, message: string): Result<never> {
    this.errLine = line;
    return err(message);
  }
}

function tableKey(family: string, name: string): string {
  return `${family} ${name}`;
}

function getTable(st: State, family: string, name: string, line: number): Table {
  const key = tableKey(family, name);
  let t = st.tables.get(key);
  if (!t) {
    t = { family: family as NftFamily, name, sets: new Map(), chains: new Map(), line };
    st.tables.set(key, t);
  }
  return t;
}

function tableBlock(s: Stream, st: State): Result<void> {
  const start = s.next();
  const fam = s.next().t;
  const name = s.next().t;
  if (!FAMILIES.has(fam)) return s.fail(start.line, `unknown table family "${fam}"`);
  if (!s.eat('{')) return s.fail(start.line, `table ${fam} ${name}: expected "{"`);
  const t = getTable(st, fam, name, start.line);
  for (;;) {
    const tok = s.peek();
    if (s.done()) return s.fail(tok.line, `table ${fam} ${name}: missing "}"`);
    if (s.eat('}')) return ok(undefined);
    if (tok.t === '\n' || tok.t === ';') {
      s.next();
      continue;
    }
    if (tok.t === 'comment') {
      s.next();
      setComment(t, unquote(s.next().t));
      continue;
    }
    if (tok.t === 'flags') {
      s.untilEol(true);
      continue;
    }
    const kind = s.next().t;
    const objName = s.next().t;
    if (!s.eat('{')) return s.fail(tok.line, `${kind} ${objName}: expected "{"`);
    const body = blockBody(s);
    if (!body.ok) return body;
    const r =
      kind === 'chain'
        ? addChain(t, objName, body.value, tok.line)
        : kind === 'set' || kind === 'map'
          ? addSet(t, objName, kind === 'map', body.value, tok.line)
          : s.fail(tok.line, `unknown object "${kind}" in a table`);
    if (!r.ok) return s.fail(s.errLine ?? tok.line, r.error);
  }
}

/** Everything between `{` and its matching `}` (the `{` already eaten). */
function blockBody(s: Stream): Result<Body> {
  const out: Tok[] = [];
  let depth = 1;
  while (!s.done()) {
    const tok = s.next();
    if (tok.t === '{') depth++;
    if (tok.t === '}' && --depth === 0) return ok(out);
    out.push(tok);
  }
  return err('missing "}"');
}

const setComment = (t: Table, c: string): void => {
  (t as { comment?: string }).comment = c;
};

function addChain(t: Table, name: string, body: Body, line: number): Result<void> {
  const spec = parseChainBody(body);
  if (!spec.ok) return spec;
  const prev = t.chains.get(name);
  const chain: Chain = {
    name,
    rules: prev?.rules ?? [],
    line: prev?.line ?? line,
    ...(spec.value.base ? { base: spec.value.base } : prev?.base ? { base: prev.base } : {}),
    ...(spec.value.comment !== undefined
      ? { comment: spec.value.comment }
      : prev?.comment !== undefined
        ? { comment: prev.comment }
        : {}),
  };
  for (const r of spec.value.rules) {
    const pr = parseRuleTokens(r.map((x) => x.t));
    if (!pr.ok) return err(`line ${r[0]?.line ?? line}: ${pr.error}`);
    chain.rules.push({
      ...pr.value,
      text: formatRule(pr.value.stmts, pr.value.comment),
      line: r[0]?.line ?? line,
    });
  }
  t.chains.set(name, chain);
  return ok(undefined);
}

function addSet(t: Table, name: string, isMap: boolean, body: Body, line: number): Result<void> {
  const prev = t.sets.get(name);
  const spec = parseSetBody(body, isMap, prev);
  if (!spec.ok) return spec;
  const set: NamedSet = { ...spec.value, name, isMap, line: prev?.line ?? line };
  t.sets.set(name, set);
  return ok(undefined);
}

/** `add|create|flush|delete table|chain|set|map|rule|element FAMILY TABLE …`. */
function command(s: Stream, st: State): Result<void> {
  const verb = s.next();
  const what = s.next().t;
  const fam = s.next().t;
  const tname = s.next().t;
  if (!FAMILIES.has(fam)) return s.fail(verb.line, `unknown table family "${fam}"`);
  const t = getTable(st, fam, tname, verb.line);
  if (what === 'table') {
    if (s.eat('{')) {
      const body = blockBody(s);
      if (!body.ok) return body;
      const c = body.value.findIndex((x) => x.t === 'comment');
      if (c >= 0) setComment(t, unquote(body.value[c + 1]?.t ?? ''));
    }
    if (verb.t === 'delete') st.tables.delete(tableKey(fam, tname));
    return ok(undefined);
  }
  const name = s.next().t;
  if (verb.t === 'flush' || verb.t === 'delete') return flushOrDelete(t, verb.t, what, name);
  if (what === 'rule') {
    const rest = s.untilEol();
    const chain = t.chains.get(name);
    if (!chain) return s.fail(verb.line, `add rule: no chain "${name}" in table ${fam} ${tname}`);
    const pr = parseRuleTokens(rest.map((x) => x.t));
    if (!pr.ok) return s.fail(verb.line, pr.error);
    chain.rules.push({
      ...pr.value,
      text: formatRule(pr.value.stmts, pr.value.comment),
      line: verb.line,
    });
    return ok(undefined);
  }
  let body: Body = [];
  if (s.eat('{')) {
    const b = blockBody(s);
    if (!b.ok) return s.fail(verb.line, b.error);
    body = b.value;
  }
  if (what === 'chain') return addChain(t, name, body, verb.line);
  if (what === 'set' || what === 'map') return addSet(t, name, what === 'map', body, verb.line);
  if (what === 'element') {
    const set = t.sets.get(name);
    if (!set) return s.fail(verb.line, `add element: no set or map "${name}"`);
    const els = parseElements(new Cursor(body.map((x) => x.t)), set, body);
    if (!els.ok) return s.fail(verb.line, els.error);
    for (const e of els.value) addElement(set.elements, set.index, { ...e, line: verb.line });
    return ok(undefined);
  }
  return s.fail(verb.line, `unknown object "${what}"`);
}

function flushOrDelete(t: Table, verb: string, what: string, name: string): Result<void> {
  if (what === 'chain') {
    if (verb === 'flush') t.chains.get(name)?.rules.splice(0);
    else t.chains.delete(name);
  } else if (what === 'set' || what === 'map') {
    const set = t.sets.get(name);
    if (verb === 'flush' && set) {
      set.elements.splice(0);
      set.index.clear();
    } else if (verb === 'delete') t.sets.delete(name);
  }
  return ok(undefined);
}
