/** The node network between nodes' eth0 (the datapaths' own links live in src/sim/cni). */
import { subnetOfNode } from '../derive/subnets';
import type { DerivedNode } from '../derive/types';
import { ids } from '../model/ids';

import { hop, type Pkt, type Walk } from './walk';

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
    dev: 'eth0',
    netns: `node/${from.name}`,
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
    explain: `${to.name}'s eth0 (${to.ips[0] ?? ''}) receives the frame${outerNote(pkt)}.`,
  });
  return onWire;
}

function outerNote(pkt: Pkt): string {
  const o = pkt.outer;
  if (!o) return '';
  if (o.protocol === 'IPIP') return ': an IPv4 packet of protocol 4 (IP-in-IP)';
  return `: a UDP datagram to port ${o.dstPort ?? ''}, the ${o.dstPort === 6081 ? 'Geneve' : 'VXLAN'} port`;
}
