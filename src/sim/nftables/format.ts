/**
 * Ruleset → `nft list ruleset` text, in nft's own canonical rendering: named priorities
 * (`priority dstnat - 10`), `meta mark set meta mark | 0x00004000`, a one-element anonymous set
 * printed as its value, one set or map element per line (so a walk can point at the element that
 * matched). Printing assigns each table, set, element, chain and rule its line number.
 */
import { formatSelector } from './selectors';
import type {
  BaseChainSpec,
  Chain,
  Element,
  NamedSet,
  Rule,
  Ruleset,
  SetExpr,
  Stmt,
  Table,
  Value,
  Verdict,
} from './types';
import { formatValue, hex32 } from './values';

/** Standard priority names per nft(8) ("STANDARD PRIORITY NAMES"), family ip/ip6/inet. */
const PRIORITY_NAMES: readonly [string, number][] = [
  ['raw', -300],
  ['mangle', -150],
  ['dstnat', -100],
  ['filter', 0],
  ['security', 50],
  ['srcnat', 100],
];

/** nft prints a priority as the nearest standard name valid for the hook, ± an offset. */
export function formatPriority(p: number, hook: string): string {
  const usable = PRIORITY_NAMES.filter(
    ([n]) =>
      (n !== 'dstnat' || hook === 'prerouting' || hook === 'output') &&
      (n !== 'srcnat' || hook === 'postrouting' || hook === 'input'),
  );
  let best: [string, number] | undefined;
  for (const e of usable) if (!best || Math.abs(p - e[1]) < Math.abs(p - best[1])) best = e;
  if (!best || Math.abs(p - best[1]) > 10) return String(p);
  const d = p - best[1];
  return d === 0 ? best[0] : `${best[0]} ${d < 0 ? '-' : '+'} ${Math.abs(d)}`;
}

export function formatVerdict(v: Verdict): string {
  return v.kind === 'jump' || v.kind === 'goto' ? `${v.kind} ${v.chain}` : v.kind;
}

function formatSetExpr(s: SetExpr | Value, sel: Parameters<typeof formatValue>[1]): string {
  if (s.kind === 'ref') return `@${s.name}`;
  if (s.kind !== 'anon') return formatValue(s, sel);
  const one = s.values.length === 1 ? s.values[0] : undefined;
  if (one) return formatValue(one, sel);
  // Flag lists (ct state established,related) print without braces.
  if (sel?.kind === 'ctstate' || sel?.kind === 'fib')
    return s.values.map((v) => formatValue(v, sel)).join(',');
  return `{ ${s.values.map((v) => formatValue(v, sel)).join(', ')} }`;
}

/** The element's key (and data) as nft prints it inside `elements = { … }`. */
export function formatElement(
  e: Element,
  keySel?: readonly Parameters<typeof formatValue>[1][],
): string {
  const key = e.key.map((v, i) => formatValue(v, keySel?.[i])).join(' . ');
  const comment = e.comment !== undefined ? ` comment "${e.comment}"` : '';
  if (e.verdict) return `${key}${comment} : ${formatVerdict(e.verdict)}`;
  if (e.data) return `${key}${comment} : ${e.data.map((v) => formatValue(v)).join(' . ')}`;
  return `${key}${comment}`;
}

export function formatStmt(s: Stmt): string {
  switch (s.kind) {
    case 'match': {
      const mask = s.mask !== undefined ? ` & ${hex32(s.mask)}` : '';
      const op = s.neg ? ' !=' : s.mask !== undefined ? ' ==' : '';
      return `${formatSelector(s.sel)}${mask}${op} ${formatSetExpr(s.rhs, s.sel)}`;
    }
    case 'vmap': {
      const key = s.key.map(formatSelector).join(' . ');
      if (s.map.kind === 'ref') return `${key} vmap @${s.map.name}`;
      const els = s.map.elements.map((e) => formatElement(e, s.key)).join(', ');
      return `${key} vmap { ${els} }`;
    }
    case 'verdict':
      return formatVerdict(s.verdict);
    case 'reject':
      return s.with !== undefined ? `reject with ${s.with}` : 'reject';
    case 'mark-set': {
      if (s.op === 'set') return `meta mark set ${hex32(s.value)}`;
      const op = { or: '|', xor: '^', and: '&' }[s.op];
      return `meta mark set meta mark ${op} ${hex32(s.value)}`;
    }
    case 'dnat':
    case 'snat': {
      const host = s.addr.family === 6 && s.port !== undefined ? `[${s.addr.text}]` : s.addr.text;
      return `${s.kind} to ${host}${s.port !== undefined ? `:${s.port}` : ''}`;
    }
    case 'masquerade':
      return ['masquerade', ...s.flags].join(' ');
    case 'set-update':
      return `${s.op} @${s.set} { ${s.key.map(formatSelector).join(' . ')} }`;
    case 'counter':
      return 'counter packets 0 bytes 0';
  }
}

