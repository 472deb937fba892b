/**
 * Inside a pod's network namespace: sending (route lookup and ARP on eth0, or loopback to a
 * sibling container), and receiving (a container socket on the port, or connection refused).
 */
import { parseIp } from '../addr/ip';
import type { DerivedNode, DerivedPod, DerivedPort } from '../derive/types';
import { ids } from '../model/ids';
import { lookupRoute } from '../routing/lookup';

import { unDnat, unSnat } from './conntrack';
import { bridgeLookup, vethToHost, vethToPod } from './links';
import { nodeInput } from './nodeSide';
import { arpOverlapNote } from './overlap';
import { checkPolicy } from './policyStep';
import { isLoopbackText } from './refs';
import { clientRefusesReply } from './replyPath';
import {
  endpointText,
  hop,
  opensText,
  replyArrivedText,
  stop,
  type Outcome,
  type Pkt,
  type Walk,
} from './walk';

/** A container of `pod` opens the connection. */
export function podSend(
  w: Walk,
  pod: DerivedPod,
  container: string | undefined,
  sent: Pkt,
): Outcome {
  const node = pod.nodeName !== undefined ? w.cluster.nodeByName.get(pod.nodeName) : undefined;
  const c = container ?? pod.containers[0]?.name;
  // To the pod's own address the packet never reaches eth0: lo carries no Ethernet addresses.
  const loop = isLoopbackText(sent.dstIP) || pod.ips.includes(sent.dstIP);
  const pkt: Pkt = loop ? { ...sent, srcMAC: undefined, dstMAC: undefined } : sent;
  hop(w, pkt, {
    kind: 'send',
    at: c !== undefined ? ids.container(pod.key, c) : ids.pod(pod.key),
    node: node?.name,
    title: `${pod.name}${c ? `/${c}` : ''} sends`,
    explain: `${w.direction === 'reply' ? 'The reply leaves' : `Container ${c ?? ''} in ${pod.namespace}/${pod.name} ${opensText(pkt.protocol)}`} from ${endpointText(pkt.srcIP, pkt.srcPort)} to ${endpointText(pkt.dstIP, pkt.dstPort)}.`,
  });
  if (loop) {
    hop(w, pkt, {
      kind: 'loopback',
      at: ids.podLo(pod.key),
      node: node?.name,
      title: 'over lo (shared network namespace)',
      rule: {
        source: 'ip route show table local',
        text: `local ${pkt.dstIP} dev ${isLoopbackText(pkt.dstIP) ? 'lo' : 'eth0'} proto kernel scope host src ${pkt.dstIP}`,
      },
      explain: `All containers of a pod share one network namespace, so ${pkt.dstIP} is this pod's own address: the kernel loops the packet back on lo — no veth, no bridge, no NetworkPolicy.`,
    });
    return podDeliver(w, pod, node, pkt, true);
  }
  if (!node || !pod.eth0) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.pod(pod.key),
      title: 'pod has no network',
      explain: `${pod.key} has no network interface: ${pod.nodeMissing ? `its node "${pod.nodeName}" does not exist` : 'it is not running on a node'}.`,
    });
    return stop(
      'unreachable',
      `${pod.key} is not wired to any node${pod.nodeMissing ? ` (node "${pod.nodeName}" is missing)` : ''}.`,
    );
  }
  const dst = parseIp(pkt.dstIP);
  const m = dst.ok ? lookupRoute(pod.routes, dst.value) : undefined;
  if (!m) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.podEth0(pod.key),
      node: node.name,
      title: 'no route',
      explain: `The pod's routing table has no route to ${pkt.dstIP}: connect() fails with "Network is unreachable".`,
    });
    return stop('unreachable', `${pod.key} has no route to ${pkt.dstIP}.`);
  }
  const nextHop = m.route.via ?? pkt.dstIP;
  const gw = node.bridge.addrs.find((a) => a.ip === nextHop);
  const neighbour = gw ? undefined : podOnNodeWithIp(w, node, nextHop);
  const proxyArp = !gw && !neighbour && m.route.dst === 'default';
  const dstMAC = gw || proxyArp ? node.bridge.mac : neighbour?.eth0?.mac;
  if (!dstMAC) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.podEth0(pod.key),
      node: node.name,
      rule: { source: 'ip route (pod netns)', text: m.route.text },
      title: 'ARP gets no answer',
      explain: `${pkt.dstIP} is on the pod's own subnet, so the pod ARPs for it on eth0 — but no pod on ${node.name}'s bridge has that address.${arpOverlapNote(w, pkt.dstIP, `${node.name}'s cni0`)} After the ARP timeout the kernel reports "No route to host".`,
    });
    return stop(
      'unreachable',
      `No host answers ARP for ${pkt.dstIP} on ${node.name}'s pod subnet.`,
    );
  }
  const out: Pkt = { ...pkt, srcMAC: pod.eth0.mac, dstMAC };
  // cni0's own address matched the pod's subnet route (no `via`): not a gateway hop, plain ARP.
  const toBridge = gw !== undefined && m.route.via === undefined;
  hop(w, out, {
    kind: 'route',
    at: ids.podEth0(pod.key),
    node: node.name,
    title: toBridge
      ? `direct to cni0 (${nextHop}) on the pod subnet`
      : gw
        ? `via gateway ${gw.ip} (cni0)`
        : proxyArp
          ? `on-link default route (host answers ARP)`
          : `direct to ${nextHop} on the pod subnet`,
    rule: { source: 'ip route (pod netns)', text: m.route.text },
    explain: toBridge
      ? `${pkt.dstIP} is cni0's own address on the pod's subnet: the pod ARPs for it and addresses the frame to cni0's MAC ${dstMAC}.`
      : gw
        ? `${pkt.dstIP} is not on the pod's subnet, so the pod sends it to its default gateway ${gw.ip} — cni0's address — addressing the frame to cni0's MAC.`
        : proxyArp
          ? `The pod's range is too small for a gateway address, so its default route is on-link: it ARPs for ${pkt.dstIP} and the host answers with cni0's MAC (proxy ARP).`
          : `${pkt.dstIP} is on the pod's own subnet: the pod ARPs for it and addresses the frame straight to ${neighbour?.name ?? ''}'s MAC ${dstMAC}.`,
  });
  return hostFromPod(w, node, pod, out);
}

