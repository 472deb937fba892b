/**
 * conntrack: the first packet of a connection that is NATed leaves an entry on that node with
 * the original and the expected reply tuple. Replies are matched against it: the SNAT is undone
 * in PREROUTING (destination rewritten back) and the DNAT in POSTROUTING/INPUT (source rewritten
 * back), exactly where nf_nat applies the inverse manipulation.
 */
import type { DerivedNode } from '../derive/types';
import { ids } from '../model/ids';

import { endpointText, hop, type NatRecord, type Pkt, type Walk } from './walk';

/** Records (or extends) this node's NAT binding for the connection. */
export function conntrackRecord(
  w: Walk,
  node: DerivedNode,
  before: Pkt,
  after: Pkt,
  snat = false,
): void {
  const prev = w.nat.get(node.name);
  const orig = prev?.orig ?? {
    src: before.srcIP,
    sport: before.srcPort,
    dst: before.dstIP,
    dport: before.dstPort,
  };
  const dnatTo = snat ? prev?.dnatTo : { ip: after.dstIP, port: after.dstPort };
  const snatTo = snat ? { ip: after.srcIP, port: after.srcPort } : prev?.snatTo;
  const rec = { node: node.name, orig, dnatTo, snatTo };
  w.nat.set(node.name, { ...rec, text: conntrackText(before, rec) });
}

/** The entry as `conntrack -L` prints it. */
function conntrackText(pkt: Pkt, r: Omit<NatRecord, 'text'>): string {
  const proto = pkt.protocol.toLowerCase();
  const num = { tcp: 6, udp: 17, sctp: 132, icmp: 1 }[proto] ?? 0;
  const replySrc = r.dnatTo?.ip ?? r.orig.dst;
  const replySport = r.dnatTo?.port ?? r.orig.dport;
  const replyDst = r.snatTo?.ip ?? r.orig.src;
  const replyDport = r.snatTo?.port ?? r.orig.sport;
  const ports = (s?: number, d?: number): string =>
    s !== undefined && d !== undefined ? ` sport=${s} dport=${d}` : '';
  const state = proto === 'tcp' ? ' SYN_SENT' : '';
  const timeout = proto === 'tcp' ? 120 : 30;
  return `${proto.padEnd(8)} ${num} ${timeout}${state} src=${r.orig.src} dst=${r.orig.dst}${ports(r.orig.sport, r.orig.dport)} [UNREPLIED] src=${replySrc} dst=${replyDst}${ports(replySport, replyDport)} mark=0 use=1`;
}

/** Reply at PREROUTING: undo the SNAT (the reply is addressed to the masquerade address). */
export function unSnat(w: Walk, node: DerivedNode, pkt: Pkt, dev?: string): Pkt {
  const r = w.nat.get(node.name);
  if (
    !r?.snatTo ||
    pkt.dstIP !== r.snatTo.ip ||
    (r.snatTo.port !== undefined && pkt.dstPort !== r.snatTo.port)
  )
    return pkt;
  const out: Pkt = {
    ...pkt,
    dstIP: r.orig.src,
    ...(r.orig.sport !== undefined ? { dstPort: r.orig.sport } : {}),
  };
  hop(w, out, {
    kind: 'unnat',
    at: ids.nodeNetfilter(node.name),
    node: node.name,
    dev,
    title: `un-SNAT → ${endpointText(out.dstIP, out.dstPort)}`,
    rule: { source: 'conntrack -L', text: r.text },
    explain: `The reply is addressed to ${endpointText(pkt.dstIP, pkt.dstPort)}, the address the request was masqueraded to. conntrack finds the connection's entry and rewrites the destination back to the original client ${endpointText(out.dstIP, out.dstPort)}.`,
  });
  return out;
}

/** Reply at POSTROUTING (or INPUT for a local client): undo the DNAT (source back to the VIP). */
export function unDnat(w: Walk, node: DerivedNode, pkt: Pkt, dev?: string): Pkt {
  const r = w.nat.get(node.name);
  if (
    !r?.dnatTo ||
    pkt.srcIP !== r.dnatTo.ip ||
    (r.dnatTo.port !== undefined && pkt.srcPort !== r.dnatTo.port)
  )
    return pkt;
  const out: Pkt = {
    ...pkt,
    srcIP: r.orig.dst,
    ...(r.orig.dport !== undefined ? { srcPort: r.orig.dport } : {}),
  };
  hop(w, out, {
    kind: 'unnat',
    at: ids.nodeNetfilter(node.name),
    node: node.name,
    dev,
    title: `un-DNAT ${endpointText(pkt.srcIP, pkt.srcPort)} → ${endpointText(out.srcIP, out.srcPort)}`,
    rule: { source: 'conntrack -L', text: r.text },
    explain: `conntrack matches the reply to the connection's entry and rewrites its source from the backend ${endpointText(pkt.srcIP, pkt.srcPort)} back to ${endpointText(out.srcIP, out.srcPort)} — the address the client connected to — so the client accepts it.`,
  });
  return out;
}
