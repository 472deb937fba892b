/**
 * A netfilter hook in nftables: every base chain registered at the hook, of every table of the
 * packet's family (ip, ip6; inet for both), in priority order (equal priorities: in the order the
 * tables and chains were created). nat chains see only a connection's first packet, and once one
 * of them has set up the NAT binding the others at that hook are skipped (nf_nat_inet_fn).
 * A drop or reject ends the hook. Load balancing: a `numgen random mod N vmap` picks an element
 * with the walk's seeded randomness (or the one leading to a preferred endpoint), and every
 * element's endpoint is listed as a candidate, as kube-proxy's own test tracer lists them.
 */
import { formatHostPort, formatIp } from '../addr/ip';
import { canonicalEndpoint } from '../netfilter/parseValues';
import type { NfContext, NfPacket, NfVerdict } from '../netfilter/types';

import { evalPacket, type EvalPacket } from './packet';
import type { NatStmt, PickNumgen } from './rule';
import type { Chain, Element, NftHookName, Ruleset, Table } from './types';
import { walkChain, type NftRef } from './walk';

/** What one base chain did to the packet. */
export interface NftChainResult {
  readonly table: Table;
  readonly chain: Chain;
  readonly verdict: NfVerdict;
  readonly packet: NfPacket;
  readonly matched: readonly NftRef[];
  readonly decidedBy?: NftRef;
  readonly comment?: string;
  readonly dnat?: { readonly to: string; readonly ref: NftRef };
  readonly snat?: {
    readonly to: string;
    readonly kind: 'MASQUERADE' | 'SNAT';
    readonly ref: NftRef;
  };
  readonly candidates: readonly string[];
  readonly probabilities: readonly number[];
}

/** The base chains registered at `hook` for a packet of `family`, in the order they run. */
export function baseChainsAt(rs: Ruleset, family: 4 | 6, hook: NftHookName): [Table, Chain][] {
  const out: [Table, Chain][] = [];
  for (const t of rs.tables) {
    if (t.family !== 'inet' && t.family !== (family === 4 ? 'ip' : 'ip6')) continue;
    for (const c of t.chains.values()) if (c.base?.hook === hook) out.push([t, c]);
  }
  // Array.prototype.sort is stable: equal priorities keep their creation order.
  return out.sort((a, b) => (a[1].base?.priority ?? 0) - (b[1].base?.priority ?? 0));
}

/** Runs every base chain at `hook` (nat chains only when `nat`, i.e. for a first packet). */
export function runNftHook(
  rs: Ruleset,
  hook: NftHookName,
  packet: NfPacket,
  ctx: NfContext,
  nat: boolean,
): NftChainResult[] {
  const out: NftChainResult[] = [];
  let pkt = packet;
  let natDone = false;
  for (const [table, chain] of baseChainsAt(rs, packet.family, hook)) {
    if (chain.base?.type === 'nat' && (!nat || natDone)) continue;
    const r = runChain(table, chain, pkt, ctx);
    out.push(r);
    pkt = r.packet;
    if (r.dnat || r.snat) natDone = true;
    if (r.verdict !== 'ACCEPT') break;
  }
  return out;
}