function podOnNodeWithIp(w: Walk, node: DerivedNode, ip: string): DerivedPod | undefined {
  for (const key of node.podKeys) {
    const p = w.cluster.podByKey.get(key);
    if (p && !p.hostNetwork && p.ips.includes(ip)) return p;
  }
  return undefined;
}

/** The frame arrives on the host side of the veth and cni0 decides where it goes. */
export function hostFromPod(w: Walk, node: DerivedNode, pod: DerivedPod, pkt: Pkt): Outcome {
  vethToHost(w, node, pod, pkt);
  const d = bridgeLookup(w, node, pkt);
  if (d.kind === 'host') return nodeInput(w, node, pkt, 'cni0', pod);
  if (d.kind === 'port') {
    const denied = checkPolicy(w, 'egress', pod, pkt, node);
    if (denied) return denied;
    // Bridged frames still pass netfilter (br_netfilter, bridge-nf-call-iptables=1, which
    // kube-proxy requires), so a reply to a same-node client is un-NATed by conntrack here.
    const p = w.direction === 'reply' ? unDnat(w, node, unSnat(w, node, pkt)) : pkt;
    return podReceive(w, node, d.pod, p);
  }
  hop(w, pkt, {
    kind: 'drop',
    at: ids.nodeBridge(node.name),
    node: node.name,
    title: 'unknown MAC',
    explain: `cni0 knows no port for ${pkt.dstMAC ?? 'this MAC'}.`,
  });
  return stop(
    'unreachable',
    `cni0 on ${node.name} has no port for ${pkt.dstMAC ?? 'the destination MAC'}.`,
  );
}

/** Out of a cni0 port, through the veth into the pod, then NetworkPolicy ingress and delivery. */
export function podReceive(w: Walk, node: DerivedNode, pod: DerivedPod, pkt: Pkt): Outcome {
  vethToPod(w, node, pod, pkt);
  const denied = checkPolicy(w, 'ingress', pod, pkt, node);
  if (denied) return denied;
  return podDeliver(w, pod, node, pkt, false);
}

