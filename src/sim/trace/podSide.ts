/**
 * Inside a pod's network namespace: sending (route lookup, then the CNI datapath resolves the next
 * hop and carries the frame out of the pod; or loopback to a sibling container), and receiving (a
 * container socket on the port, or connection refused).
 */
import { parseIp } from '../addr/ip';
import type { DerivedNode, DerivedPod, DerivedPort } from '../derive/types';
import { ids } from '../model/ids';
import { lookupRoute } from '../routing/lookup';

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
import { cniWalk } from './cniWalk';

/** A container of `pod` opens the connection. */
export function podSend(
  w: Walk,
  pod: DerivedPod,
  container: string | undefined,
  sent: Pkt,
): Outcome {
  const node = pod.nodeName !== undefined ? w.cluster.nodeByName.get(pod.nodeName) : undefined;
  const c = container ?? pod.containers[0]?.name;
  const at = c !== undefined ? ids.container(pod.key, c) : ids.pod(pod.key);
  // To the pod's own address the packet never reaches eth0: lo carries no Ethernet addresses.
  const isLoop = (p: Pkt): boolean => isLoopbackText(p.dstIP) || pod.ips.includes(p.dstIP);
  const shown: Pkt = isLoop(sent) ? { ...sent, srcMAC: undefined, dstMAC: undefined } : sent;
  hop(w, shown, {
    kind: 'send',
    at,
    node: node?.name,
    dev: isLoop(sent) ? 'lo' : 'eth0',
    netns: `pod/${pod.key}`,
    title: `${pod.name}${c ? `/${c}` : ''} sends`,
    explain: `${w.direction === 'reply' ? 'The reply leaves' : `Container ${c ?? ''} in ${pod.namespace}/${pod.name} ${opensText(sent.protocol)}`} from ${endpointText(sent.srcIP, sent.srcPort)} to ${endpointText(sent.dstIP, sent.dstPort)}.`,
  });
  // A datapath may translate a Service address in the socket itself (Cilium's socket LB).
  const p0 =
    w.direction === 'request'
      ? cniWalk(w.cluster).atSocket(w, sent, { kind: 'pod', pod, at })
      : sent;
  const loop = isLoop(p0);
  const pkt: Pkt = loop ? { ...p0, srcMAC: undefined, dstMAC: undefined } : p0;
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
  const next = cniWalk(w.cluster).podNextHop(w, node, pod, m.route, pkt);
  if (!next.ok) return next.outcome;
  const out: Pkt = { ...pkt, srcMAC: pod.eth0.mac, dstMAC: next.dstMAC };
  hop(w, out, {
    kind: 'route',
    at: ids.podEth0(pod.key),
    node: node.name,
    dev: m.route.dev,
    title: next.title,
    rule: { source: 'ip route (pod netns)', text: m.route.text },
    explain: next.explain,
  });
  return cniWalk(w.cluster).fromPod(w, node, pod, out);
}

/** The pod's kernel hands the packet to the socket listening on the port, if any. */
export function podDeliver(
  w: Walk,
  pod: DerivedPod,
  node: DerivedNode | undefined,
  pkt: Pkt,
  loopback: boolean,
): Outcome {
  const dev = loopback ? 'lo' : 'eth0';
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
      dev,
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
      dev,
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
    dev,
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
