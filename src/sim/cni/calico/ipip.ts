/**
 * tunl0, the kernel's IP-in-IP device (Calico's IPIP mode): the route names the peer node itself
 * as the gateway (`via 192.168.1.12 dev tunl0 … onlink`), and the device puts an outer IPv4 header
 * in front — this node → the peer, IP protocol 4, no UDP and no inner Ethernet — whose TTL copies
 * the inner one (`ttl inherit`). 20 bytes of overhead: the pod MTU is 1480 (reference §2.5).
 */
import type { DerivedNode, NetDevice, Route } from '../../derive/types';
import { hop, type Outcome, type Pkt, type Walk } from '../../trace/walk';
import { noPeer, type Arrived } from '../shared/vxlan';

export function encapIpip(
  w: Walk,
  node: DerivedNode,
  dev: NetDevice | undefined,
  route: Route,
  pkt: Pkt,
): Arrived | Outcome {
  const via = route.via;
  const peer = w.cluster.nodes.find(
    (n) => n.name !== node.name && via !== undefined && n.ips.includes(via),
  );
  const src = node.ips.find((ip) => !ip.includes(':'));
  if (!dev || !peer || !src || via === undefined) return noPeer(w, node, route.dev, route, pkt);
  const outer = {
    srcIP: src,
    dstIP: via,
    protocol: 'IPIP' as const,
    ...(pkt.ttl !== undefined ? { ttl: pkt.ttl } : {}),
  };
  const wrapped: Pkt = { ...pkt, srcMAC: undefined, dstMAC: undefined, outer };
  hop(w, wrapped, {
    kind: 'encap',
    at: dev.id,
    node: node.name,
    title: `IP-in-IP encap → ${via}`,
    rule: { source: 'ip route', text: route.text },
    explain: `The route sends the packet into ${dev.name} with the peer node ${via} as gateway (onlink): the IP-in-IP device puts a second IPv4 header in front — ${src} → ${via}, protocol 4 (no UDP, no inner Ethernet) — and the outer TTL copies the inner one (ttl inherit). Those 20 bytes are why the pod MTU is ${dev.mtu}.`,
  });
  return { pkt: wrapped, peer };
}
