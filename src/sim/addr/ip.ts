/**
 * IP addresses as plain values: a family and the address as an unsigned bigint. Parsing and
 * formatting go through ipaddr.js so the text matches what Linux tools print (RFC 5952 for IPv6).
 */
import ipaddr from 'ipaddr.js';

import { err, ok, type Result } from '../util/result';

/** IP version. */
export type Family = 4 | 6;

/** An address as a plain value. */
export interface Ip {
  readonly family: Family;
  /** The address as an unsigned integer (32 or 128 bits). */
  readonly n: bigint;
}

/** Address width in bits: 32 or 128. */
export const bitsOf = (family: Family): number => (family === 4 ? 32 : 128);

const ipCache = new Map<string, Result<Ip>>();

/** Parses dotted-quad IPv4 or any IPv6 text form. IPv4-mapped IPv6 stays IPv6. */
export function parseIp(text: string): Result<Ip> {
  const cached = ipCache.get(text);
  if (cached) return cached;
  const r = parseIpUncached(text);
  if (ipCache.size > 50_000) ipCache.clear();
  ipCache.set(text, r);
  return r;
}

function parseIpUncached(text: string): Result<Ip> {
  const s = text.trim();
  if (s === '') return err('empty address');
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) {
    const bytes = ipaddr.IPv4.parse(s).toByteArray();
    return ok({ family: 4, n: bytesToBig(bytes) });
  }
  const v6 = s.includes(':') && !s.includes('%') ? withoutEmbeddedIpv4(s) : undefined;
  if (v6 !== undefined && ipaddr.IPv6.isValid(v6)) {
    return ok({ family: 6, n: bytesToBig(ipaddr.IPv6.parse(v6).toByteArray()) });
  }
  return err(`"${text}" is not an IPv4 or IPv6 address`);
}

/**
 * Rewrites a trailing dotted quad ("::ffff:1.2.3.4", "::1.2.3.4") as two hex groups, or returns
 * undefined when it is not a strict dotted quad. ipaddr.js alone would read "::1.2.3.4" as the
 * IPv4-mapped "::ffff:1.2.3.4" (RFC 4291 §2.5.5.1 makes it "::102:304") and would accept octets
 * like "01" or "0x1", which Go's net/netip (and so Kubernetes) rejects.
 */
function withoutEmbeddedIpv4(s: string): string | undefined {
  if (!s.includes('.')) return s;
  const colon = s.lastIndexOf(':');
  const tail = s.slice(colon + 1);
  if (!ipaddr.IPv4.isValidFourPartDecimal(tail)) return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = ipaddr.IPv4.parse(tail).octets;
  const hex = (hi: number, lo: number): string => ((hi << 8) | lo).toString(16);
  return `${s.slice(0, colon + 1)}${hex(a, b)}:${hex(c, d)}`;
}

/** Parses or throws; for literals in code and tests. */
export function ip(text: string): Ip {
  const r = parseIp(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** True when `parseIp` accepts the text. */
export function isIp(text: string): boolean {
  return parseIp(text).ok;
}

function bytesToBig(bytes: readonly number[]): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function bigToBytes(n: bigint, len: number): number[] {
  const out = new Array<number>(len);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

const fmtCache = new Map<string, string>();

/**
 * The canonical text of an address: dotted quad, or compressed lowercase IPv6 (RFC 5952), with
 * IPv4-mapped addresses as "::ffff:a.b.c.d".
 */
export function formatIp(a: Ip): string {
  const key = `${a.family}:${a.n}`;
  const cached = fmtCache.get(key);
  if (cached !== undefined) return cached;
  const s =
    a.family === 4
      ? bigToBytes(a.n, 4).join('.')
      : a.n >> 32n === 0xffffn
        ? // RFC 5952 §5: IPv4-mapped addresses keep the dotted quad, as inet_ntop and Go print them.
          `::ffff:${bigToBytes(a.n, 4).join('.')}`
        : ipaddr.fromByteArray(bigToBytes(a.n, 16)).toString();
  if (fmtCache.size > 50_000) fmtCache.clear();
  fmtCache.set(key, s);
  return s;
}

/** Normalises address text ("fd00:0::1" → "fd00::1"); returns the input unchanged if invalid. */
export function canonicalIp(text: string): string {
  const r = parseIp(text);
  return r.ok ? formatIp(r.value) : text;
}

/** Same family and same value. */
export function ipEquals(a: Ip, b: Ip): boolean {
  return a.family === b.family && a.n === b.n;
}

/** Orders IPv4 before IPv6, then numerically; for `Array.prototype.sort`. */
export function compareIp(a: Ip, b: Ip): number {
  if (a.family !== b.family) return a.family - b.family;
  return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
}

/** The address `delta` further on (no wrap-around check). */
export function addToIp(a: Ip, delta: bigint): Ip {
  return { family: a.family, n: a.n + delta };
}

/** "ip:port", with brackets for IPv6 ("[fd00::1]:80"), as kube-proxy prints endpoints. */
export function formatHostPort(ipText: string, port: number): string {
  return ipText.includes(':') ? `[${ipText}]:${port}` : `${ipText}:${port}`;
}

/** 127.0.0.0/8 or ::1. */
export function isLoopback(a: Ip): boolean {
  return a.family === 4 ? a.n >> 24n === 127n : a.n === 1n;
}
