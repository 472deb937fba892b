/**
 * Kernel tunnel devices in the walk (flannel.1, vxlan.calico, tunl0): the route's next hop names
 * the peer; a VXLAN device resolves it through its permanent neighbour entry (peer VTEP address →
 * VTEP MAC) and its FDB (VTEP MAC → peer node IP) and wraps the inner frame in UDP. The outer
 * packet crosses the node network and the peer's device unwraps it.
 */
import type { DerivedNode, NetDevice, Route } from '../../derive/types';
import { ids } from '../../model/ids';
import { hash32 } from '../../util/hash';
import { outerToPeer } from '../../trace/outer';
import {
  DEFAULT_TTL,
  endpointText,
  hop,
  stop,
  type Outcome,
  type Pkt,
  type Walk,
} from '../../trace/walk';

export interface Arrived {
  readonly pkt: Pkt;
  readonly peer: DerivedNode;
}

const deviceOf = (node: DerivedNode, name: string): NetDevice | undefined =>
  node.devices.find((d) => d.name === name);

/** How a tunnel device wraps a packet and finds the peer node (VXLAN here; IP-in-IP in calico/). */
export type Encapsulate = (
  w: Walk,
  node: DerivedNode,
  dev: NetDevice | undefined,
  route: Route,
  pkt: Pkt,
) => Arrived | Outcome;

/** Through the tunnel device `route.dev` to the peer node: encap, the wire, decap. */
export function tunnelThrough(
  w: Walk,
  node: DerivedNode,
  pkt: Pkt,
  route: Route,
  encap: Encapsulate = encapVxlan,
): Arrived | Outcome {
  const dev = deviceOf(node, route.dev);
  const enc = encap(w, node, dev, route, pkt);
  if ('verdict' in enc) return enc;
  const out = outerToPeer(w, node, enc.peer, enc.pkt);
  if ('verdict' in out) return out;
  return { peer: out.node, pkt: decapsulate(w, out.node, route.dev, out.pkt) };
}

export function noPeer(w: Walk, node: DerivedNode, dev: string, route: Route, pkt: Pkt): Outcome {
  hop(w, pkt, {
    kind: 'drop',
    at: ids.nodeDev(node.name, dev),
    node: node.name,
    title: 'no tunnel peer',
    rule: { source: 'ip route', text: route.text },
    explain: `${dev} has no peer for ${route.via ?? pkt.dstIP}: no node owns that pod range, so the packet cannot be encapsulated.`,
  });
  return stop(
    'unreachable',
    `No tunnel peer for ${pkt.dstIP} on ${node.name}: no node owns that pod range.`,
  );
}

export function encapVxlan(
  w: Walk,
  node: DerivedNode,
  dev: NetDevice | undefined,
  route: Route,
  pkt: Pkt,
): Arrived | Outcome {
  const neigh = node.neigh.find((n) => n.dev === route.dev && n.ip === route.via);
  const fdb = neigh ? node.fdb.find((f) => f.dev === route.dev && f.mac === neigh.mac) : undefined;
  const peer = fdb?.node !== undefined ? w.cluster.nodeByName.get(fdb.node) : undefined;
  const src = node.ips.find((ip) => !ip.includes(':'));
  const t = dev?.tunnel;
  if (!dev || !t || !neigh || !fdb?.dst || !peer || !src)
    return noPeer(w, node, route.dev, route, pkt);
  const sport =
    49152 + (hash32(`${pkt.srcIP}|${pkt.dstIP}|${pkt.srcPort ?? 0}|${pkt.dstPort ?? 0}`) % 16384);
  const inner: Pkt = { ...pkt, srcMAC: dev.mac, dstMAC: neigh.mac };
  const port = t.port ?? 4789;
  const outer = {
    srcIP: src,
    dstIP: fdb.dst,
    protocol: 'UDP' as const,
    srcPort: sport,
    dstPort: port,
    ttl: DEFAULT_TTL,
  };
  const wrapped: Pkt = { ...inner, outer, ...(t.vni !== undefined ? { vni: t.vni } : {}) };
  hop(w, wrapped, {
    kind: 'encap',
    at: dev.id,
    node: node.name,
    title: `VXLAN encap → ${fdb.dst}:${port}`,
    rule: { source: 'bridge fdb', text: fdb.text },
    explain: `${dev.name} (VNI ${t.vni ?? '?'}) resolves the next hop ${route.via ?? ''} to VTEP MAC ${neigh.mac} (${neigh.text.split(' lladdr')[0]}) and its FDB maps that MAC to ${fdb.dst}: it wraps the unchanged inner packet in UDP ${endpointText(src, sport)} → ${endpointText(fdb.dst, port)}. The ${t.overhead} bytes of headers are why the pod MTU is ${dev.mtu}.`,
  });
  return { pkt: wrapped, peer };
}

/** The peer's tunnel device strips the outer header; the inner packet appears on it. */
function decapsulate(w: Walk, node: DerivedNode, devName: string, pkt: Pkt): Pkt {
  const dev = deviceOf(node, devName);
  const { outer, vni, ...rest } = pkt;
  const ipip = dev?.tunnel?.encap === 'ipip';
  const inner: Pkt = ipip
    ? { ...rest, srcMAC: undefined, dstMAC: undefined }
    : { ...rest, srcMAC: pkt.srcMAC, dstMAC: dev?.mac };
  hop(w, inner, {
    kind: 'decap',
    at: ids.nodeDev(node.name, devName),
    node: node.name,
    title: `${ipip ? 'IP-in-IP' : 'VXLAN'} decap at ${devName}`,
    rule: { source: 'ip -d link', text: `${devName}: ${dev?.details ?? ''}`.trim() },
    explain: ipip
      ? `The packet is IP protocol 4 from ${outer?.srcIP ?? 'the peer'}: the kernel's IP-in-IP handler strips the outer header and the inner packet (${pkt.srcIP} → ${pkt.dstIP}, unchanged) appears on ${devName}.`
      : `UDP port ${dev?.tunnel?.port ?? ''} belongs to the kernel's VXLAN socket: it checks VNI ${vni ?? dev?.tunnel?.vni ?? ''}, strips the outer headers and the inner packet (${pkt.srcIP} → ${pkt.dstIP}, unchanged) appears on ${devName}.`,
  });
  return inner;
}
