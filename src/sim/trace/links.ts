/**
 * Layer 2 and tunnels: a veth pair, the cni0 bridge's forwarding decision (its FDB), the node
 * network between nodes' eth0, and VXLAN encapsulation at flannel.1.
 */
import type { DerivedNode, DerivedPod, Route } from '../derive/types';
import { subnetOfNode } from '../derive/subnets';
import { ids } from '../model/ids';
import { hash32 } from '../util/hash';

import { DEFAULT_TTL, endpointText, hop, type Outcome, type Pkt, type Walk, stop } from './walk';

/** Frame leaves the pod's eth0 and appears on the host end of the veth pair, a port of cni0. */
export function vethToHost(w: Walk, node: DerivedNode, pod: DerivedPod, pkt: Pkt): void {
  hop(w, pkt, {
    kind: 'veth',
    at: ids.nodeBridge(node.name),
    via: ids.veth(pod.key),
    node: node.name,
    title: `eth0 → ${pod.vethHost?.name ?? 'veth'} (host side)`,
    rule: {
      source: 'ip link',
      text: `${pod.vethHost?.name ?? 'veth'}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${pod.vethHost?.mtu ?? 1500} master cni0 state UP`,
    },
    explain: `A veth pair is a virtual cable: what ${pod.name} sends on its eth0 comes out of ${pod.vethHost?.name ?? 'its peer'} in the host's network namespace, which is plugged into the bridge cni0.`,
  });
}

/** cni0 looks up the destination MAC in its FDB. */
export function bridgeLookup(
  w: Walk,
  node: DerivedNode,
  pkt: Pkt,
):
  | { readonly kind: 'host' }
  | { readonly kind: 'port'; readonly pod: DerivedPod }
  | { readonly kind: 'unknown' } {
  if (pkt.dstMAC === node.bridge.mac) {
    hop(w, pkt, {
      kind: 'bridge',
      at: ids.nodeBridge(node.name),
      node: node.name,
      title: 'cni0 passes the frame up to the host',
      rule: {
        source: 'bridge fdb',
        text: `${node.bridge.mac} dev cni0 vlan 1 master cni0 permanent`,
      },
      explain: `The destination MAC is cni0's own address (the pod's default gateway ${node.bridge.addrs[0]?.ip ?? ''}), so the bridge hands the packet to the node's IP stack to be routed.`,
    });
    return { kind: 'host' };
  }
  const pod = podWithMac(w, node, pkt.dstMAC);
  if (pod?.vethHost) {
    hop(w, pkt, {
      kind: 'bridge',
      at: ids.nodeBridge(node.name),
      node: node.name,
      title: `cni0 forwards to ${pod.vethHost.name}`,
      rule: {
        source: 'bridge fdb',
        text: `${pod.eth0?.mac ?? ''} dev ${pod.vethHost.name} master cni0`,
      },
      explain: `cni0 learned that ${pod.eth0?.mac ?? 'this MAC'} (${pod.name}) sits behind port ${pod.vethHost.name}, so it switches the frame there — no routing, the IP header is untouched.`,
    });
    return { kind: 'port', pod };
  }
  return { kind: 'unknown' };
}

function podWithMac(w: Walk, node: DerivedNode, mac: string | undefined): DerivedPod | undefined {
  if (!mac) return undefined;
  for (const key of node.podKeys) {
    const p = w.cluster.podByKey.get(key);
    if (p?.eth0?.mac === mac) return p;
  }
  return undefined;
}

/** The frame crosses the veth pair from cni0's port into the pod's namespace. */
export function vethToPod(w: Walk, node: DerivedNode, pod: DerivedPod, pkt: Pkt): void {
  hop(w, pkt, {
    kind: 'veth',
    at: ids.podEth0(pod.key),
    via: ids.veth(pod.key),
    node: node.name,
    title: `${pod.vethHost?.name ?? 'veth'} → ${pod.name} eth0`,
    rule: {
      source: 'ip link',
      text: `eth0@if${(hash32(pod.key) % 90) + 10}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${pod.eth0?.mtu ?? 1500} state UP`,
    },
    explain: `Through the veth pair into ${pod.namespace}/${pod.name}'s network namespace, where it arrives on eth0 (${pod.ips[0] ?? ''}).`,
  });
}

