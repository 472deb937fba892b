/**
 * The reply's way back, computed rather than assumed: an outside host answers through the node
 * network's router (which knows the nodes' addresses but not the pod network), and the client's
 * kernel accepts a reply only when it matches the connection it opened — source and destination
 * swapped, ports included. A reply that missed the node holding the connection's NAT binding
 * (an asymmetric path) arrives from the wrong address and is refused by the client.
 */
import type { DerivedNode } from '../derive/types';
import { subnetOfNode } from '../derive/subnets';
import { ids } from '../model/ids';

import { externalEnter, isClusterInternal } from './edges';
import { gatewayOf } from './gateway';
import { nodeArrive } from './nodeSide';
import { routerPodRoute } from './router';
import { endpointText, hop, stop, type Outcome, type Pkt, type Walk } from './walk';

/** The node whose address (InternalIP or ExternalIP) `ip` is: where the router delivers it. */
function nodeOwning(w: Walk, ip: string): DerivedNode | undefined {
  return w.cluster.nodes.find((n) => n.ips.includes(ip) || n.externalIps.includes(ip));
}

/**
 * An outside host (on the node network or beyond the router) answers the request it received.
 * The answer goes to the address it saw as the source: a node's address comes back to that node;
 * a pod address goes to the default gateway, whose router has no route to the pod network.
 */
export function outsideReply(w: Walk, reply: Pkt, exitNode: DerivedNode): Outcome {
  const node = nodeOwning(w, reply.dstIP);
  const routed = node ? undefined : routerPodRoute(w, reply.dstIP);
  const to = node ?? (routed ? w.cluster.nodeByName.get(routed.node) : undefined);
  if (to)
    return nodeArrive(
      w,
      to,
      externalEnter(
        w,
        to,
        reply,
        routed
          ? `${reply.dstIP} is a pod address, and the router holds a route for ${to.name}'s pod range (${routed.dst} via ${routed.via}, cloud-routes), so the answer is routed to ${to.name}.`
          : `${reply.dstIP} is ${to.name}'s address, the source the outside host saw, so its answer is delivered to ${to.name}.`,
      ),
    );
  hop(w, reply, {
    kind: 'send',
    at: ids.external(),
    title: `${reply.srcIP} replies`,
    explain: `The outside host ${reply.srcIP} answers ${endpointText(reply.dstIP, reply.dstPort)}, the address it saw as the source.`,
  });
  const gw = gatewayOf(exitNode, reply.family) ?? 'the default gateway';
  const internal = isClusterInternal(w.cluster, reply.dstIP);
  hop(w, reply, {
    kind: 'drop',
    at: ids.external(),
    via: ids.subnetLink(subnetOfNode(w.cluster, exitNode.name)?.cidrs[0] ?? ''),
    title: 'no route back to the pod network',
    explain: `${reply.dstIP} is ${internal ? 'a pod address' : 'an address no router outside the cluster knows'}: the request left ${exitNode.name} without being masqueraded, so the outside host must send its answer to its router (${gw}), and the node network's router has no route to the cluster's pod network — the reply is dropped (with rp_filter on, the outside host already drops the request, whose source it cannot route back to). The client never gets an answer and times out. Fix: masquerade pod traffic leaving the cluster (cni.masquerade: true, as flannel and Calico do by default), or give the router a route to each node's pod range.`,
  });
  return stop(
    'dropped',
    `the outside host ${reply.srcIP} answers ${reply.dstIP}, a pod address its router cannot reach (no masquerade on ${exitNode.name}, no pod routes on the node network's router).`,
  );
}

/**
 * The reply reached the client's host: its kernel takes it only if it belongs to the connection
 * the client opened (the reply's source is where the client sent to, ports included). Otherwise
 * the TCP stack answers the stray SYN-ACK with a RST, the client keeps retrying its SYN and times
 * out; a UDP or ICMP answer from the wrong address is discarded.
 */
export function clientRefusesReply(
  w: Walk,
  pkt: Pkt,
  at: string,
  node: string | undefined,
): Outcome | undefined {
  const sent = w.sent;
  if (!sent) return undefined;
  const ports = pkt.protocol !== 'ICMP';
  const sameSrc = pkt.srcIP === sent.dstIP && (!ports || pkt.srcPort === sent.dstPort);
  const sameDst = pkt.dstIP === sent.srcIP && (!ports || pkt.dstPort === sent.srcPort);
  if (sameSrc && sameDst) return undefined;
  const got = endpointText(pkt.srcIP, ports ? pkt.srcPort : undefined);
  const want = endpointText(sent.dstIP, ports ? sent.dstPort : undefined);
  const missed = missedNatNode(w);
  const why = missed
    ? ` The request was DNATed on ${missed.node} (${want} → ${endpointText(missed.to.ip, missed.to.port)}), but the reply was routed from the server straight back to the client and never passed ${missed.node}, whose conntrack entry would have rewritten its source back: an asymmetric path, the entry stays [UNREPLIED]. Fix: masquerade the client so the reply returns through ${missed.node} — kube-proxy's clusterCIDR (KUBE-SVC marks traffic from outside the pod network for masquerade), masqueradeAll, or the CNI's masquerade.`
    : ' The reply was not un-NATed on its way back.';
  hop(w, pkt, {
    kind: 'drop',
    at,
    ...(node !== undefined ? { node } : {}),
    title: 'reply from the wrong address',
    explain: `The reply reaches the client from ${got}, but the client connected to ${want}: no socket matches, so ${pkt.protocol === 'TCP' ? 'the kernel answers it with a RST and the connect() times out' : 'the kernel discards it and the client never gets an answer'}.${why}`,
  });
  return stop(
    'dropped',
    `the client connected to ${want} but the answer comes from ${got}${missed ? ` — it never passed ${missed.node}, where the request was DNATed (asymmetric path, no masquerade)` : ''}.`,
  );
}

/** A node that DNATed the request but saw none of the reply (its conntrack entry was never used). */
function missedNatNode(
  w: Walk,
): { node: string; to: { ip: string; port?: number | undefined } } | undefined {
  for (const r of w.nat.values()) {
    if (!r.dnatTo) continue;
    const crossed = w.hops.some((h) => h.direction === 'reply' && h.node === r.node);
    if (!crossed) return { node: r.node, to: r.dnatTo };
  }
  return undefined;
}
