/**
 * Where a walk meets the world outside the pods: a node's own sockets (kubelet, kube-proxy,
 * hostNetwork pods), the node network's gateway to outside hosts, and outside clients entering
 * through a node's eth0.
 */
import { cidrContainsIp, parseCidr } from '../addr/cidr';
import { parseIp } from '../addr/ip';
import type { Cluster, DerivedNode, DerivedService } from '../derive/types';
import { subnetOfNode } from '../derive/subnets';
import { ids } from '../model/ids';

import { refusedNexthopRoute, routerDropNote } from './crossSubnet';
import { gatewayOf } from './gateway';
import { arpOverlapNote } from './overlap';
import { clientRefusesReply } from './replyPath';
import { serviceLbWords } from './serviceLb';
import {
  endpointText,
  hop,
  replyArrivedText,
  stop,
  type Outcome,
  type Pkt,
  type Walk,
} from './walk';

export interface HostListener {
  readonly port: number;
  readonly protocol: string;
  readonly who: string;
  readonly at: string;
}

/** Sockets on a node: kubelet, kube-proxy's healthz and health-check node ports, sshd, hostNetwork pods. */
export function hostListeners(cluster: Cluster, node: DerivedNode): HostListener[] {
  const lb = serviceLbWords(cluster);
  const list: HostListener[] = [
    { port: 22, protocol: 'TCP', who: 'sshd', at: ids.node(node.name) },
    { port: 10250, protocol: 'TCP', who: 'kubelet (API)', at: ids.node(node.name) },
  ];
  // kube-proxy's healthz; with kube-proxy replaced nothing serves it (Cilium only when
  // kube-proxy-replacement-healthz-bind-address is set, which is off by default).
  if (cluster.datapath.profile.kubeProxy)
    list.push({
      port: 10256,
      protocol: 'TCP',
      who: 'kube-proxy (healthz)',
      at: ids.nodeNetfilter(node.name),
    });
  for (const s of cluster.services)
    if (s.healthCheckNodePort !== undefined)
      list.push({
        port: s.healthCheckNodePort,
        protocol: 'TCP',
        who: `${lb.actor}'s health check for ${s.key}`,
        at: ids.nodeNetfilter(node.name),
      });
  for (const key of node.podKeys) {
    const p = cluster.podByKey.get(key);
    if (!p?.hostNetwork) continue;
    for (const port of p.ports)
      list.push({
        port: port.port,
        protocol: port.protocol,
        who: `${p.key} (hostNetwork) container ${port.container}`,
        at: ids.container(p.key, port.container),
      });
  }
  return list;
}

/** The packet reached a socket address of the node itself. */
export function hostDeliver(w: Walk, node: DerivedNode, pkt: Pkt, dev?: string): Outcome {
  if (w.direction === 'reply') {
    const refused = clientRefusesReply(w, pkt, w.clientAt ?? ids.node(node.name), node.name);
    if (refused) return refused;
    hop(w, pkt, {
      kind: 'deliver',
      at: w.clientAt ?? ids.node(node.name),
      node: node.name,
      dev,
      title: `back at ${node.name}`,
      explain: `The reply reaches the client socket on ${node.name}: ${replyArrivedText(pkt.protocol)}.`,
    });
    return stop('delivered', 'reply delivered');
  }
  if (pkt.protocol === 'ICMP') {
    hop(w, pkt, {
      kind: 'deliver',
      at: ids.node(node.name),
      node: node.name,
      dev,
      title: `${node.name} answers`,
      explain: `${node.name}'s kernel answers the ICMP echo request itself.`,
    });
    w.delivered = { at: 'node', name: node.name, packet: pkt };
    return stop('delivered', `Delivered to ${node.name}.`);
  }
  const l = hostListeners(w.cluster, node).find(
    (x) => x.port === pkt.dstPort && x.protocol === pkt.protocol,
  );
  if (!l) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.node(node.name),
      node: node.name,
      dev,
      title: pkt.protocol === 'TCP' ? 'connection refused (RST)' : 'port unreachable',
      explain: `Nothing on ${node.name} listens on ${pkt.protocol} ${pkt.dstPort ?? ''} (known: sshd 22, kubelet 10250${w.cluster.datapath.profile.kubeProxy ? ', kube-proxy 10256' : ''}, health-check node ports and hostNetwork pods' ports), so the kernel refuses the connection.`,
    });
    return stop(
      'rejected',
      `Nothing on ${node.name} listens on ${pkt.protocol} port ${pkt.dstPort ?? ''}: connection refused.`,
    );
  }
  hop(w, pkt, {
    kind: 'deliver',
    at: l.at,
    node: node.name,
    dev,
    title: `delivered to ${l.who}`,
    explain: `Delivered to ${l.who} on ${node.name}, listening on ${l.port}/${l.protocol}. It sees the client as ${endpointText(pkt.srcIP, pkt.srcPort)}.`,
  });
  w.delivered = { at: 'node', name: node.name, packet: pkt };
  return stop('delivered', `Delivered to ${l.who} on ${node.name}.`);
}

