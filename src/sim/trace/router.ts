/**
 * The router that joins the node subnets (every node's default gateway). It knows each subnet it
 * sits on (connected routes) and, under `cloud-routes`, one route per node pod range that the
 * cloud's route controller wrote; for anything else it is the way out of the cluster (edges.ts).
 * Tunnelled packets are routed by their outer header.
 */
import { cidrContainsIp, parseCidr } from '../addr/cidr';
import { parseIp } from '../addr/ip';
import type { RouterPodRoute } from '../cni/cloudRoutes';
import { blockOf, subnetOfNode } from '../derive/subnets';
import type { DerivedNode, DerivedSubnet } from '../derive/types';
import { ids } from '../model/ids';

import { hop, type Pkt, type Walk } from './walk';

/** Where the router sends a packet inside the cluster: a node, and the packet as it arrives. */
export interface RouterHandoff {
  readonly node: DerivedNode;
  readonly pkt: Pkt;
}

const busOf = (w: Walk, n: DerivedNode): string =>
  subnetOfNode(w.cluster, n.name)?.id ?? w.cluster.subnets[0]?.id ?? ids.router();

/** The address the router routes the packet by: the outer header's while tunnelled. */
export const routedDst = (pkt: Pkt): string => pkt.outer?.dstIP ?? pkt.dstIP;

/**
 * The router's decision for a packet `from` sent to its gateway address: a node (its address, or
 * a pod range the router holds a route for), or undefined when the destination is not a node's —
 * then edges.ts takes it out of the cluster or drops it there.
 */
export function routeAtRouter(
  w: Walk,
  from: DerivedNode,
  pkt: Pkt,
  gateway: string,
): RouterHandoff | undefined {
  const dst = routedDst(pkt);
  const target = w.cluster.nodes.find((n) => n.ips.includes(dst) || n.externalIps.includes(dst));
  const podRoute = target ? undefined : routerPodRoute(w, dst);
  const to = target ?? (podRoute ? w.cluster.nodeByName.get(podRoute.node) : undefined);
  if (!to || to.name === from.name) return undefined;
  const inSub = subnetOfNode(w.cluster, from.name);
  const outSub = subnetOfNode(w.cluster, to.name);
  const outBlock = blockOf(w.cluster.subnets, to.ips[0] ?? '');
  const toRouter = rewrite(pkt, from.eth0.mac, inSub?.routerMac, false);
  hop(w, toRouter, {
    kind: 'wire',
    at: busOf(w, from),
    via: ids.nodeLink(from.name),
    node: from.name,
    title: `${from.name} eth0 → router ${gateway}`,
    rule: {
      source: 'ip neigh',
      text: `${gateway} dev eth0 lladdr ${inSub?.routerMac ?? ''} REACHABLE`,
    },
    explain: `${from.name} sends the frame to its default gateway ${gateway}, the router on ${subnetText(inSub)} (the MAC ARP found for ${gateway}).${pkt.outer ? ` Only the outer header (${pkt.outer.srcIP} → ${pkt.outer.dstIP}, UDP ${pkt.outer.dstPort ?? ''}) matters to the router; the pod packet rides inside unchanged.` : ''}`,
  });
  const routed = rewrite(pkt, outSub?.routerMac, to.eth0.mac, true);
  const rule = podRoute
    ? `${podRoute.dst} via ${podRoute.via}`
    : connectedRouteText(
        w,
        outSub,
        outBlock ? (outBlock.subnet.cidrs.find((c) => sameFamily(c, dst)) ?? dst) : dst,
      );
  hop(w, routed, {
    kind: 'route',
    at: ids.router(),
    node: from.name,
    title: podRoute
      ? `router: ${podRoute.dst} via ${podRoute.via}`
      : `router: ${dst} is on ${subnetText(outSub)}`,
    rule: { source: podRoute ? 'router (cloud route table)' : 'router', text: rule },
    explain: podRoute
      ? `The router holds a route for ${to.name}'s pod range ${podRoute.dst} via ${podRoute.via} — the cloud's route controller writes one per node (cloud-routes, as kubenet on a cloud route table and GKE routes-based clusters do) — so it forwards the packet to ${to.name}. The TTL drops by one.`
      : `${dst} is on ${subnetText(outSub)}, a subnet the router is connected to${inSub && outSub && inSub.id !== outSub.id ? ` (the packet came from ${subnetText(inSub)}: the router joins the subnets)` : ''}, so it forwards the frame there. The TTL drops by one.`,
  });
  hop(w, routed, {
    kind: 'wire',
    at: ids.nodeEth0(to.name),
    via: ids.nodeLink(to.name),
    node: to.name,
    title: `router → ${to.name} eth0`,
    explain: `The router delivers the frame on ${subnetText(outSub)} to ${to.name}'s MAC (${to.eth0.mac}); ${to.name}'s eth0 (${to.ips[0] ?? ''}) receives it${pkt.outer ? ': a UDP datagram to the VXLAN port' : ''}.`,
  });
  return { node: to, pkt: routed };
}

/** The pod route the router holds for `dst` (cloud-routes), if any. */
export function routerPodRoute(w: Walk, dst: string): RouterPodRoute | undefined {
  const a = parseIp(dst);
  if (!a.ok) return undefined;
  return w.cluster.router.podRoutes.find((r) => {
    const c = parseCidr(r.dst);
    return c.ok && cidrContainsIp(c.value, a.value);
  });
}

const sameFamily = (cidr: string, ip: string): boolean => cidr.includes(':') === ip.includes(':');

function subnetText(s: DerivedSubnet | undefined): string {
  return s ? `subnet ${s.cidrs.join(',')}` : 'its subnet';
}

/** New link-layer addresses (outer frame while tunnelled); `routed` also takes one off the TTL. */
function rewrite(
  pkt: Pkt,
  srcMAC: string | undefined,
  dstMAC: string | undefined,
  routed: boolean,
): Pkt {
  if (pkt.outer) {
    const ttl = pkt.outer.ttl;
    return {
      ...pkt,
      outer: {
        ...pkt.outer,
        ...(srcMAC !== undefined ? { srcMAC } : {}),
        ...(dstMAC !== undefined ? { dstMAC } : {}),
        ...(routed && ttl !== undefined ? { ttl: ttl - 1 } : {}),
      },
    };
  }
  const ttl = pkt.ttl;
  return { ...pkt, srcMAC, dstMAC, ...(routed && ttl !== undefined ? { ttl: ttl - 1 } : {}) };
}

/**
 * The router's connected route to a subnet as `ip route` prints it: its interface on subnet i is
 * `net<i>` (the names the router's table and the Linux lab use), with its gateway address as src.
 */
function connectedRouteText(w: Walk, sub: DerivedSubnet | undefined, cidr: string): string {
  const i = sub ? w.cluster.subnets.indexOf(sub) : -1;
  const j = sub ? sub.cidrs.indexOf(cidr) : -1;
  const gw = sub && j >= 0 ? (sub.gateways[j] ?? '') : '';
  return `${cidr} dev net${Math.max(i, 0)} proto kernel scope link${gw ? ` src ${gw}` : ''}`;
}
