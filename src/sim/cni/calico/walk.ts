/**
 * The walk through Calico's datapath (iptables dataplane): the pod ARPs for 169.254.1.1 and the
 * host end of its veth answers by proxy ARP; the frame enters the node's IP stack on the `cali…`
 * interface — no bridge, so even a pod on the same node is routed (TTL − 1) through a /32 route;
 * policy is checked in filter FORWARD (cali-fw-<iface> as it leaves the source pod, cali-tw-<iface>
 * before it enters the destination pod); other nodes are reached through tunl0, vxlan.calico or
 * straight over eth0 (reference/cni-datapaths.md §2.2, §2.6, §2.8).
 */
import type { DerivedNode, DerivedPod, Route } from '../../derive/types';
import { ids } from '../../model/ids';
import { nodeInput } from '../../trace/nodeSide';
import { checkPolicy } from '../../trace/policyStep';
import { podDeliver } from '../../trace/podSide';
import { hop, type Outcome, type Pkt, type Walk } from '../../trace/walk';
import type { CniWalk, NextHop } from '../types';
import { vethIn, vethOut } from '../shared/veth';
import { encapVxlan, tunnelThrough } from '../shared/vxlan';

import { encapIpip } from './ipip';
import { CALI_GATEWAY, CALI_MAC, TUNL0, VXLAN_CALICO } from './names';
import { calicoIpsets, writeCalicoRules } from './rules';

const localPodOn = (w: Walk, node: DerivedNode, dev: string): DerivedPod | undefined => {
  for (const key of node.podKeys) {
    const p = w.cluster.podByKey.get(key);
    if (p?.vethHost?.name === dev) return p;
  }
  return undefined;
};

function nextHop(_w: Walk, _node: DerivedNode, pod: DerivedPod, route: Route, pkt: Pkt): NextHop {
  const host = pod.vethHost?.name ?? 'cali…';
  const gw = route.via ?? pkt.dstIP;
  return {
    ok: true,
    dstMAC: CALI_MAC,
    neigh: `${gw} dev eth0 lladdr ${CALI_MAC} REACHABLE`,
    title: `ARP ${gw} → proxy ARP by ${host}`,
    explain: `${pod.name} has only a /32 on eth0 and one way out: ${route.text}. It ARPs for ${gw} — an address nobody owns (${CALI_GATEWAY} is Calico's fixed fake gateway) — and the host end of its veth, ${host}, answers by proxy ARP (proxy_arp=1) with ${CALI_MAC}, the MAC of every cali interface. This is the only address a Calico pod ever ARPs for.`,
  };
}

function fromPod(w: Walk, node: DerivedNode, pod: DerivedPod, pkt: Pkt): Outcome {
  const host = pod.vethHost?.name ?? 'cali';
  vethOut(w, node, pod, pkt, {
    at: ids.vethPort(pod.key),
    explain: `Through the veth pair out of ${pod.name}: the frame appears on ${host} in the host's namespace. There is no bridge — ${host} is a plain routed interface, so the node's IP stack takes the packet (PREROUTING, routing, FORWARD), even for a pod on this same node.`,
  });
  return nodeInput(w, node, pkt, host, pod);
}

/** cali-tw-<iface> in filter FORWARD: the destination pod's ingress policy, before any SNAT. */
function forwarded(w: Walk, node: DerivedNode, pkt: Pkt, route: Route): Outcome | undefined {
  const pod = localPodOn(w, node, route.dev);
  return pod ? checkPolicy(w, 'ingress', pod, pkt, node) : undefined;
}

function out(w: Walk, node: DerivedNode, pkt: Pkt, route: Route): Outcome | undefined {
  if (route.dev === TUNL0 || route.dev === VXLAN_CALICO) {
    const encap = route.dev === TUNL0 ? encapIpip : encapVxlan;
    const arrived = tunnelThrough(w, node, pkt, route, encap);
    if ('verdict' in arrived) return arrived;
    return nodeInput(w, arrived.peer, arrived.pkt, route.dev);
  }
  const pod = localPodOn(w, node, route.dev);
  if (!pod?.eth0) return undefined;
  // Locally generated traffic skipped FORWARD: its ingress check happens here (once per walk).
  const denied = checkPolicy(w, 'ingress', pod, pkt, node);
  if (denied) return denied;
  const frame: Pkt = { ...pkt, srcMAC: CALI_MAC, dstMAC: pod.eth0.mac };
  const neigh = node.neigh.find((n) => n.dev === route.dev && n.ip === pkt.dstIP);
  hop(w, frame, {
    kind: 'route',
    at: ids.vethPort(pod.key),
    node: node.name,
    dev: route.dev,
    title: `out of ${route.dev} to ${pod.name}`,
    rule: {
      source: 'ip neigh',
      text: neigh?.text ?? `${pkt.dstIP} dev ${route.dev} lladdr ${pod.eth0.mac} PERMANENT`,
    },
    explain: `The /32 route sends the packet out of ${route.dev}; Felix wrote a permanent neighbour entry for the pod, so no ARP is needed: the frame goes from ${CALI_MAC} to ${pod.name}'s MAC.`,
  });
  vethIn(w, node, pod, frame);
  return podDeliver(w, pod, node, frame, false);
}

/** How packets move on Calico's datapath. */
export const calicoWalk: CniWalk = {
  podNextHop: nextHop,
  fromPod,
  out,
  forwarded,
  fromWire: () => undefined,
  atSocket: (_w, pkt) => pkt,
  policyHook: (dir, pod, node) => {
    const host = pod.vethHost?.name ?? 'cali';
    const chain = `cali-${dir === 'egress' ? 'fw' : 'tw'}-${host}`;
    return {
      at: ids.vethPort(pod.key),
      dev: host,
      netns: `node/${node.name}`,
      where: `${chain} on ${node.name} (filter FORWARD → cali-FORWARD → cali-${dir === 'egress' ? 'from' : 'to'}-wl-dispatch), the chain Felix writes for ${pod.name}'s workload interface`,
      source: `NetworkPolicy (Calico ${chain})`,
    };
  },
  writeRules: writeCalicoRules,
  ipsets: calicoIpsets,
};
