/**
 * A node's IP stack, in the order Linux runs it: PREROUTING (nat: kube-proxy's DNAT), the
 * routing decision, INPUT or FORWARD (filter), POSTROUTING (nat: masquerade); locally generated
 * packets go OUTPUT → POSTROUTING. Replies skip nat and are un-NATed from the conntrack entry.
 */
import { parseIp } from '../addr/ip';
import type { DerivedNode, DerivedPod } from '../derive/types';
import { ids } from '../model/ids';
import { lookupRoute } from '../routing/lookup';

import { routeOverlapNote } from './overlap';
import { refusedRouteNote } from './crossSubnet';
import { gatewayOf } from './gateway';
import { routeAtRouter } from './router';
import { conntrackRecord, unDnat, unSnat } from './conntrack';
import { hostDeliver, leaveViaGateway } from './edges';
import { decapsulate, encapsulate, wireToNode } from './links';
import {
  decidingChain,
  netfilterHops,
  runNetfilter,
  toMatched,
  type NfStep,
} from './netfilterStep';
import { checkPolicy } from './policyStep';
import { podReceive } from './podSide';
import { bridgeOut } from './bridgeOut';
import { MAX_STEPS, hop, stop, type Outcome, type Pkt, type Walk } from './walk';

const isLocal = (node: DerivedNode, ip: string): boolean =>
  node.localIps.includes(ip) || /^127\./.test(ip) || ip === '::1';

/** A packet arriving on one of the node's interfaces (cni0, eth0 or flannel.1). */
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
  if (w.direction === 'reply') p = unSnat(w, node, p);
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
    if (w.direction === 'reply') p = unDnat(w, node, p);
    return hostDeliver(w, node, p);
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
      title: 'no route',
      explain: `${node.name}'s routing table has no route to ${pkt.dstIP}: the kernel drops it and answers ICMP "network unreachable".`,
    });
    return stop('unreachable', `${node.name} has no route to ${pkt.dstIP}.`);
  }
  const ttl = (pkt.ttl ?? 64) - 1;
  if (ttl <= 0) {
    hop(
      w,
      { ...pkt, ttl: 0 },
      {
        kind: 'drop',
        at: ids.nodeRoutes(node.name),
        node: node.name,
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
    title: `route: ${m.route.dst} ${m.route.via ? `via ${m.route.via} ` : ''}dev ${m.route.dev}`,
    rule: { source: 'ip route', text: m.route.text },
    explain: `${node.name} forwards (net.ipv4.ip_forward=1): the longest matching prefix for ${pkt.dstIP} is ${m.route.dst}, out of ${m.route.dev}${m.route.via ? ` to next hop ${m.route.via}` : ' directly'}. The TTL drops to ${ttl}.${routeOverlapNote(w, node, pkt.dstIP, m.route)}${refusedRouteNote(w, node, pkt.dstIP, m.route)}`,
  });
  const f = runFilter(w, node, 'forward', p, { in: inIface, out: m.route.dev });
  if (f) return f;
  return postrouting(w, node, p, m.route.dev, m.route.via);
}

function postrouting(
  w: Walk,
  node: DerivedNode,
  pkt: Pkt,
  dev: string,
  via: string | undefined,
): Outcome {
  let p = pkt;
  if (w.direction === 'reply') p = unDnat(w, node, p);
  const step = runNetfilter(w, node, 'postrouting', p, { out: dev });
  netfilterHops(w, node, step);
  const dropped = verdictOf(w, node, step);
  if (dropped) return dropped;
  if (step.run.chains.some((c) => c.snat)) conntrackRecord(w, node, p, step.pkt, true);
  p = step.pkt;
  return egress(w, node, p, dev, via);
}

