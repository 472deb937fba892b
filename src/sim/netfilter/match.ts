/**
 * Does a rule match a packet? The IP header part first (the kernel's ip_packet_match: addresses,
 * interfaces, protocol), then each `-m` match in order, all of which must hold.
 */
import { cidrContainsIp } from '../addr/cidr';
import { parseIp, type Family } from '../addr/ip';

import type { AddrMatch, Header, IfaceMatch, Match, PortRange, Rule, TypeMatch } from './ruleset';
import type { NfContext, NfPacket } from './types';

/** A packet with its addresses parsed once per hook. */
export interface EvalPacket {
  pkt: NfPacket;
  src?: bigint;
  dst?: bigint;
  proto: number;
}

const PROTO: Readonly<Record<string, number>> = { TCP: 6, UDP: 17, SCTP: 132 };

/** Parses the packet's addresses once for a whole hook. */
export function evalPacket(pkt: NfPacket): EvalPacket {
  const s = parseIp(pkt.srcIP);
  const d = parseIp(pkt.dstIP);
  const proto = PROTO[pkt.protocol] ?? (pkt.family === 6 ? 58 : 1);
  return {
    pkt,
    ...(s.ok && s.value.family === pkt.family ? { src: s.value.n } : {}),
    ...(d.ok && d.value.family === pkt.family ? { dst: d.value.n } : {}),
    proto,
  };
}

function addr(m: AddrMatch, family: Family, n: bigint | undefined): boolean {
  const hit = n !== undefined && m.family === family && (n & m.mask) === m.net;
  return hit !== m.neg;
}

function iface(m: IfaceMatch, name: string | undefined): boolean {
  const hit = name !== undefined && (m.prefix ? name.startsWith(m.name) : name === m.name);
  return hit !== m.neg;
}

function port(r: PortRange, p: number | undefined): boolean {
  const hit = p !== undefined && p >= r.lo && p <= r.hi;
  return hit !== r.neg;
}

/** The IP-header checks: protocol, addresses, interfaces (each may be negated). */
export function headerMatches(h: Header, e: EvalPacket): boolean {
  if (h.proto && h.proto.num !== 0 && (h.proto.num === e.proto) === h.proto.neg) return false;
  if (h.proto && h.proto.num === 0 && h.proto.neg) return false;
  const fam = e.pkt.family;
  if (h.dst && !addr(h.dst, fam, e.dst)) return false;
  if (h.src && !addr(h.src, fam, e.src)) return false;
  if (h.inIface && !iface(h.inIface, e.pkt.inIface)) return false;
  if (h.outIface && !iface(h.outIface, e.pkt.outIface)) return false;
  return true;
}

const isMulticast = (ip: string): boolean => /^(22[4-9]|23\d)\./.test(ip) || /^ff/i.test(ip);

function addrType(t: TypeMatch, ip: string, ctx: NfContext): boolean {
  const local = ctx.isLocal(ip);
  const hit = t.types.some((ty) => {
    if (ty === 'LOCAL') return local;
    if (ty === 'MULTICAST') return isMulticast(ip);
    if (ty === 'UNICAST') return !local && !isMulticast(ip);
    return false;
  });
  return hit !== t.neg;
}

/**
 * One `-m` match. `statistic` is decided by the caller (`stat`), because the walk and the
 * candidate enumeration treat it differently.
 */
export function matchOne(
  m: Match,
  e: EvalPacket,
  ctx: NfContext,
  stat: (p: number) => boolean,
): boolean {
  const pkt = e.pkt;
  switch (m.kind) {
    case 'ports':
      return (
        e.proto === m.proto &&
        (!m.dport || port(m.dport, pkt.dstPort)) &&
        (!m.sport || port(m.sport, pkt.srcPort))
      );
    case 'addrtype':
      return (
        (!m.src || addrType(m.src, pkt.srcIP, ctx)) && (!m.dst || addrType(m.dst, pkt.dstIP, ctx))
      );
    case 'comment':
    case 'nfacct':
      return true;
    case 'set': {
      const members = ctx.ipsets?.(m.name) ?? [];
      const inSet = (ip: string): boolean => {
        const a = parseIp(ip);
        return a.ok && members.some((c) => cidrContainsIp(c, a.value));
      };
      const hit = m.dirs.every((d) => inSet(d === 'src' ? pkt.srcIP : pkt.dstIP));
      return hit !== m.neg;
    }
    case 'statistic':
      return stat(m.probability);
    case 'recent':
      // A first connection has no record yet: --rcheck/--update/--remove never match (as in
      // kube-proxy's own test tracer, so session affinity never changes the traced outcome);
      // --set records the source and matches.
      return m.mode === 'set';
    case 'mark':
      return ((pkt.mark & m.mask) >>> 0 === m.value >>> 0) !== m.neg;
    case 'conntrack': {
      const hit = m.states.some(
        (s) =>
          s === ctx.ctstate ||
          (s === 'DNAT' && ctx.natted?.dnat === true) ||
          (s === 'SNAT' && ctx.natted?.snat === true),
      );
      return hit !== m.neg;
    }
  }
}

/** Header and every match (statistic via `stat`). */
export function ruleMatches(
  r: Rule,
  e: EvalPacket,
  ctx: NfContext,
  stat: (p: number) => boolean,
): boolean {
  if (!headerMatches(r.header, e)) return false;
  for (const m of r.matches) if (!matchOne(m, e, ctx, stat)) return false;
  return true;
}