/** From one node's eth0 across the node network to another's. */
export function wireToNode(w: Walk, from: DerivedNode, to: DerivedNode, pkt: Pkt): Pkt {
  const onWire: Pkt = pkt.outer
    ? { ...pkt, outer: { ...pkt.outer, srcMAC: from.eth0.mac, dstMAC: to.eth0.mac } }
    : { ...pkt, srcMAC: from.eth0.mac, dstMAC: to.eth0.mac };
  hop(w, onWire, {
    kind: 'wire',
    at: subnetOfNode(w.cluster, from.name)?.id ?? w.cluster.subnets[0]?.id ?? ids.router(),
    via: ids.nodeLink(from.name),
    node: from.name,
    title: `${from.name} eth0 → node network`,
    rule: {
      source: 'ip neigh',
      text: `${to.ips[0] ?? ''} dev eth0 lladdr ${to.eth0.mac} REACHABLE`,
    },
    explain: `${from.name} sends the frame out of eth0 to ${to.name}'s MAC (${to.eth0.mac}), found by ARP on the node network.`,
  });
  hop(w, onWire, {
    kind: 'wire',
    at: ids.nodeEth0(to.name),
    via: ids.nodeLink(to.name),
    node: to.name,
    title: `${to.name} eth0 receives`,
    explain: `${to.name}'s eth0 (${to.ips[0] ?? ''}) receives the frame${pkt.outer ? ': a UDP datagram to port 8472, the VXLAN port' : ''}.`,
  });
  return onWire;
}

export interface Encap {
  readonly pkt: Pkt;
  readonly peer: DerivedNode;
}

/** flannel.1 wraps the packet in VXLAN: outer IP/UDP from this node to the peer's VTEP. */
export function encapsulate(w: Walk, node: DerivedNode, route: Route, pkt: Pkt): Encap | Outcome {
  const vx = node.vxlan;
  const neigh = vx?.neigh.find((n) => n.ip === route.via);
  const fdb = neigh ? vx?.fdb.find((f) => f.mac === neigh.mac) : undefined;
  const peer = fdb ? w.cluster.nodeByName.get(fdb.node) : undefined;
  const src = node.ips.find((ip) => !ip.includes(':'));
  if (!vx || !neigh || !fdb || !peer || !src) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.nodeVxlan(node.name),
      node: node.name,
      title: 'no VXLAN peer',
      explain: `flannel.1 has no neighbour/FDB entry for ${route.via ?? pkt.dstIP}: no node owns that pod range, so the packet cannot be encapsulated.`,
    });
    return stop(
      'unreachable',
      `No VXLAN peer for ${pkt.dstIP} on ${node.name}: no node owns that pod range.`,
    );
  }
  const sport =
    49152 + (hash32(`${pkt.srcIP}|${pkt.dstIP}|${pkt.srcPort ?? 0}|${pkt.dstPort ?? 0}`) % 16384);
  const inner: Pkt = { ...pkt, srcMAC: vx.mac, dstMAC: neigh.mac };
  const outer = {
    srcIP: src,
    dstIP: fdb.dst,
    protocol: 'UDP' as const,
    srcPort: sport,
    dstPort: vx.port,
    ttl: DEFAULT_TTL,
  };
  const wrapped: Pkt = { ...inner, outer, vni: vx.vni };
  hop(w, wrapped, {
    kind: 'encap',
    at: ids.nodeVxlan(node.name),
    node: node.name,
    title: `VXLAN encap → ${fdb.dst}:${vx.port}`,
    rule: { source: 'bridge fdb', text: fdb.text },
    explain: `flannel.1 (VNI ${vx.vni}) resolves the next hop ${route.via} to VTEP MAC ${neigh.mac} (${neigh.text.split(' lladdr')[0]}) and its FDB maps that MAC to ${fdb.dst}: it wraps the unchanged inner packet in UDP ${endpointText(src, sport)} → ${endpointText(fdb.dst, vx.port)}. The 50 bytes of headers are why the pod MTU is ${vx.mtu}.`,
  });
  return { pkt: wrapped, peer };
}

/** The peer's VXLAN socket strips the outer header and hands the inner packet to flannel.1. */
export function decapsulate(w: Walk, node: DerivedNode, pkt: Pkt): Pkt {
  const { outer: _outer, vni: _vni, ...rest } = pkt;
  const inner: Pkt = { ...rest, srcMAC: pkt.srcMAC, dstMAC: node.vxlan?.mac };
  hop(w, inner, {
    kind: 'decap',
    at: ids.nodeVxlan(node.name),
    node: node.name,
    title: 'VXLAN decap at flannel.1',
    rule: {
      source: 'ip -d link',
      text: `flannel.1: vxlan id ${node.vxlan?.vni ?? 1} local ${node.ips[0] ?? ''} dev eth0 srcport 0 0 dstport ${node.vxlan?.port ?? 8472} nolearning`,
    },
    explain: `UDP port ${node.vxlan?.port ?? 8472} belongs to the kernel's VXLAN socket: it checks VNI ${pkt.vni ?? 1}, strips the outer headers and the inner packet (${pkt.srcIP} → ${pkt.dstIP}, unchanged) appears on flannel.1.`,
  });
  return inner;
}
