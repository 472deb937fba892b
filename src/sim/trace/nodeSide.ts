/**
 * A node's IP stack, in the order Linux runs it: PREROUTING (nat: kube-proxy's DNAT), the
 * routing decision, INPUT or FORWARD (filter), POSTROUTING (nat: masquerade); locally generated
 * packets go OUTPUT → POSTROUTING. Replies skip nat and are un-NATed from the conntrack entry.
 */
import { parseIp } from '../addr/ip';
import type { DerivedNode, DerivedPod, Route } from '../derive/types';
import { ids } from '../model/ids';
import { lookupRoute } from '../routing/lookup';

import { routeOverlapNote } from './overlap';
import { refusedRouteNote } from './crossSubnet';
import { gatewayOf } from './gateway';
import { routeAtRouter } from './router';
import { conntrackRecord, unDnat, unSnat } from './conntrack';
import { hostDeliver, leaveViaGateway } from './edges';
import { cniWalk } from './cniWalk';
import { wireToNode } from './links';
import {
  decidingChain,
  netfilterHops,
  runNetfilter,
  toMatched,
  type NfStep,
} from './netfilterStep';
import { checkPolicy } from './policyStep';
import { MAX_STEPS, hop, stop, type Outcome, type Pkt, type Walk } from './walk';

const isLocal = (node: DerivedNode, ip: string): boolean =>
  node.localIps.includes(ip) || /^127\./.test(ip) || ip === '::1';

/**
 * A frame arriving on the node's eth0 from the node network: the datapath may take it first (an
 * eBPF program on the NIC), else the kernel's IP stack does.
 */
export function nodeArrive(w: Walk, node: DerivedNode, pkt: Pkt): Outcome {
  return cniWalk(w.cluster).fromWire(w, node, pkt) ?? nodeInput(w, node, pkt, 'eth0');
}

/** A packet arriving on one of the node's interfaces (eth0, cni0, flannel.1, tunl0, cali…). */
export function nodeInput(
  w: Walk,
  node: DerivedNode,
  pkt: Pkt,
  inIface: string,
  fromPod?: DerivedPod,
): Outcome {
  if (++w.steps > MAX_STEPS)
    return stop('dropped', 'The walk exceeded its step limit (a routing loop?).');
  let p = pkt;
  if (w.direction === 'reply') p = unSnat(w, node, p, inIface);
  const pre = runNetfilter(w, node, 'prerouting', p, { in: inIface });
  netfilterHops(w, node, pre);
  const dropped = verdictOf(w, node, pre);
  if (dropped) return dropped;
  p = pre.pkt;
  if (pre.run.chains.some((c) => c.dnat)) conntrackRecord(w, node, pkt, p);
  if (fromPod && w.egressPending === fromPod.key) {
    const denied = checkPolicy(w, 'egress', fromPod, p, node);
    if (denied) return denied;
  }
  if (isLocal(node, p.dstIP)) {
    const f = runFilter(w, node, 'input', p, { in: inIface });
    if (f) return f;
    if (w.direction === 'reply') p = unDnat(w, node, p, inIface);
    return hostDeliver(w, node, p, inIface);
  }
  return forward(w, node, p, inIface);
}

/** A filter hook (input, forward): its hops, and the drop or reject it decided, if any. */
function runFilter(
  w: Walk,
  node: DerivedNode,
  hook: 'input' | 'forward',
  p: Pkt,
  ifaces: { in?: string; out?: string },
): Outcome | undefined {
  const step = runNetfilter(w, node, hook, p, ifaces);
  netfilterHops(w, node, step);
  return verdictOf(w, node, step);
}

function verdictOf(w: Walk, node: DerivedNode, step: NfStep): Outcome | undefined {
  const run = decidingChain(step);
  if (!run) return undefined;
  const v = run.verdict;
  const rule = run.decidedBy;
  const comment = run.comment;
  const label = step.proxy.label;
  hop(w, step.pkt, {
    kind: 'drop',
    at: ids.nodeNetfilter(node.name),
    node: node.name,
    dev: step.ifaces.out ?? step.ifaces.in,
    title: v === 'REJECT' ? `rejected by ${label}` : `dropped by ${label}`,
    rule: rule ? { source: rule.source, text: rule.text } : undefined,
    rules: rule ? toMatched(node.name, step.before.family, [rule]) : undefined,
    explain: `${rule?.chain ?? label} ${v === 'REJECT' ? 'rejects the packet (the client gets ICMP port unreachable / "connection refused")' : 'silently drops the packet'}${comment ? `: "${comment}"` : ''}.`,
  });
  return stop(
    v === 'REJECT' ? 'rejected' : 'dropped',
    `${node.name}: ${rule?.chain ?? label} ${v === 'REJECT' ? 'rejected' : 'dropped'} it${comment ? ` (${comment})` : ''}.`,
  );
}