/** Is this an address the cluster routes internally (pod network or service range)? */
export function isClusterInternal(cluster: Cluster, ipText: string): boolean {
  const a = parseIp(ipText);
  if (!a.ok) return false;
  for (const t of [...cluster.parsed.podSubnets, ...cluster.parsed.serviceSubnets]) {
    const c = parseCidr(t);
    if (c.ok && cidrContainsIp(c.value, a.value)) return true;
  }
  return false;
}

/** The Service whose ClusterIP this is (external and LB addresses are real, routed addresses). */
function serviceOwning(w: Walk, ip: string): DerivedService | undefined {
  for (const o of w.cluster.ipOwners.get(ip) ?? [])
    if (o.kind === 'service' && o.role === 'clusterIP') return w.cluster.serviceByKey.get(o.key);
  return undefined;
}

/** Out of eth0 to something that is not a node: the gateway (outside world) or a host on the node network. */
export function leaveViaGateway(w: Walk, node: DerivedNode, routed: Pkt, nextHop: string): Outcome {
  const gw = gatewayOf(node);
  // The frame leaves eth0 from this node's MAC; the gateway's (or outside host's) MAC is not modelled.
  const pkt: Pkt = { ...routed, srcMAC: node.eth0.mac, dstMAC: undefined };
  const viaGw = nextHop === gw;
  if (!viaGw && nextHop === pkt.dstIP && isClusterInternal(w.cluster, pkt.dstIP)) {
    // An on-link route on eth0 for a cluster address: only an overlapping node network does this.
    hop(w, pkt, {
      kind: 'drop',
      at: ids.nodeEth0(node.name),
      node: node.name,
      title: `ARP for ${pkt.dstIP} on eth0 gets no answer`,
      explain: `The route says ${pkt.dstIP} is on the node network itself, so ${node.name} ARPs for it on eth0 ("who-has ${pkt.dstIP}").${arpOverlapNote(w, pkt.dstIP, 'the node network')} No host answers, and after the ARP timeout the kernel drops the packet with "No route to host" (EHOSTUNREACH).`,
    });
    return stop(
      'unreachable',
      `${node.name} ARPs for ${pkt.dstIP} on eth0 and nobody answers: the node network overlaps the cluster's address ranges, so its connected route took a cluster address.`,
    );
  }
  const svc = serviceOwning(w, pkt.dstIP);
  if (svc) {
    // kube-proxy's rules matched nothing (another port or protocol, or ping): a ClusterIP is only
    // DNAT rules for its ports — no interface has it, so the packet follows the default route.
    const ports = svc.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'none';
    const lb = serviceLbWords(w.cluster);
    hop(w, pkt, {
      kind: 'drop',
      at: ids.external(),
      via: ids.nodeLink(node.name),
      node: node.name,
      dev: 'eth0',
      netns: `node/${node.name}`,
      title: `no ${lb.rule} for ${pkt.protocol}${pkt.dstPort !== undefined ? ` ${pkt.dstPort}` : ''}`,
      explain: `${pkt.dstIP} is Service ${svc.key}'s address, but a Service address exists only as ${lb.rules} for its ports (${ports}); ${pkt.protocol === 'ICMP' ? 'there is none for ICMP, so a ClusterIP does not answer ping (in iptables mode)' : `none matches ${pkt.protocol} ${pkt.dstPort ?? ''}`}. No interface owns the address, so ${node.name} routes the packet by its default route to ${gw ?? nextHop}, and that router knows nothing of the Service range: the packet is lost.`,
    });
    return stop(
      'unreachable',
      `No ${lb.rule} for ${pkt.protocol}${pkt.dstPort !== undefined ? ` port ${pkt.dstPort}` : ''} on ${svc.key} (ports: ${ports}); the packet left by the default route and was lost.`,
    );
  }
  if (
    isClusterInternal(w.cluster, pkt.dstIP) &&
    !(w.cluster.ipOwners.get(pkt.dstIP) ?? []).length
  ) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.external(),
      via: ids.nodeLink(node.name),
      node: node.name,
      dev: 'eth0',
      netns: `node/${node.name}`,
      title: 'the router has no route',
      explain: `${node.name} has no route of its own for ${pkt.dstIP}, so it goes to the default gateway ${gw ?? nextHop}. That router knows nothing about ${pkt.dstIP} (an address inside the cluster's pod or service range that no node owns) and drops it.`,
    });
    return stop(
      'unreachable',
      `No node owns ${pkt.dstIP}; the node network's router (${gw ?? nextHop}) has no route for it.`,
    );
  }
  if (isClusterInternal(w.cluster, pkt.dstIP)) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.external(),
      via: ids.nodeLink(node.name),
      node: node.name,
      dev: 'eth0',
      netns: `node/${node.name}`,
      title: 'the router has no pod routes',
      explain: `${node.name} has no route for ${pkt.dstIP} other than its default route, so it goes to the gateway ${gw ?? nextHop}; the node network's router has no routes to the pod network and drops it.${routerDropNote(w, node, pkt.dstIP)}`,
    });
    const refused = refusedNexthopRoute(node, pkt.dstIP);
    return stop(
      'unreachable',
      refused
        ? `${node.name}'s route to ${refused.route.dst} via ${refused.route.via ?? ''} was refused (next hop on another subnet), so ${pkt.dstIP} went to the default gateway ${gw ?? nextHop}, and that router has no routes to the pod network: dropped.`
        : `${node.name} has no route for ${pkt.dstIP}; the default gateway cannot reach the pod network.`,
    );
  }
  hop(w, pkt, {
    kind: 'wire',
    at: ids.external(),
    via: ids.subnetLink(subnetOfNode(w.cluster, node.name)?.cidrs[0] ?? ''),
    node: node.name,
    dev: 'eth0',
    netns: `node/${node.name}`,
    title: viaGw ? `out via gateway ${nextHop}` : `to ${nextHop} on the node network`,
    explain: viaGw
      ? `${node.name} sends it to the default gateway ${nextHop}, which routes it towards ${pkt.dstIP} outside the cluster.`
      : `${pkt.dstIP} is a host on the node network: ${node.name} delivers the frame to it directly.`,
  });
  if (w.direction === 'reply') {
    const refused = clientRefusesReply(w, pkt, ids.external(), node.name);
    if (refused) return refused;
    hop(w, pkt, {
      kind: 'deliver',
      at: ids.external(),
      node: node.name,
      title: 'back at the client',
      explain: `The reply reaches the outside client ${endpointText(pkt.dstIP, pkt.dstPort)}, from ${endpointText(pkt.srcIP, pkt.srcPort)} — the address it connected to.`,
    });
    return stop('delivered', 'reply delivered');
  }
  hop(w, pkt, {
    kind: 'deliver',
    at: ids.external(),
    node: node.name,
    title: `reaches ${pkt.dstIP}`,
    explain: `The packet reaches the outside host ${pkt.dstIP} (the explorer assumes it listens on ${pkt.protocol} ${pkt.dstPort ?? ''}). It sees the client as ${endpointText(pkt.srcIP, pkt.srcPort)}.`,
  });
  w.delivered = { at: 'external', name: node.name, packet: pkt };
  return stop('delivered', `Left the cluster through ${node.name} and reached ${pkt.dstIP}.`);
}

