/**
 * Typed values of nft expressions: addresses (ip, CIDR, range), protocol numbers, ports, marks,
 * names (ct states, fib address types, interface names). Parsing checks the value against what
 * it is compared with, as nft does ("Could not parse … value"), and every value knows how nft
 * prints it back.
 */
import { bitsOf, formatIp, parseIp, type Family } from '../addr/ip';
import { err, ok, type Result } from '../util/result';

import type { AddrValue, Selector, Value } from './types';

/** IP protocol numbers by name (/etc/protocols), and back. */
export const PROTO_NUM: Readonly<Record<string, number>> = {
  icmp: 1,
  tcp: 6,
  udp: 17,
  'ipv6-icmp': 58,
  icmpv6: 58,
  sctp: 132,
};
const PROTO_NAME: Readonly<Record<number, string>> = {
  1: 'icmp',
  6: 'tcp',
  17: 'udp',
  58: 'ipv6-icmp',
  132: 'sctp',
};

export const protoName = (n: number): string => PROTO_NAME[n] ?? String(n);

/** An address, CIDR or `a-b` range of `family`. */
export function parseAddr(text: string, family: Family): Result<AddrValue> {
  const dash = text.indexOf('-');
  if (dash > 0 && !text.includes('/')) {
    const a = parseIp(text.slice(0, dash));
    const b = parseIp(text.slice(dash + 1));
    if (!a.ok || !b.ok || a.value.family !== family || b.value.family !== family)
      return err(`"${text}" is not an ${family === 4 ? 'IPv4' : 'IPv6'} range`);
    return ok({ family, lo: a.value.n, hi: b.value.n, text });
  }
  const [host = '', len] = text.split('/');
  const a = parseIp(host);
  if (!a.ok || a.value.family !== family)
    return err(`"${text}" is not an ${family === 4 ? 'IPv4' : 'IPv6'} address`);
  const bits = bitsOf(family);
  const prefix = len === undefined ? bits : Number(len);
  if (!/^\d+$/.test(len ?? '0') || prefix > bits) return err(`"${text}": bad prefix length`);
  const span = (1n << BigInt(bits - prefix)) - 1n;
  const lo = a.value.n & ~span;
  // nft prints the network form of a prefix, and a /32 (/128) as the bare address.
  const printed = prefix === bits ? formatIp(a.value) : `${formatIp({ family, n: lo })}/${prefix}`;
  return ok({ family, lo, hi: lo | span, text: printed });
}

function parseNum(text: string, what: string, max: number): Result<Value> {
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    if (lo > hi || hi > max) return err(`"${text}" is not a ${what} range`);
    return ok({ kind: 'num', lo, hi, text });
  }
  const n = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? +text : NaN;
  if (!Number.isFinite(n) || n > max) return err(`"${text}" is not a ${what}`);
  return ok({ kind: 'num', lo: n, hi: n, text });
}

/** A protocol name or number. */
export function parseProto(text: string): Result<Value> {
  const n = PROTO_NUM[text];
  if (n !== undefined) return ok({ kind: 'num', lo: n, hi: n, text });
  return parseNum(text, 'protocol', 255);
}

/** A value compared with (or looked up by) `sel`. */
export function parseValue(text: string, sel: Selector): Result<Value> {
  switch (sel.kind) {
    case 'addr': {
      const a = parseAddr(text, sel.family);
      return a.ok ? ok({ kind: 'addr', addr: a.value }) : a;
    }
    case 'l4proto':
      return parseProto(text);
    case 'port':
      return parseNum(text, 'port', 65535);
    case 'mark':
      return parseNum(text, 'mark', 0xffffffff);
    case 'numgen':
      return parseNum(text, 'number', 0xffffffff);
    case 'iface':
      return ok({ kind: 'name', name: text.replace(/^"|"$/g, '') });
    case 'ctstate':
      return /^(new|established|related|invalid|untracked)$/.test(text)
        ? ok({ kind: 'name', name: text })
        : err(`"${text}" is not a conntrack state`);
    case 'fib':
      return /^(local|unicast|broadcast|multicast|anycast|blackhole|unreachable|prohibit)$/.test(
        text,
      )
        ? ok({ kind: 'name', name: text })
        : err(`"${text}" is not an address type`);
  }
}

/** A set element key part of nft type `type` (ipv4_addr, inet_proto, inet_service, mark, …). */
export function parseTyped(text: string, type: string): Result<Value> {
  switch (type) {
    case 'ipv4_addr':
      return parseValue(text, { kind: 'addr', family: 4, field: 'daddr' });
    case 'ipv6_addr':
      return parseValue(text, { kind: 'addr', family: 6, field: 'daddr' });
    case 'inet_proto':
      return parseProto(text);
    case 'inet_service':
      return parseNum(text, 'port', 65535);
    case 'ifname':
      return ok({ kind: 'name', name: text.replace(/^"|"$/g, '') });
    default:
      return parseNum(text, type, 0xffffffff);
  }
}

/** How nft prints a value. */
export function formatValue(v: Value, sel?: Selector): string {
  if (v.kind === 'addr') return v.addr.text;
  if (v.kind === 'name') return sel?.kind === 'iface' ? `"${v.name}"` : v.name;
  if (sel?.kind === 'mark') return hex32(v.lo);
  if (sel?.kind === 'l4proto' && v.lo === v.hi) return protoName(v.lo);
  return v.lo === v.hi ? String(v.lo) : `${v.lo}-${v.hi}`;
}

/** A 32-bit value as nft prints marks: 0x00004000. */
export const hex32 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** The exact-match key of a value (undefined for ranges and prefixes). */
export function exactKey(v: Value): string | undefined {
  if (v.kind === 'name') return v.name;
  if (v.kind === 'num') return v.lo === v.hi ? String(v.lo) : undefined;
  return v.addr.lo === v.addr.hi ? `${v.addr.family}:${v.addr.lo}` : undefined;
}

/** Whether `v` holds the packet value `x` (a bigint address, a number or a name). */
export function valueHolds(v: Value, x: bigint | number | string | undefined): boolean {
  if (x === undefined) return false;
  if (v.kind === 'name') return v.name === x;
  if (v.kind === 'num') return typeof x === 'number' && x >= v.lo && x <= v.hi;
  return typeof x === 'bigint' && x >= v.addr.lo && x <= v.addr.hi;
}
