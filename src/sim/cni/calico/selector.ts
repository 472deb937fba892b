/**
 * Calico's label selector language, the subset IPPool `nodeSelector`s use (projectcalico
 * libcalico-go selector): `all()`, `has(k)`, `!has(k)`, `k == 'v'`, `k != 'v'`, `k in {'a','b'}`,
 * `k not in {…}`, joined by `&&` / `||`, with parentheses and `!( … )`.
 */
import { err, ok, type Result } from '../../util/result';

type Labels = Readonly<Record<string, string>>;
export type Selector = (labels: Labels) => boolean;

const TOKEN =
  /\s*(all\(\)|has\(\s*[\w./-]+\s*\)|&&|\|\||!=|==|!|\(|\)|not in|in|'[^']*'|"[^"]*"|\{[^}]*\}|[\w./-]+)/y;

function tokenize(text: string): Result<string[]> {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < text.length) {
    if (/^\s*$/.test(text.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(text);
    if (!m?.[1]) return err(`cannot read "${text.slice(i).trim()}"`);
    out.push(m[1]);
    i = TOKEN.lastIndex;
  }
  return ok(out);
}

const unquote = (t: string): string => t.replace(/^['"]|['"]$/g, '');

/** Parses a Calico selector; an empty one selects everything (as `all()`). */
export function parseSelector(text: string): Result<Selector> {
  const t = tokenize(text);
  if (!t.ok) return t;
  const toks = t.value;
  if (toks.length === 0) return ok(() => true);
  let pos = 0;
  const peek = (): string | undefined => toks[pos];
  const fail = (why: string): Result<Selector> => err(`${why} in selector "${text}"`);
  const primary = (): Result<Selector> => {
    const tk = toks[pos++];
    if (tk === undefined) return fail('unexpected end');
    if (tk === 'all()') return ok(() => true);
    if (tk === '!') {
      const inner = primary();
      return inner.ok ? ok((l) => !inner.value(l)) : inner;
    }
    if (tk === '(') {
      const inner = or();
      if (!inner.ok) return inner;
      if (toks[pos++] !== ')') return fail('missing ")"');
      return inner;
    }
    const has = /^has\(\s*([\w./-]+)\s*\)$/.exec(tk);
    if (has?.[1]) {
      const k = has[1];
      return ok((l) => k in l);
    }
    const op = toks[pos++];
    const rhs = toks[pos++];
    if (op === undefined || rhs === undefined) return fail(`incomplete comparison "${tk}"`);
    if (op === '==' || op === '!=') {
      const v = unquote(rhs);
      return ok((l) => (l[tk] === v) === (op === '=='));
    }
    if ((op === 'in' || op === 'not in') && rhs.startsWith('{')) {
      const set = rhs
        .slice(1, -1)
        .split(',')
        .map((x) => unquote(x.trim()))
        .filter((x) => x !== '');
      return ok((l) => {
        const v = l[tk];
        return (v !== undefined && set.includes(v)) === (op === 'in');
      });
    }
    return fail(`unknown operator "${op}"`);
  };
  const and = (): Result<Selector> => {
    let left = primary();
    while (left.ok && peek() === '&&') {
      pos++;
      const right = primary();
      if (!right.ok) return right;
      const [a, b] = [left.value, right.value];
      left = ok((l) => a(l) && b(l));
    }
    return left;
  };
  const or = (): Result<Selector> => {
    let left = and();
    while (left.ok && peek() === '||') {
      pos++;
      const right = and();
      if (!right.ok) return right;
      const [a, b] = [left.value, right.value];
      left = ok((l) => a(l) || b(l));
    }
    return left;
  };
  const s = or();
  if (s.ok && pos < toks.length) return fail(`unexpected "${toks[pos] ?? ''}"`);
  return s;
}
