/**
 * A tunnelled packet's outer header leaves by the node's own routing table (the CNI only names
 * the peer's address): straight to the peer on a shared subnet, or via the default gateway — the
 * router — to another. An overlay only needs the nodes' addresses to reach each other.
 */
import { parseIp } from '../addr/ip';
import type { DerivedNode } from '../derive/types';
import { ids } from '../model/ids';
import { lookupRoute } from '../routing/lookup';

import { leaveViaGateway } from './edges';
import { wireToNode } from './links';
import { routeAtRouter } from './router';
import { hop, type Outcome, type Pkt, type Walk } from './walk';

/** Carries the outer packet from `node` to `peer` (or ends the walk where it is lost). */
export function outerToPeer(
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
    dev: 'eth0',
    title: `outer header: ${m.route.dst} via ${m.route.via} dev eth0`,
    rule: { source: 'ip route', text: m.route.text },
    explain: `The tunnel packet to ${outerDst} is routed like any packet ${node.name} sends: ${peer.name} is not on a subnet ${node.name} is connected to, so the outer header follows ${m.route.dst === 'default' ? 'the default route' : m.route.dst} to the router ${m.route.via}. An overlay only needs the nodes' addresses to reach each other, through routers or not.`,
  });
  const handoff = routeAtRouter(w, node, pkt, m.route.via);
  if (handoff) return handoff;
  return leaveViaGateway(w, node, pkt, m.route.via);
}
