/**
 * Packet fields an nft expression reads (nft(8) EXPRESSIONS: payload, meta, ct, fib, numgen),
 * parsed from tokens and printed back the way `nft list ruleset` prints them.
 */
import type { Cursor } from './parseRule';
import type { Selector } from './types';

const PORT_PROTOS = new Set(['th', 'tcp', 'udp', 'sctp']);

/** Reads one selector at the cursor, or returns undefined (leaving the cursor) if none is there. */
export function parseSelector(c: Cursor): Selector | undefined {
  const a = c.peek();
  const b = c.peek(1);
  const take = (n: number, s: Selector): Selector => {
    c.i += n;
    return s;
  };
  if ((a === 'ip' || a === 'ip6') && (b === 'saddr' || b === 'daddr'))
    return take(2, { kind: 'addr', family: a === 'ip' ? 4 : 6, field: b });
  if (a === 'ip' && b === 'protocol') return take(2, { kind: 'l4proto', via: 'ip protocol' });
  if (a === 'ip6' && b === 'nexthdr') return take(2, { kind: 'l4proto', via: 'ip6 nexthdr' });
  if (a === 'meta' && b === 'l4proto') return take(2, { kind: 'l4proto', via: 'meta l4proto' });
  if (a === 'meta' && b === 'mark') return take(2, { kind: 'mark' });
  if (a === 'mark') return take(1, { kind: 'mark' });
  if (a === 'meta' && (b === 'iifname' || b === 'oifname'))
    return take(2, { kind: 'iface', field: b });
  if (a === 'iifname' || a === 'oifname') return take(1, { kind: 'iface', field: a });
  if (a !== undefined && PORT_PROTOS.has(a) && (b === 'sport' || b === 'dport'))
    return take(2, { kind: 'port', field: b, proto: a });
  if (a === 'ct' && b === 'state') return take(2, { kind: 'ctstate' });
  if (a === 'fib' && (b === 'saddr' || b === 'daddr') && c.peek(2) === 'type')
    return take(3, { kind: 'fib', field: b });
  if (a === 'numgen' && b === 'random' && c.peek(2) === 'mod') {
    const mod = Number(c.peek(3));
    if (!Number.isInteger(mod) || mod < 1) return undefined;
    c.i += 4;
    let offset = 0;
    if (c.peek() === 'offset' && /^\d+$/.test(c.peek(1) ?? '')) {
      offset = Number(c.peek(1));
      c.i += 2;
    }
    return { kind: 'numgen', mod, offset };
  }
  return undefined;
}

/** The selector as nft prints it. */
export function formatSelector(s: Selector): string {
  switch (s.kind) {
    case 'addr':
      return `${s.family === 4 ? 'ip' : 'ip6'} ${s.field}`;
    case 'l4proto':
      return s.via;
    case 'port':
      return `${s.proto} ${s.field}`;
    case 'mark':
      return 'meta mark';
    case 'iface':
      return s.field;
    case 'ctstate':
      return 'ct state';
    case 'fib':
      return `fib ${s.field} type`;
    case 'numgen':
      return `numgen random mod ${s.mod}${s.offset ? ` offset ${s.offset}` : ''}`;
  }
}