function runChain(table: Table, chain: Chain, packet: NfPacket, ctx: NfContext): NftChainResult {
  const e = evalPacket(packet);
  const matched: NftRef[] = [];
  let lb: { to: string; p: number }[] = [];
  const pick: PickNumgen = (elements, mod, offset) => {
    lb = numgenCandidates(table, elements, mod, e, ctx);
    return choose(table, elements, mod, offset, e, ctx);
  };
  const o = walkChain(table, chain, e, ctx, pick, matched);
  const base = {
    table,
    chain,
    matched,
    ...(o.decidedBy ? { decidedBy: o.decidedBy } : {}),
    ...(o.comment !== undefined ? { comment: o.comment } : {}),
  };
  const verdict: NfVerdict =
    o.verdict === 'accept' ? 'ACCEPT' : o.verdict === 'drop' ? 'DROP' : 'REJECT';
  if (!o.nat) return { ...base, verdict, packet: e.pkt, candidates: [], probabilities: [] };
  const n = applyNat(o.nat.stmt, e.pkt, ctx);
  if (!n) return { ...base, verdict: 'DROP', packet: e.pkt, candidates: [], probabilities: [] };
  if (o.nat.stmt.kind !== 'dnat')
    return {
      ...base,
      verdict,
      packet: n.pkt,
      snat: {
        to: n.to,
        kind: o.nat.stmt.kind === 'masquerade' ? 'MASQUERADE' : 'SNAT',
        ref: o.nat.ref,
      },
      candidates: [],
      probabilities: [],
    };
  const canon = canonicalEndpoint(n.to);
  const list = lb.some((c) => canonicalEndpoint(c.to) === canon) ? lb : [{ to: n.to, p: 1 }];
  return {
    ...base,
    verdict,
    packet: n.pkt,
    dnat: { to: n.to, ref: o.nat.ref },
    candidates: list.map((c) => c.to),
    probabilities: list.map((c) => c.p),
  };
}

function applyNat(
  s: NatStmt,
  p: NfPacket,
  ctx: NfContext,
): { pkt: NfPacket; to: string } | undefined {
  if (s.kind === 'masquerade') {
    const ip = ctx.masqueradeAddress(p.outIface, p.family);
    // No address on the outgoing interface: the kernel drops (nf_nat_masquerade).
    return ip === undefined ? undefined : { pkt: { ...p, srcIP: ip }, to: ip };
  }
  const ip = formatIp({ family: s.addr.family, n: s.addr.lo });
  const to = s.port !== undefined ? formatHostPort(ip, s.port) : ip;
  if (s.kind === 'snat')
    return { pkt: { ...p, srcIP: ip, ...(s.port !== undefined ? { srcPort: s.port } : {}) }, to };
  return { pkt: { ...p, dstIP: ip, ...(s.port !== undefined ? { dstPort: s.port } : {}) }, to };
}

/** The DNAT a verdict leads to, following jumps and gotos (first numgen element at each split). */
function followToDnat(
  table: Table,
  el: Element,
  e: EvalPacket,
  ctx: NfContext,
): string | undefined {
  const v = el.verdict;
  if (!v || (v.kind !== 'goto' && v.kind !== 'jump')) return undefined;
  const target = table.chains.get(v.chain);
  if (!target) return undefined;
  const copy = evalPacket(e.pkt);
  const first: PickNumgen = (els) => (els[0]?.key[0]?.kind === 'num' ? els[0].key[0].lo : 0);
  const o = walkChain(table, target, copy, ctx, first, []);
  if (o.nat?.stmt.kind !== 'dnat') return undefined;
  return applyNat(o.nat.stmt, copy.pkt, ctx)?.to;
}

/** Every endpoint a numgen map can lead to, in element order, with its odds. */
function numgenCandidates(
  table: Table,
  elements: readonly Element[],
  mod: number,
  e: EvalPacket,
  ctx: NfContext,
): { to: string; p: number }[] {
  const out: { to: string; p: number }[] = [];
  for (const el of elements) {
    const k = el.key[0];
    const width = k?.kind === 'num' ? k.hi - k.lo + 1 : 1;
    const to = followToDnat(table, el, e, ctx);
    if (to === undefined) continue;
    const prev = out.find((c) => c.to === to);
    if (prev) prev.p += width / mod;
    else out.push({ to, p: width / mod });
  }
  return out;
}

/** The numgen value: the element leading to the preferred endpoint, else the seeded dice. */
function choose(
  table: Table,
  elements: readonly Element[],
  mod: number,
  offset: number,
  e: EvalPacket,
  ctx: NfContext,
): number {
  if (ctx.preferredEndpoint !== undefined) {
    const want = canonicalEndpoint(ctx.preferredEndpoint);
    for (const el of elements) {
      const to = followToDnat(table, el, e, ctx);
      const k = el.key[0];
      if (to !== undefined && canonicalEndpoint(to) === want && k?.kind === 'num') return k.lo;
    }
  }
  return offset + Math.min(mod - 1, Math.floor(ctx.random() * mod));
}
