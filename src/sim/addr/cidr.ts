/**
 * CIDR blocks: parse (keeping the address as written, so host bits can be reported), format,
 * containment, overlap, and the allocations a cluster performs (node ranges, pod and service IPs).
 */
import { err, ok, type Result } from '../util/result';

import { bitsOf, formatIp, parseIp, type Family, type Ip } from './ip';

/** An IPv4 or IPv6 block. */
export interface Cidr {
  readonly family: Family;
  /** The address exactly as written, host bits included (see `hasHostBits`). */
  readonly addr: bigint;
  readonly prefix: number;
}

const mask = (family: Family, prefix: number): bigint => {
  const bits = BigInt(bitsOf(family));
  const p = BigInt(prefix);
  return ((1n << bits) - 1n) ^ ((1n << (bits - p)) - 1n);
};

const cidrCache = new Map<string, Result<Cidr>>();

/**
 * Parses "a.b.c.d/n" or "v6::/n". A bare address is accepted as a /32 or /128 only with
 * `allowBareIp` (iptables `-s 10.0.0.1` style).
 */
export function parseCidr(text: string, opts: { allowBareIp?: boolean } = {}): Result<Cidr> {
  const key = `${opts.allowBareIp ? 1 : 0}${text}`;
  const cached = cidrCache.get(key);
  if (cached) return cached;
  const r = parseCidrUncached(text, opts.allowBareIp ?? false);
  if (cidrCache.size > 50_000) cidrCache.clear();
  cidrCache.set(key, r);
  return r;
}

function parseCidrUncached(text: string, allowBareIp: boolean): Result<Cidr> {
  const s = text.trim();
  const slash = s.indexOf('/');
  if (slash < 0) {
    if (!allowBareIp)
      return err(`"${text}" is not a CIDR: expected address/prefix, e.g. 10.244.0.0/16`);
    const a = parseIp(s);
    if (!a.ok) return a;
    return ok({ family: a.value.family, addr: a.value.n, prefix: bitsOf(a.value.family) });
  }
  const addrText = s.slice(0, slash);
  if (addrText !== addrText.trim()) return err(`"${text}" is not a CIDR: space before "/"`);
  const a = parseIp(addrText);
  if (!a.ok) return err(`"${text}" is not a CIDR: ${a.error}`);
  const ptext = s.slice(slash + 1);
  const max = bitsOf(a.value.family);
  if (!/^\d{1,3}$/.test(ptext) || Number(ptext) > max) {
    return err(`"${text}" is not a CIDR: the prefix length must be 0–${max}`);
  }
  return ok({ family: a.value.family, addr: a.value.n, prefix: Number(ptext) });
}

/** Parses or throws; for literals in code and tests. */
export function cidr(text: string): Cidr {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** The block's first address (host bits cleared), as an integer. */
export function networkAddress(c: Cidr): bigint {
  return c.addr & mask(c.family, c.prefix);
}

/** The block with host bits cleared (what `ip route` and Kubernetes store). */
export function toNetwork(c: Cidr): Cidr {
  return { family: c.family, addr: networkAddress(c), prefix: c.prefix };
}

/** True when the address as written has bits set below the prefix ("10.244.1.0/16"). */
export function hasHostBits(c: Cidr): boolean {
  return networkAddress(c) !== c.addr;
}

/** "10.244.0.0/16" as written (host bits kept). */
export function formatCidr(c: Cidr): string {
  return `${formatIp({ family: c.family, n: c.addr })}/${c.prefix}`;
}

/** The network address. */
export function firstIp(c: Cidr): Ip {
  return { family: c.family, n: networkAddress(c) };
}

/** The last address (the broadcast address for IPv4 blocks up to /30). */
export function lastIp(c: Cidr): Ip {
  const hostBits = BigInt(bitsOf(c.family) - c.prefix);
  return { family: c.family, n: networkAddress(c) | ((1n << hostBits) - 1n) };
}

/** Number of addresses in the block. */
export function cidrSize(c: Cidr): bigint {
  return 1n << BigInt(bitsOf(c.family) - c.prefix);
}

/** The block contains the address (never across families). */
export function cidrContainsIp(c: Cidr, a: Ip): boolean {
  if (a.family !== c.family) return false;
  const m = mask(c.family, c.prefix);
  return (a.n & m) === (c.addr & m);
}

/** `outer` contains every address of `inner`. */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    inner.prefix >= outer.prefix &&
    cidrContainsIp(outer, { family: inner.family, n: inner.addr })
  );
}

/** The blocks share at least one address; symmetric, and false across families. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  return a.prefix <= b.prefix ? cidrContainsCidr(a, b) : cidrContainsCidr(b, a);
}

/** The addresses two blocks share, or undefined. (Two CIDRs overlap only by nesting.) */
export function overlapSpan(a: Cidr, b: Cidr): { first: Ip; last: Ip } | undefined {
  if (!cidrsOverlap(a, b)) return undefined;
  const inner = a.prefix >= b.prefix ? a : b;
  return { first: firstIp(inner), last: lastIp(inner) };
}

/** The i-th subnet of length `newPrefix` inside `c` (0-based), or undefined past the end. */
export function nthSubnet(c: Cidr, newPrefix: number, i: number): Cidr | undefined {
  // BigInt() throws on 1.5 or NaN: a non-integer mask or index (user input) is simply no subnet.
  if (!Number.isInteger(newPrefix) || newPrefix < c.prefix || newPrefix > bitsOf(c.family))
    return undefined;
  if (!Number.isSafeInteger(i) || i < 0) return undefined;
  const count = 1n << BigInt(newPrefix - c.prefix);
  const idx = BigInt(i);
  if (idx >= count) return undefined;
  const step = 1n << BigInt(bitsOf(c.family) - newPrefix);
  return { family: c.family, addr: networkAddress(c) + idx * step, prefix: newPrefix };
}

/** How many subnets of length `newPrefix` fit in `c` (0 if newPrefix < c.prefix). */
export function subnetCount(c: Cidr, newPrefix: number): bigint {
  if (!Number.isInteger(newPrefix) || newPrefix < c.prefix || newPrefix > bitsOf(c.family))
    return 0n;
  return 1n << BigInt(newPrefix - c.prefix);
}

/** The address at offset `i` from the network address, or undefined outside the block. */
export function nthIp(c: Cidr, i: bigint): Ip | undefined {
  if (i < 0n || i >= cidrSize(c)) return undefined;
  return { family: c.family, n: networkAddress(c) + i };
}

/** Splits "10.244.0.0/16,fd00::/56" (dual-stack form) into trimmed parts. */
export function splitDualStack(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
