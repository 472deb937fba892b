/**
 * What an overlapping address plan does to a packet, told at the hop where it happens:
 * - a Service range overlapping the pod network: kube-proxy's DNAT (nat PREROUTING/OUTPUT, before
 *   routing) captures a packet meant for a pod whose IP is also a ClusterIP;
 * - a node network overlapping the pod network: eth0's connected route (`proto kernel scope link`)
 *   takes a pod address — it refuses the CNI's route for the same prefix ("File exists") or sits
 *   ahead of cni0's connected route — so the lookup picks eth0 and the node ARPs on the wrong wire.
 */
import { cidrContainsIp, parseCidr } from '../addr/cidr';
import { parseIp } from '../addr/ip';
import type { DerivedNode, DerivedPod, Route } from '../derive/types';

import type { Walk } from './walk';

/** The pod (not host-network) that has `ip`, if any. */
export function podWithIp(w: Walk, ip: string): DerivedPod | undefined {
  for (const o of w.cluster.ipOwners.get(ip) ?? [])
    if (o.kind === 'pod') return w.cluster.podByKey.get(o.key);
  return undefined;
}

/** The configured range (pod network, service range) that contains `ip`, as text. */
function rangeOf(ranges: readonly string[], ip: string): string | undefined {
  const a = parseIp(ip);
  if (!a.ok) return undefined;
  return ranges.find((t) => {
    const c = parseCidr(t);
    return c.ok && cidrContainsIp(c.value, a.value);
  });
}

/** At a Service DNAT: the destination was also a pod's address, which now never gets it. */
export function dnatCaptureNote(w: Walk, vip: string, service: string | undefined): string {
  const pod = podWithIp(w, vip);
  if (!pod) return '';
  const svcRange = rangeOf(w.cluster.parsed.serviceSubnets, vip);
  const podRange = rangeOf(w.cluster.parsed.podSubnets, vip);
  const ranges =
    svcRange && podRange
      ? ` — the Service range ${svcRange} overlaps the pod network ${podRange}`
      : '';
  return ` Address-plan overlap: ${vip} is also the IP of pod ${pod.key}${ranges}. kube-proxy's DNAT runs in the nat table before the routing decision, so traffic meant for ${pod.name} goes to ${service ? `Service ${service}'s` : 'the Service'} endpoints instead and can never reach the pod.`;
}

/** True for eth0's connected route: "on the node network itself", no next hop. */
export function isNodeNetworkRoute(route: Route): boolean {
  return route.dev === 'eth0' && route.via === undefined && route.dst !== 'default';
}

/**
 * At a node's route lookup: the route chose eth0 on-link for an address in the pod network.
 * Empty when the route is the right one.
 */
export function routeOverlapNote(w: Walk, node: DerivedNode, dstIP: string, route: Route): string {
  if (!isNodeNetworkRoute(route)) return '';
  const podNet = rangeOf(w.cluster.parsed.podSubnets, dstIP);
  if (!podNet) return '';
  const pod = podWithIp(w, dstIP);
  const who = pod
    ? `pod ${pod.key}'s IP${pod.nodeName ? ` (on ${pod.nodeName})` : ''}`
    : 'an address';
  const head = ` Address-plan overlap: ${dstIP} is ${who} in the pod network ${podNet}, but it is also inside the node network ${route.dst}, so eth0's connected route (on-link: no next hop) takes it.`;
  if (pod?.nodeName === node.name) {
    const bridgeRoute = node.routes.find((r) => r.dev === 'cni0' && r.dst === route.dst);
    return `${head} The lookup picks the wrong device: ${bridgeRoute ? `cni0's route for the same prefix (${bridgeRoute.text}) comes second — eth0's was added first, at boot, and the kernel uses the first.` : `cni0's route to the pod is shadowed by it.`}`;
  }
  const refused = node.rejectedRoutes.find((x) => {
    if (x.existing === undefined) return false;
    const c = parseCidr(x.route.dst);
    const a = parseIp(dstIP);
    return c.ok && a.ok && cidrContainsIp(c.value, a.value);
  });
  if (refused)
    return `${head} The CNI's route \`${refused.route.text}\` was never installed (${refused.error}), so instead of going to ${refused.route.via ?? 'the other node'} the packet is looked for on the node network itself.`;
  return `${head} It is more specific than the route to the pod's node, so the packet is looked for on the node network itself.`;
}

/** At an unanswered ARP: why no host on that wire has the address. */
export function arpOverlapNote(w: Walk, ip: string, wire: string): string {
  const pod = podWithIp(w, ip);
  if (pod)
    return ` ${ip} belongs to pod ${pod.key}, which sits behind ${pod.nodeName ?? 'its node'}'s cni0, not on ${wire}; nodes do not answer ARP for their pods (proxy_arp is off).`;
  for (const o of w.cluster.ipOwners.get(ip) ?? [])
    if (o.kind === 'node')
      return ` ${ip} is node ${o.name}'s address on the node network, but this pod's subnet contains it, so the pod looks for it on its own bridge — the node network overlaps the pod range.`;
  return '';
}
