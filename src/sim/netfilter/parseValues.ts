/** Parsing the values iptables options take: addresses, ports, marks, NAT targets. */
import { bitsOf, canonicalIp, formatHostPort, parseIp } from '../addr/ip';
import { parseCidr } from '../addr/cidr';
import { err, ok, type Result } from '../util/result';

import { PROTO_NUM, type AddrMatch, type NatAddr, type PortRange } from './ruleset';

const addrCache = new Map<string, Result<AddrMatch>>();

/** `-s 10.0.0.0/8`, `-d 172.30.0.41` (a bare address is a /32 or /128). */
export function parseAddrMatch(text: string, neg: boolean): Result<AddrMatch> {
  const key = neg ? `!${text}` : text;
  const hit = addrCache.get(key);
  if (hit) return hit;
  const r = parseAddrUncached(text, neg);
  if (addrCache.size > 100_000) addrCache.clear();
  addrCache.set(key, r);
  return r;
}

function parseAddrUncached(text: string, neg: boolean): Result<AddrMatch> {
  if (text.includes(','))
    return err(`address lists ("${text}") are not supported; write one rule per address`);
  const r = parseCidr(text, { allowBareIp: true });
  if (!r.ok) return err(r.error);
  const bits = BigInt(bitsOf(r.value.family));
  const all = (1n << bits) - 1n;
  const mask = all ^ ((1n << (bits - BigInt(r.value.prefix))) - 1n);
  return ok({
    family: r.value.family,
    net: r.value.addr & mask,
    mask,
    host: r.value.prefix === bitsOf(r.value.family),
    neg,
  });
}

/** `-p tcp`, `-p 6`, `-p all`. */
export function parseProto(text: string): Result<number> {
  const t = text.toLowerCase();
  const named = PROTO_NUM[t];
  if (named !== undefined) return ok(named);
  if (/^\d{1,3}$/.test(t) && Number(t) <= 255) return ok(Number(t));
  return err(`unknown protocol "${text}"`);
}

/** `--dport 80`, `--dport 30000:32767`, `--dport :1024`. */
export function parsePortRange(text: string, neg: boolean): Result<PortRange> {
  const m = /^(\d*)(?::(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && m[2] === undefined))
    return err(`invalid port "${text}" (service names are not supported)`);
  const lo = m[1] === '' ? 0 : Number(m[1]);
  const hi = m[2] === undefined ? lo : m[2] === '' ? 65535 : Number(m[2]);
  if (lo > 65535 || hi > 65535 || lo > hi) return err(`invalid port range "${text}"`);
  return ok({ lo, hi, neg });
}

/** A 32-bit mark value: decimal or 0x hex. */
export function parseU32(text: string): Result<number> {
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(text)) return err(`invalid number "${text}"`);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n > 0xffffffff) return err(`"${text}" does not fit in 32 bits`);
  return ok(n >>> 0);
}

/** `value[/mask]` (`--mark 0x4000/0x4000`, `--set-xmark 0x4000/0`). */
export function parseMarkMask(text: string): Result<{ value: number; mask: number }> {
  const [v = '', m] = text.split('/');
  const value = parseU32(v);
  if (!value.ok) return value;
  if (m === undefined) return ok({ value: value.value, mask: 0xffffffff });
  const mask = parseU32(m);
  if (!mask.ok) return mask;
  return ok({ value: value.value, mask: mask.value });
}

/** `--to-destination 10.0.0.1:80`, `[fd00::1]:80`, `10.0.0.1`, `fd00::1` (one address only). */
export function parseNatAddr(text: string): Result<NatAddr> {
  let ipText = text;
  let portText: string | undefined;
  const bracket = /^\[([^\]]+)\](?::(.+))?$/.exec(text);
  if (bracket) {
    ipText = bracket[1] ?? '';
    portText = bracket[2];
  } else if ((text.match(/:/g) ?? []).length === 1) {
    const i = text.indexOf(':');
    ipText = text.slice(0, i);
    portText = text.slice(i + 1);
  }
  if (ipText.includes('-')) return err(`address ranges ("${text}") are not supported`);
  const ip = parseIp(ipText);
  if (!ip.ok) return err(`invalid NAT address "${text}": ${ip.error}`);
  let port: number | undefined;
  if (portText !== undefined) {
    const p = /^(\d+)(?:-(\d+))?$/.exec(portText);
    if (!p || Number(p[1]) > 65535) return err(`invalid NAT port in "${text}"`);
    port = Number(p[1]);
  }
  const canon = canonicalIp(ipText);
  return ok({
    text,
    ip: canon,
    ...(port !== undefined ? { port } : {}),
    canonical: port !== undefined ? formatHostPort(canon, port) : canon,
  });
}

/** "ip:port" / "[v6]:port" in canonical form (for comparing endpoints written differently). */
export function canonicalEndpoint(text: string): string {
  const r = parseNatAddr(text);
  return r.ok ? r.value.canonical : text;
}