/** The pod's kernel hands the packet to the socket listening on the port, if any. */
export function podDeliver(
  w: Walk,
  pod: DerivedPod,
  node: DerivedNode | undefined,
  pkt: Pkt,
  loopback: boolean,
): Outcome {
  if (!loopback && !pod.ips.includes(pkt.dstIP)) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.podEth0(pod.key),
      node: node?.name,
      title: 'not for this pod',
      explain: `${pkt.dstIP} is not an address of ${pod.key}; a pod does not forward packets, so its kernel drops it.`,
    });
    return stop(
      'dropped',
      `${pod.key} received a packet for ${pkt.dstIP}, which is not its address.`,
    );
  }
  if (w.direction === 'reply') {
    const c = w.clientContainer ?? pod.containers[0]?.name;
    const refused = clientRefusesReply(
      w,
      pkt,
      c ? ids.container(pod.key, c) : ids.pod(pod.key),
      node?.name,
    );
    if (refused) return refused;
    hop(w, pkt, {
      kind: 'deliver',
      at: c ? ids.container(pod.key, c) : ids.pod(pod.key),
      node: node?.name,
      title: `back at ${pod.name}`,
      explain: `The reply reaches the client socket in ${pod.key}: ${replyArrivedText(pkt.protocol)}.`,
    });
    return stop('delivered', 'reply delivered');
  }
  const l = listenerFor(pod, pkt);
  if (l === 'none') {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.pod(pod.key),
      node: node?.name,
      title: pkt.protocol === 'TCP' ? 'connection refused (RST)' : 'port unreachable',
      explain: `No container of ${pod.key} listens on ${pkt.protocol} ${pkt.dstPort ?? ''} (ports: ${pod.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'none'}), so the kernel answers ${pkt.protocol === 'TCP' ? 'with a TCP RST: "connection refused"' : 'with ICMP port unreachable'}.`,
    });
    return stop(
      'rejected',
      `Nothing in ${pod.key} listens on ${pkt.protocol} port ${pkt.dstPort ?? ''}: connection refused.`,
    );
  }
  const at =
    l === 'kernel' || l === 'assumed'
      ? pod.containers[0]
        ? ids.container(pod.key, pod.containers[0].name)
        : ids.pod(pod.key)
      : ids.container(pod.key, l.container);
  const who =
    l === 'kernel'
      ? "the pod's kernel answers the echo request"
      : l === 'assumed'
        ? `the pod declares no containerPorts, so the walk assumes its process listens on ${pkt.dstPort ?? ''}`
        : `container ${l.container} listens on ${l.port}/${l.protocol}${l.name ? ` (port "${l.name}")` : ''}`;
  const nat =
    w.nat.size > 0 || w.masqueraded
      ? ''
      : ' No NAT happened: source and destination addresses are unchanged end to end.';
  hop(w, pkt, {
    kind: 'deliver',
    at,
    node: node?.name,
    title: `delivered to ${pod.name}`,
    explain: `Delivered to ${pod.key}: ${who}. The server sees the client as ${endpointText(pkt.srcIP, pkt.srcPort)}.${nat}`,
  });
  w.delivered = { at: 'pod', name: pod.key, packet: pkt };
  return stop(
    'delivered',
    `Delivered to ${pod.key} ${pkt.protocol === 'ICMP' ? '' : `on ${pkt.protocol} ${pkt.dstPort ?? ''}`}`.trim() +
      '.',
  );
}

/** Who takes the packet: a declared container port, the kernel (ICMP), an assumed process, or nobody. */
export function listenerFor(
  pod: DerivedPod,
  pkt: Pkt,
): DerivedPort | 'kernel' | 'assumed' | 'none' {
  if (pkt.protocol === 'ICMP') return 'kernel';
  if (pod.ports.length === 0) return 'assumed';
  return pod.ports.find((p) => p.port === pkt.dstPort && p.protocol === pkt.protocol) ?? 'none';
}