/** Routing decision for a packet not addressed to this node, then FORWARD and POSTROUTING. */
function forward(w: Walk, node: DerivedNode, pkt: Pkt, inIface: string): Outcome {
  const dst = parseIp(pkt.dstIP);
  const m = dst.ok ? lookupRoute(node.routes, dst.value) : undefined;
  if (!m) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.nodeRoutes(node.name),
      node: node.name,
      dev: inIface,
      title: 'no route',
      explain: `${node.name}'s routing table has no route to ${pkt.dstIP}: the kernel drops it and answers ICMP "network unreachable".`,
    });
    return stop('unreachable', `${node.name} has no route to ${pkt.dstIP}.`);
  }
  if (m.route.type === 'blackhole') return blackholed(w, node, pkt, m.route.text);
  const ttl = (pkt.ttl ?? 64) - 1;
  if (ttl <= 0) {
    hop(
      w,
      { ...pkt, ttl: 0 },
      {
        kind: 'drop',
        at: ids.nodeRoutes(node.name),
        node: node.name,
        dev: inIface,
        title: 'TTL exceeded',
        rule: { source: 'ip route', text: m.route.text },
        explain: `The TTL reached 0 on ${node.name}: the kernel drops the packet and sends ICMP "time exceeded" — a routing loop.`,
      },
    );
    return stop('dropped', `TTL exceeded on ${node.name} (routing loop).`);
  }
  const p: Pkt = { ...pkt, ttl };
  hop(w, p, {
    kind: 'route',
    at: ids.nodeRoutes(node.name),
    node: node.name,
    dev: m.route.dev,
    title: `route: ${m.route.dst} ${m.route.via ? `via ${m.route.via} ` : ''}dev ${m.route.dev}`,
    rule: { source: 'ip route', text: m.route.text },
    explain: `${node.name} forwards (net.ipv4.ip_forward=1): the longest matching prefix for ${pkt.dstIP} is ${m.route.dst}, out of ${m.route.dev}${m.route.via ? ` to next hop ${m.route.via}` : ' directly'}. The TTL drops to ${ttl}.${routeOverlapNote(w, node, pkt.dstIP, m.route)}${refusedRouteNote(w, node, pkt.dstIP, m.route)}`,
  });
  const f = runFilter(w, node, 'forward', p, { in: inIface, out: m.route.dev });
  if (f) return f;
  const policed = cniWalk(w.cluster).forwarded?.(w, node, p, m.route);
  if (policed) return policed;
  return postrouting(w, node, p, m.route);
}

function postrouting(w: Walk, node: DerivedNode, pkt: Pkt, route: Route): Outcome {
  let p = pkt;
  if (w.direction === 'reply') p = unDnat(w, node, p, route.dev);
  const step = runNetfilter(w, node, 'postrouting', p, { out: route.dev });
  netfilterHops(w, node, step);
  const dropped = verdictOf(w, node, step);
  if (dropped) return dropped;
  if (step.run.chains.some((c) => c.snat)) conntrackRecord(w, node, p, step.pkt, true);
  p = step.pkt;
  return egress(w, node, p, route);
}

/** The interface a locally generated packet to `dstIP` leaves by: lo for a local address, else the route's. */
export function outputDev(node: DerivedNode, dstIP: string): string | undefined {
  if (isLocal(node, dstIP)) return 'lo';
  const dst = parseIp(dstIP);
  return dst.ok ? lookupRoute(node.routes, dst.value)?.route.dev : undefined;
}