export function formatRule(stmts: readonly Stmt[], comment?: string): string {
  const body = stmts.map(formatStmt).join(' ');
  return comment !== undefined ? `${body} comment "${comment}"` : body;
}

function formatTimeout(s: number): string {
  const parts: string[] = [];
  let r = s;
  for (const [u, n] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (r >= n) {
      parts.push(`${Math.floor(r / n)}${u}`);
      r %= n;
    }
  }
  if (r > 0 || parts.length === 0) parts.push(`${r}s`);
  return parts.join('');
}

const baseLine = (b: BaseChainSpec): string =>
  `type ${b.type} hook ${b.hook} priority ${formatPriority(b.priority, b.hook)}; policy ${b.policy};`;

/** Prints the ruleset and sets every object's `line` to where it now stands. */
export function formatRuleset(rs: Ruleset): string {
  const out: string[] = [];
  const emit = (indent: number, s: string): number => {
    out.push(`${'\t'.repeat(indent)}${s}`);
    return out.length;
  };
  for (const t of rs.tables) {
    t.line = emit(0, `table ${t.family} ${t.name} {`);
    if (t.comment !== undefined) emit(1, `comment "${t.comment}"`);
    const blocks = [...t.sets.values()].map((s) => () => printSet(emit, s));
    blocks.push(...[...t.chains.values()].map((c) => () => printChain(emit, c)));
    blocks.forEach((b, i) => {
      if (i > 0) out.push('');
      b();
    });
    emit(0, '}');
  }
  return out.join('\n') + '\n';
}

/** How values of an nft data type print (protocols by name, marks in hex). */
export function typeSelector(type: string): Parameters<typeof formatValue>[1] {
  if (type === 'inet_proto') return { kind: 'l4proto', via: 'meta l4proto' };
  if (type === 'mark') return { kind: 'mark' };
  if (type === 'ifname') return { kind: 'iface', field: 'iifname' };
  return undefined;
}

type Emit = (indent: number, s: string) => number;

function printSet(emit: Emit, s: NamedSet): void {
  s.line = emit(1, `${s.isMap ? 'map' : 'set'} ${s.name} {`);
  const data = s.dataType ? ` : ${s.dataType.join(' . ')}` : '';
  emit(2, `type ${s.keyType.join(' . ')}${data}`);
  if (s.flags.length) emit(2, `flags ${s.flags.join(',')}`);
  if (s.timeout !== undefined) emit(2, `timeout ${formatTimeout(s.timeout)}`);
  if (s.comment !== undefined) emit(2, `comment "${s.comment}"`);
  const sels = s.keyType.map(typeSelector);
  s.elements.forEach((e, i) => {
    const last = i === s.elements.length - 1;
    const text = `${formatElement(e, sels)}${last ? ' }' : ','}`;
    e.line = i === 0 ? emit(2, `elements = { ${text}`) : emit(3, `     ${text}`);
  });
  emit(1, '}');
}

function printChain(emit: Emit, c: Chain): void {
  c.line = emit(1, `chain ${c.name} {`);
  if (c.base) emit(2, baseLine(c.base));
  if (c.comment !== undefined) emit(2, `comment "${c.comment}"`);
  for (const r of c.rules) printRule(emit, r);
  emit(1, '}');
}

function printRule(emit: Emit, r: Rule): void {
  r.text = formatRule(r.stmts, r.comment);
  r.line = emit(2, r.text);
}

/** The table's header as nft names it in messages: "ip kube-proxy". */
export const tableName = (t: Table): string => `${t.family} ${t.name}`;
