/**
 * Starting a walk: the first packet leaves its source — a pod's container, a node process (or a
 * hostNetwork pod), or an outside client entering through a node — and, once the request is
 * delivered, the reply leaves the server the same way back.
 */
import type { Cluster, DerivedNode } from '../derive/types';
import { ids } from '../model/ids';

import { externalEnter } from './edges';
import { nodeArrive, nodeOutput, outputDev } from './nodeSide';
import { podSend } from './podSide';
import type { Endpoint } from './refs';
import { outsideReply } from './replyPath';
import {
  endpointText,
  hop,
  opensText,
  stop,
  DEFAULT_TTL,
  type Outcome,
  type Pkt,
  type Walk,
} from './walk';
import { cniWalk } from './cniWalk';

export function startRequest(
  w: Walk,
  src: Endpoint,
  pkt: Pkt,
  entry: DerivedNode | undefined,
): Outcome {
  switch (src.kind) {
    case 'pod': {
      const node =
        src.pod.nodeName !== undefined ? w.cluster.nodeByName.get(src.pod.nodeName) : undefined;
      w.clientContainer = src.container ?? src.pod.containers[0]?.name;
      if (src.pod.hostNetwork && node) {
        const c = w.clientContainer;
        w.clientAt = c ? ids.container(src.pod.key, c) : ids.pod(src.pod.key);
        return nodeSend(
          w,
          node,
          pkt,
          w.clientAt,
          `${src.pod.key} uses the host network (hostNetwork: true): it sends from ${node.name}'s own address, like any process on the node.`,
        );
      }
      w.egressPending = src.pod.key;
      return podSend(w, src.pod, w.clientContainer, { ...pkt, srcMAC: src.pod.eth0?.mac });
    }
    case 'node':
      w.clientAt = ids.node(src.node.name);
      return nodeSend(
        w,
        src.node,
        pkt,
        w.clientAt,
        `A process on ${src.node.name} ${opensText(pkt.protocol)} from ${endpointText(pkt.srcIP, pkt.srcPort)} to ${endpointText(pkt.dstIP, pkt.dstPort)}.`,
      );
    case 'external': {
      if (!entry) {
        hop(w, pkt, {
          kind: 'send',
          at: ids.external(),
          title: `client ${pkt.srcIP} sends`,
          explain: `An outside client sends to ${endpointText(pkt.dstIP, pkt.dstPort)}.`,
        });
        hop(w, pkt, {
          kind: 'drop',
          at: ids.external(),
          title: 'no way in',
          explain: `${pkt.dstIP} is not an address any router outside the cluster can reach: pod and ClusterIP addresses live only inside the cluster. Pick the node the packet enters (--node) to walk it from there.`,
        });
        return stop(
          'unreachable',
          `An outside client cannot reach ${pkt.dstIP} without entering through a node (give --node).`,
        );
      }
      const onWire = externalEnter(w, entry, { ...pkt }, whyEntry(w.cluster, entry, pkt));
      return nodeArrive(w, entry, onWire);
    }
    case 'service':
    case 'dns':
      hop(w, pkt, {
        kind: 'drop',
        at: ids.external(),
        title: 'not a source',
        explain:
          'A Service or a DNS name cannot send packets; choose a pod, a node or an IP as the source.',
      });
      return stop('unreachable', 'A Service or DNS name is not a packet source.');
  }
}

function whyEntry(cluster: Cluster, node: DerivedNode, pkt: Pkt): string {
  if (node.ips.includes(pkt.dstIP)) return `${pkt.dstIP} is ${node.name}'s address.`;
  for (const o of cluster.ipOwners.get(pkt.dstIP) ?? [])
    if (o.kind === 'service' && o.role === 'loadBalancer')
      return `The load balancer for ${o.key} forwards ${pkt.dstIP} to ${node.name}.`;
  return `The packet is routed to ${node.name}.`;
}

/** A node-local socket sends (the node itself or a hostNetwork pod). */
function nodeSend(w: Walk, node: DerivedNode, pkt: Pkt, at: string, explain: string): Outcome {
  hop(w, pkt, {
    kind: 'send',
    at,
    node: node.name,
    netns: `node/${node.name}`,
    dev: outputDev(node, pkt.dstIP),
    title: `${node.name} sends`,
    explain,
  });
  // A datapath may translate a Service address in the socket itself (Cilium's socket LB).
  const p =
    w.direction === 'request'
      ? cniWalk(w.cluster).atSocket(w, pkt, { kind: 'node', node, at })
      : pkt;
  return nodeOutput(w, node, p);
}

/** The server answers: source and destination swap, as the server saw them. */
export function startReply(w: Walk): Outcome {
  const d = w.delivered;
  if (!d) return stop('dropped', 'internal: no delivered request to answer');
  w.direction = 'reply';
  const req = d.packet;
  const reply: Pkt = {
    family: req.family,
    mark: 0,
    protocol: req.protocol,
    srcIP: req.dstIP,
    dstIP: req.srcIP,
    ...(req.dstPort !== undefined ? { srcPort: req.dstPort } : {}),
    ...(req.srcPort !== undefined ? { dstPort: req.srcPort } : {}),
    ttl: DEFAULT_TTL,
  };
  if (d.at === 'pod') {
    const pod = w.cluster.podByKey.get(d.name);
    if (!pod) return stop('dropped', 'internal: server pod vanished');
    const listener = pod.ports.find((p) => p.port === req.dstPort && p.protocol === req.protocol);
    // podSend drops the MAC again when the reply stays on lo (the client is this very pod).
    return podSend(w, pod, listener?.container, { ...reply, srcMAC: pod.eth0?.mac });
  }
  if (d.at === 'node') {
    const node = w.cluster.nodeByName.get(d.name);
    if (!node) return stop('dropped', 'internal: server node vanished');
    return nodeSend(
      w,
      node,
      reply,
      ids.node(node.name),
      `${node.name} answers from ${endpointText(reply.srcIP, reply.srcPort)}.`,
    );
  }
  const node = w.cluster.nodeByName.get(d.name);
  if (!node) return stop('dropped', 'internal: exit node vanished');
  return outsideReply(w, reply, node);
}
