/**
 * What an nft expression reads from a packet: addresses, protocol, ports, mark, interfaces,
 * conntrack state, fib address types. Matching a statement against those values.
 */
import { formatIp, parseIp } from '../addr/ip';
import type { NfContext, NfPacket } from '../netfilter/types';

import type { NamedSet, Selector, SetExpr, Stmt, Table, Value } from './types';
import { keyOf } from './parseBodies';
import { valueHolds } from './values';

const PROTO: Readonly<Record<string, number>> = { TCP: 6, UDP: 17, SCTP: 132 };
const PROTO_NAME: Readonly<Record<number, string>> = { 6: 'tcp', 17: 'udp', 132: 'sctp' };

/** A packet with its addresses parsed once. */
export interface EvalPacket {
  pkt: NfPacket;
  readonly src?: bigint;
  readonly dst?: bigint;
  readonly proto: number;
}

export function evalPacket(pkt: NfPacket): EvalPacket {
  const s = parseIp(pkt.srcIP);
  const d = parseIp(pkt.dstIP);
  return {
    pkt,
    ...(s.ok && s.value.family === pkt.family ? { src: s.value.n } : {}),
    ...(d.ok && d.value.family === pkt.family ? { dst: d.value.n } : {}),
    proto: PROTO[pkt.protocol] ?? (pkt.family === 6 ? 58 : 1),
  };
}

/** The value `sel` reads from the packet (undefined: the field is absent, nothing matches). */
export function read(
  sel: Selector,
  e: EvalPacket,
  ctx: NfContext,
): bigint | number | string | undefined {
  const p = e.pkt;
  switch (sel.kind) {
    case 'addr':
      if (sel.family !== p.family) return undefined;
      return sel.field === 'saddr' ? e.src : e.dst;
    case 'l4proto':
      return e.proto;
    case 'port': {
      // th reads any transport header with ports; tcp/udp/sctp imply that protocol.
      if (sel.proto !== 'th' && PROTO_NAME[e.proto] !== sel.proto) return undefined;
      if (PROTO_NAME[e.proto] === undefined) return undefined;
      return sel.field === 'dport' ? p.dstPort : p.srcPort;
    }
    case 'mark':
      return p.mark;
    case 'iface':
      return sel.field === 'iifname' ? p.inIface : p.outIface;
    case 'ctstate':
      return ctx.ctstate.toLowerCase();
    case 'fib': {
      const n = sel.field === 'saddr' ? e.src : e.dst;
      if (n === undefined) return undefined;
      return ctx.isLocal(formatIp({ family: p.family, n })) ? 'local' : 'unicast';
    }
    case 'numgen':
      return undefined;
  }
}

/** Exact-lookup key part of a packet value (as parseBodies.keyOf builds element keys). */
function keyPart(sel: Selector, x: bigint | number | string): string {
  if (typeof x === 'bigint') return `${sel.kind === 'addr' ? sel.family : 4}:${x}`;
  return String(x);
}

/** The element of `set` holding the packet values `xs` (exact index first, then a scan). */
export function lookup(
  set: NamedSet,
  sels: readonly Selector[],
  xs: readonly (bigint | number | string | undefined)[],
): NamedSet['elements'][number] | undefined {
  if (xs.some((x) => x === undefined)) return undefined;
  const key = xs
    .map((x, i) => keyPart(sels[i] ?? (sels[0] as Selector), x as bigint | number | string))
    .join('\u0000');
  const hit = set.index.get(key);
  if (hit) return hit;
  if (set.index.size === set.elements.length) return undefined;
  return set.elements.find(
    (el) => keyOf(el.key) === undefined && el.key.every((v, i) => valueHolds(v, xs[i])),
  );
}

/** Whether a match statement holds. */
export function matches(
  s: Extract<Stmt, { kind: 'match' }>,
  e: EvalPacket,
  ctx: NfContext,
  table: Table,
): boolean {
  let x = read(s.sel, e, ctx);
  if (x !== undefined && s.mask !== undefined && typeof x === 'number') x = (x & s.mask) >>> 0;
  const hit = x !== undefined && holds(s.rhs, s.sel, x, table);
  return hit !== s.neg;
}

function holds(
  rhs: Value | SetExpr,
  sel: Selector,
  x: bigint | number | string,
  table: Table,
): boolean {
  if (rhs.kind === 'anon') return rhs.values.some((v) => valueHolds(v, x));
  if (rhs.kind === 'ref') {
    const set = table.sets.get(rhs.name);
    return set !== undefined && lookup(set, [sel], [x]) !== undefined;
  }
  return valueHolds(rhs, x);
}