/** An outside client's packet arrives on `node`'s eth0 (from the router or a load balancer). */
export function externalEnter(w: Walk, node: DerivedNode, pkt: Pkt, why: string): Pkt {
  const onWire: Pkt = { ...pkt, dstMAC: node.eth0.mac };
  hop(w, onWire, {
    kind: 'send',
    at: ids.external(),
    title: w.direction === 'reply' ? `${pkt.srcIP} replies` : `client ${pkt.srcIP} sends`,
    explain:
      w.direction === 'reply'
        ? `The outside host ${pkt.srcIP} answers ${endpointText(pkt.dstIP, pkt.dstPort)}.`
        : `An outside client ${endpointText(pkt.srcIP, pkt.srcPort)} sends to ${endpointText(pkt.dstIP, pkt.dstPort)}.`,
  });
  if (w.direction === 'request') viaLoadBalancer(w, node, onWire);
  hop(w, onWire, {
    kind: 'wire',
    at: ids.nodeEth0(node.name),
    via: ids.nodeLink(node.name),
    node: node.name,
    title: `arrives on ${node.name} eth0`,
    explain: `${why} The packet arrives on ${node.name}'s eth0.`,
  });
  return onWire;
}

/**
 * A packet to a LoadBalancer Service's ingress IP passes the cloud load balancer drawn on the
 * graph, which picks a node and forwards it unchanged (kube-proxy matches the LB IP itself).
 */
function viaLoadBalancer(w: Walk, node: DerivedNode, pkt: Pkt): void {
  for (const o of w.cluster.ipOwners.get(pkt.dstIP) ?? []) {
    if (o.kind !== 'service' || o.role !== 'loadBalancer') continue;
    const svc = w.cluster.serviceByKey.get(o.key);
    if (!svc || svc.type !== 'LoadBalancer') continue;
    const local = svc.externalTrafficPolicy === 'Local';
    const lb = serviceLbWords(w.cluster);
    hop(w, pkt, {
      kind: 'wire',
      at: ids.loadBalancer(svc.key),
      title: `load balancer ${pkt.dstIP} → ${node.name}`,
      explain: `The load balancer of ${svc.key} (status.loadBalancer.ingress ${pkt.dstIP}) forwards the packet to ${node.name} without rewriting it; ${lb.actor} on the node matches ${pkt.dstIP} itself.${local ? ` With externalTrafficPolicy: Local it sends only to nodes whose health check (port ${svc.healthCheckNodePort ?? 'healthCheckNodePort'}, /healthz) reports local endpoints, so the client's address survives.` : ` With externalTrafficPolicy: Cluster any node will do: ${lb.actor} may forward to another node${w.cluster.datapath.profile.kubeProxy ? ' and masquerades the client' : ''}.`}`,
    });
    return;
  }
}
