/**
 * What crossing subnets does to direct node routes, told where it shows: a host-gw route to a
 * node on another subnet was refused by the kernel (its next hop is on no connected subnet), so
 * pod traffic for that node follows the default route to the router instead.
 */
import { cidrContainsIp, parseCidr } from '../addr/cidr';
import { parseIp } from '../addr/ip';
import { subnetOfNode } from '../derive/subnets';
import type { DerivedNode, RejectedRoute, Route } from '../derive/types';

import type { Walk } from './walk';

/** The route the CNI wanted for `dst` but the kernel refused for its next hop, if any. */
export function refusedNexthopRoute(node: DerivedNode, dst: string): RejectedRoute | undefined {
  const a = parseIp(dst);
  if (!a.ok) return undefined;
  return node.rejectedRoutes.find((x) => {
    if (x.existing !== undefined) return false;
    const c = parseCidr(x.route.dst);
    return c.ok && cidrContainsIp(c.value, a.value);
  });
}

/** The node that owns the refused route's next hop. */
function peerOf(w: Walk, x: RejectedRoute): DerivedNode | undefined {
  return w.cluster.nodes.find((n) => x.route.via !== undefined && n.ips.includes(x.route.via));
}

const subnetText = (w: Walk, n: DerivedNode | undefined): string =>
  n ? (subnetOfNode(w.cluster, n.name)?.cidrs.join(',') ?? 'its own subnet') : 'another subnet';

/** At a route hop that matched the default route: the direct route that should have matched. */
export function refusedRouteNote(w: Walk, node: DerivedNode, dst: string, route: Route): string {
  if (route.dst !== 'default') return '';
  const x = refusedNexthopRoute(node, dst);
  if (!x) return '';
  const peer = peerOf(w, x);
  return ` Nodes on different subnets: the CNI's route \`${x.route.text}\` is not in the table — the kernel refused it ("${x.error.replace(/^Error: /, '').replace(/\.$/, '')}") because ${x.route.via ?? 'its next hop'}${peer ? ` (${peer.name}, on ${subnetText(w, peer)})` : ''} is on no subnet ${node.name} is connected to (${subnetText(w, node)}). So ${dst} takes the default route to the router.`;
}

/** At the router's drop: why a pod address came to a router that has no pod routes. */
export function routerDropNote(w: Walk, node: DerivedNode, dst: string): string {
  const x = refusedNexthopRoute(node, dst);
  if (!x) return '';
  const peer = peerOf(w, x);
  return ` ${node.name}'s direct route to ${x.route.dst} via ${x.route.via ?? ''} was refused (${peer?.name ?? 'that node'} is on ${subnetText(w, peer)}, ${node.name} on ${subnetText(w, node)}): host-gw routes only work between nodes on one subnet. Use an overlay (VXLAN), or have the router hold the pod routes (CNI mode cloud-routes).`;
}
