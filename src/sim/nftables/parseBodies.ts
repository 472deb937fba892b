/**
 * The bodies of `chain … { … }` and `set|map … { … }` blocks: a base chain's `type … hook …
 * priority …; policy …;`, comments, rules one per line; a set's `type`, `flags`, `timeout`,
 * `comment` and `elements = { … }` (which may span lines, one element per line as nft prints).
 */
import { err, ok, type Result } from '../util/result';

import type { Tok } from './parse';
import { Cursor, parseVerdict, typedPart } from './parseRule';
import { unquote } from './tokens';
import type { BaseChainSpec, ChainType, Element, NamedSet, NftHookName, Value } from './types';
import { exactKey } from './values';

export type Body = readonly Tok[];

const HOOKS = new Set(['prerouting', 'input', 'forward', 'output', 'postrouting']);
const TYPES = new Set(['filter', 'nat', 'route']);
const PRIORITIES: Readonly<Record<string, number>> = {
  raw: -300,
  mangle: -150,
  dstnat: -100,
  filter: 0,
  security: 50,
  srcnat: 100,
};

/** Splits a body into statements at newlines and semicolons. */
function statements(body: Body): Tok[][] {
  const out: Tok[][] = [];
  let cur: Tok[] = [];
  for (const t of body) {
    if (t.t === '\n' || t.t === ';') {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** `dstnat - 10`, `dstnat-10`, `-110`, `filter`. */
export function parsePriority(toks: readonly string[]): number | undefined {
  const text = toks.join('');
  const m = /^([a-z]+)?([+-]?\d+)?$/.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  const base = m[1] !== undefined ? PRIORITIES[m[1]] : 0;
  if (base === undefined) return undefined;
  return base + (m[2] !== undefined ? Number(m[2]) : 0);
}

export interface ChainSpec {
  readonly base?: BaseChainSpec;
  readonly comment?: string;
  readonly rules: Tok[][];
}

export function parseChainBody(body: Body): Result<ChainSpec> {
  let base: { type: ChainType; hook: NftHookName; priority: number } | undefined;
  let policy: 'accept' | 'drop' = 'accept';
  let comment: string | undefined;
  const rules: Tok[][] = [];
  for (const st of statements(body)) {
    const w = st.map((x) => x.t);
    if (w[0] === 'type') {
      const [, type = '', hookKw, hook = '', ...rest] = w;
      if (!TYPES.has(type) || hookKw !== 'hook' || !HOOKS.has(hook))
        return err(`line ${st[0]?.line}: expected "type filter|nat|route hook HOOK priority P"`);
      const p = rest.indexOf('priority');
      const priority = p >= 0 ? parsePriority(rest.slice(p + 1)) : undefined;
      if (priority === undefined) return err(`line ${st[0]?.line}: bad or missing priority`);
      base = { type: type as ChainType, hook: hook as NftHookName, priority };
    } else if (w[0] === 'policy') {
      if (w[1] !== 'accept' && w[1] !== 'drop')
        return err(`line ${st[0]?.line}: policy must be accept or drop`);
      policy = w[1];
    } else if (w[0] === 'comment' && w.length === 2) comment = unquote(w[1] ?? '');
    else rules.push(st);
  }
  return ok({
    ...(base ? { base: { ...base, policy } } : {}),
    ...(comment !== undefined ? { comment } : {}),
    rules,
  });
}

/** nft time units: `10800s`, `3h`, `1h30m`. */
function parseTime(text: string): number | undefined {
  const units: Readonly<Record<string, number>> = { d: 86400, h: 3600, m: 60, s: 1 };
  let total = 0;
  const re = /(\d+)([dhms])/g;
  let m: RegExpExecArray | null;
  let seen = '';
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * (units[m[2] ?? 's'] ?? 1);
    seen += m[0];
  }
  return seen === text && seen !== '' ? total : /^\d+$/.test(text) ? Number(text) : undefined;
}

type SetSpec = Omit<NamedSet, 'name' | 'isMap' | 'line'>;

export function parseSetBody(body: Body, isMap: boolean, prev?: NamedSet): Result<SetSpec> {
  let keyType = prev?.keyType ?? [];
  let dataType = prev?.dataType;
  let flags = prev?.flags ?? [];
  let timeout = prev?.timeout;
  let comment = prev?.comment;
  const elements: Element[] = prev?.elements ?? [];
  const index = prev?.index ?? new Map<string, Element>();
  const toks = body.filter((t) => t.t !== '\n');
  const c = new Cursor(toks.map((t) => t.t));
  while (!c.done()) {
    const line = toks[c.i]?.line ?? 0;
    const w = c.next();
    if (w === ';') continue;
    if (w === 'type' || w === 'typeof') {
      const parts: string[] = [];
      while (!c.done() && c.peek() !== ';' && c.peek() !== ':' && !KEYWORDS.has(c.peek() ?? '')) {
        const t = c.next() ?? '';
        if (t !== '.') parts.push(t);
      }
      keyType = parts;
      if (c.eat(':')) {
        const d: string[] = [];
        while (!c.done() && c.peek() !== ';' && !KEYWORDS.has(c.peek() ?? '')) {
          const t = c.next() ?? '';
          if (t !== '.') d.push(t);
        }
        dataType = d;
      }
    } else if (w === 'flags') {
      const f: string[] = [];
      do f.push(c.next() ?? '');
      while (c.eat(','));
      flags = f;
    } else if (w === 'timeout') timeout = parseTime(c.next() ?? '');
    else if (w === 'size' || w === 'policy' || w === 'gc-interval' || w === 'auto-merge') {
      if (w !== 'auto-merge') c.next();
    } else if (w === 'comment') comment = unquote(c.next() ?? '');
    else if (w === 'elements') {
      c.eat('=');
      const set = { keyType, dataType, isMap } as NamedSet;
      const els = parseElements(c, set, toks);
      if (!els.ok) return els;
      for (const e of els.value) addElement(elements, index, e);
    } else return err(`line ${line}: unexpected "${w ?? ''}" in a set`);
  }
  if (keyType.length === 0) return err('a set needs a type');
  if (isMap && !dataType) return err('a map needs a data type ("type KEY : verdict")');
  return ok({
    keyType,
    ...(dataType ? { dataType } : {}),
    flags,
    ...(timeout !== undefined ? { timeout } : {}),
    ...(comment !== undefined ? { comment } : {}),
    elements,
    index,
  });
}

const KEYWORDS = new Set(['flags', 'timeout', 'size', 'comment', 'elements', 'policy']);

export function addElement(list: Element[], index: Map<string, Element>, e: Element): void {
  list.push(e);
  const k = keyOf(e.key);
  if (k !== undefined) index.set(k, e);
}

/** The exact-lookup key of an element (undefined when a part is a prefix or a range). */
export function keyOf(key: readonly Value[]): string | undefined {
  const parts: string[] = [];
  for (const v of key) {
    const k = exactKey(v);
    if (k === undefined) return undefined;
    parts.push(k);
  }
  return parts.join('\u0000');
}

/** `{ KEY [comment "…"] [: DATA], … }` for `set`, at the cursor; `toks` gives line numbers. */
export function parseElements(
  c: Cursor,
  set: Pick<NamedSet, 'keyType' | 'dataType' | 'isMap'>,
  toks: readonly Tok[],
): Result<Element[]> {
  const part = typedPart(set.keyType);
  const wrapped = c.eat('{');
  const out: Element[] = [];
  while (!c.done() && !(wrapped && c.peek() === '}')) {
    const line = toks[c.i]?.line ?? 0;
    const key: Value[] = [];
    for (let i = 0; ; i++) {
      const v = part(c.next() ?? '', i);
      if (!v.ok) return err(`line ${line}: ${v.error}`);
      key.push(v.value);
      if (!c.eat('.')) break;
    }
    let comment: string | undefined;
    for (;;) {
      if (c.eat('comment')) comment = unquote(c.next() ?? '');
      else if (c.eat('timeout') || c.eat('expires')) c.next();
      else break;
    }
    const el: { -readonly [K in keyof Element]: Element[K] } = { key, line };
    if (comment !== undefined) el.comment = comment;
    if (set.isMap) {
      if (!c.eat(':')) return err(`line ${line}: a map element needs ": VALUE"`);
      if (set.dataType?.[0] === 'verdict') {
        const v = parseVerdict(c);
        if (!v.ok) return err(`line ${line}: ${v.error}`);
        el.verdict = v.value;
      } else {
        const data: Value[] = [];
        const dpart = typedPart(set.dataType ?? []);
        for (let i = 0; ; i++) {
          const v = dpart(c.next() ?? '', i);
          if (!v.ok) return err(`line ${line}: ${v.error}`);
          data.push(v.value);
          if (!c.eat('.')) break;
        }
        el.data = data;
      }
    }
    out.push(el);
    if (!c.eat(',')) break;
  }
  if (wrapped && !c.eat('}')) return err('expected "}" after the elements');
  return ok(out);
}