/** A locally generated packet (a node process or a hostNetwork pod). */
export function nodeOutput(w: Walk, node: DerivedNode, pkt: Pkt): Outcome {
  let p = w.direction === 'reply' ? unSnat(w, node, pkt, outputDev(node, pkt.dstIP)) : pkt;
  // OUTPUT: nat (-100, DNAT to a Service's endpoint) then filter (0), as one hook.
  const out = runNetfilter(w, node, 'output', p, {});
  netfilterHops(w, node, out);
  const f = verdictOf(w, node, out);
  if (f) return f;
  p = out.pkt;
  if (out.run.chains.some((c) => c.dnat)) conntrackRecord(w, node, pkt, p);
  if (isLocal(node, p.dstIP)) {
    hop(w, p, {
      kind: 'loopback',
      at: ids.node(node.name),
      node: node.name,
      dev: 'lo',
      title: 'local delivery over lo',
      rule: {
        source: 'ip route show table local',
        text: `local ${p.dstIP} dev ${/^127\.|^::1$/.test(p.dstIP) ? 'lo' : 'eth0'} proto kernel scope host src ${p.dstIP}`,
      },
      explain: `${p.dstIP} is an address of ${node.name} itself, so the packet never leaves: it loops back through lo to the node's own sockets.`,
    });
    const fi = runFilter(w, node, 'input', p, { in: 'lo' });
    if (fi) return fi;
    return hostDeliver(w, node, p, 'lo');
  }
  const dst = parseIp(p.dstIP);
  const m = dst.ok ? lookupRoute(node.routes, dst.value) : undefined;
  if (!m) {
    hop(w, p, {
      kind: 'drop',
      at: ids.nodeRoutes(node.name),
      node: node.name,
      dev: 'lo',
      title: 'no route',
      explain: `${node.name} has no route to ${p.dstIP}: connect() fails with "Network is unreachable".`,
    });
    return stop('unreachable', `${node.name} has no route to ${p.dstIP}.`);
  }
  if (m.route.type === 'blackhole') return blackholed(w, node, p, m.route.text);
  hop(w, p, {
    kind: 'route',
    at: ids.nodeRoutes(node.name),
    node: node.name,
    dev: m.route.dev,
    title: `route: ${m.route.dst} ${m.route.via ? `via ${m.route.via} ` : ''}dev ${m.route.dev}`,
    rule: { source: 'ip route', text: m.route.text },
    explain: `The node's routing table sends ${p.dstIP} out of ${m.route.dev}${m.route.via ? ` via ${m.route.via}` : ''} (longest prefix ${m.route.dst}).${routeOverlapNote(w, node, p.dstIP, m.route)}${refusedRouteNote(w, node, p.dstIP, m.route)}`,
  });
  return postrouting(w, node, p, m.route);
}

/** A `blackhole` route matched: the kernel discards the packet (Calico's route for its own block). */
function blackholed(w: Walk, node: DerivedNode, pkt: Pkt, text: string): Outcome {
  hop(w, pkt, {
    kind: 'drop',
    at: ids.nodeRoutes(node.name),
    node: node.name,
    dev: 'lo',
    title: 'blackhole route',
    rule: { source: 'ip route', text },
    explain: `The longest match for ${pkt.dstIP} on ${node.name} is a blackhole route: the address lies in a block of pod addresses this node owns, but no pod here has it, so the kernel discards the packet (EINVAL for a local sender) instead of sending it anywhere.`,
  });
  return stop(
    'dropped',
    `${node.name} has no pod with ${pkt.dstIP}: its blackhole route for the block drops it.`,
  );
}

/** Hands the packet to the device the route chose: the CNI's, or eth0 to a peer or the router. */
function egress(w: Walk, node: DerivedNode, pkt: Pkt, route: Route): Outcome {
  const cni = cniWalk(w.cluster).out(w, node, pkt, route);
  if (cni) return cni;
  const via = route.via;
  const nextHop = via ?? pkt.dstIP;
  const peer = w.cluster.nodes.find((n) => n.name !== node.name && n.ips.includes(nextHop));
  if (peer) {
    const onWire = wireToNode(w, node, peer, pkt);
    return nodeArrive(w, peer, onWire);
  }
  if (via !== undefined && via === gatewayOf(node, pkt.family)) {
    const handoff = routeAtRouter(w, node, pkt, via);
    if (handoff) return nodeArrive(w, handoff.node, handoff.pkt);
  }
  return leaveViaGateway(w, node, pkt, nextHop);
}