/** A locally generated packet (a node process or a hostNetwork pod). */
export function nodeOutput(w: Walk, node: DerivedNode, pkt: Pkt): Outcome {
  let p = w.direction === 'reply' ? unSnat(w, node, pkt) : pkt;
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
      title: 'local delivery over lo',
      rule: {
        source: 'ip route show table local',
        text: `local ${p.dstIP} dev ${/^127\.|^::1$/.test(p.dstIP) ? 'lo' : 'eth0'} proto kernel scope host src ${p.dstIP}`,
      },
      explain: `${p.dstIP} is an address of ${node.name} itself, so the packet never leaves: it loops back through lo to the node's own sockets.`,
    });
    const fi = runFilter(w, node, 'input', p, { in: 'lo' });
    if (fi) return fi;
    return hostDeliver(w, node, p);
  }
  const dst = parseIp(p.dstIP);
  const m = dst.ok ? lookupRoute(node.routes, dst.value) : undefined;
  if (!m) {
    hop(w, p, {
      kind: 'drop',
      at: ids.nodeRoutes(node.name),
      node: node.name,
      title: 'no route',
      explain: `${node.name} has no route to ${p.dstIP}: connect() fails with "Network is unreachable".`,
    });
    return stop('unreachable', `${node.name} has no route to ${p.dstIP}.`);
  }
  hop(w, p, {
    kind: 'route',
    at: ids.nodeRoutes(node.name),
    node: node.name,
    title: `route: ${m.route.dst} ${m.route.via ? `via ${m.route.via} ` : ''}dev ${m.route.dev}`,
    rule: { source: 'ip route', text: m.route.text },
    explain: `The node's routing table sends ${p.dstIP} out of ${m.route.dev}${m.route.via ? ` via ${m.route.via}` : ''} (longest prefix ${m.route.dst}).${routeOverlapNote(w, node, p.dstIP, m.route)}${refusedRouteNote(w, node, p.dstIP, m.route)}`,
  });
  return postrouting(w, node, p, m.route.dev, m.route.via);
}

/** Hands the packet to the device the route chose. */
function egress(
  w: Walk,
  node: DerivedNode,
  pkt: Pkt,
  dev: string,
  via: string | undefined,
): Outcome {
  if (dev === 'cni0') {
    const pod = bridgeOut(w, node, pkt);
    if (!pod)
      return stop(
        'unreachable',
        `No pod on ${node.name} has ${pkt.dstIP}: ARP on cni0 gets no answer.`,
      );
    return podReceive(w, node, pod, { ...pkt, srcMAC: node.bridge.mac, dstMAC: pod.eth0?.mac });
  }
  if (dev === 'flannel.1') {
    const route = node.routes.find((r) => r.dev === 'flannel.1' && r.via === via);
    if (!route)
      return stop('unreachable', `flannel.1 on ${node.name} has no route for ${pkt.dstIP}.`);
    const e = encapsulate(w, node, route, pkt);
    if ('verdict' in e) return e;
    const out = outerToPeer(w, node, e.peer, e.pkt);
    if ('verdict' in out) return out;
    return nodeInput(w, out.node, decapsulate(w, out.node, out.pkt), 'flannel.1');
  }
  const nextHop = via ?? pkt.dstIP;
  const peer = w.cluster.nodes.find((n) => n.name !== node.name && n.ips.includes(nextHop));
  if (peer) {
    const onWire = wireToNode(w, node, peer, pkt);
    return nodeInput(w, peer, onWire, 'eth0');
  }
  if (via !== undefined && via === gatewayOf(node, pkt.family)) {
    const handoff = routeAtRouter(w, node, pkt, via);
    if (handoff) return nodeInput(w, handoff.node, handoff.pkt, 'eth0');
  }
  return leaveViaGateway(w, node, pkt, nextHop);
}

/**
 * The VXLAN datagram leaves by the node's own routing table (flannel only names the peer's
 * address): straight to the peer on a shared subnet, or via the default gateway to another.
 */
function outerToPeer(
  w: Walk,
  node: DerivedNode,
  peer: DerivedNode,
  pkt: Pkt,
): { readonly node: DerivedNode; readonly pkt: Pkt } | Outcome {
  const outerDst = pkt.outer?.dstIP ?? peer.ips[0] ?? '';
  const d = parseIp(outerDst);
  const m = d.ok ? lookupRoute(node.routes, d.value) : undefined;
  if (!m || m.route.via === undefined || m.route.dev !== 'eth0')
    return { node: peer, pkt: wireToNode(w, node, peer, pkt) };
  hop(w, pkt, {
    kind: 'route',
    at: ids.nodeRoutes(node.name),
    node: node.name,
    title: `outer header: ${m.route.dst} via ${m.route.via} dev eth0`,
    rule: { source: 'ip route', text: m.route.text },
    explain: `The VXLAN datagram to ${outerDst} is routed like any packet ${node.name} sends: ${peer.name} is not on a subnet ${node.name} is connected to, so the outer header follows ${m.route.dst === 'default' ? 'the default route' : m.route.dst} to the router ${m.route.via}. An overlay only needs the nodes' addresses to reach each other, through routers or not.`,
  });
  const handoff = routeAtRouter(w, node, pkt, m.route.via);
  if (handoff) return handoff;
  return leaveViaGateway(w, node, pkt, m.route.via);
}
