/**
 * The walk through the bridge datapath: the pod ARPs for its gateway (cni0) or a neighbour on the
 * same bridge, the frame crosses the veth to a port of cni0, and the bridge either switches it to
 * another port (same node: no routing, no TTL change) or hands it up to the node's IP stack. Out
 * of the stack, cni0 delivers to a local pod, and flannel.1 wraps the packet in VXLAN.
 */
import type { DerivedNode, DerivedPod, Route } from '../../derive/types';
import { ids } from '../../model/ids';
import { unDnat, unSnat } from '../../trace/conntrack';
import { nodeInput } from '../../trace/nodeSide';
import { arpOverlapNote } from '../../trace/overlap';
import { checkPolicy } from '../../trace/policyStep';
import { podDeliver } from '../../trace/podSide';
import { hop, stop, type Outcome, type Pkt, type Walk } from '../../trace/walk';
import type { CniWalk, NextHop } from '../types';
import { vethIn, vethOut } from '../shared/veth';
import { tunnelThrough } from '../shared/vxlan';

import { BRIDGE, FLANNEL_VXLAN } from './ipam';
import { writeFlannelRules } from './rules';

const bridgeOf = (node: DerivedNode) => node.devices.find((d) => d.name === BRIDGE);

/** The pod's eth0 resolves the next hop: cni0 (its gateway), a pod on the same bridge, or nobody. */
export function bridgeNextHop(
  w: Walk,
  node: DerivedNode,
  pod: DerivedPod,
  route: Route,
  pkt: Pkt,
): NextHop {
  const bridge = bridgeOf(node);
  const nextHop = route.via ?? pkt.dstIP;
  const gw = bridge?.addrs.find((a) => a.ip === nextHop);
  const neighbour = gw ? undefined : podOnNodeWithIp(w, node, nextHop);
  const proxyArp = !gw && !neighbour && route.dst === 'default';
  const dstMAC = gw || proxyArp ? bridge?.mac : neighbour?.eth0?.mac;
  if (!dstMAC) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.podEth0(pod.key),
      node: node.name,
      rule: { source: 'ip route (pod netns)', text: route.text },
      title: 'ARP gets no answer',
      explain: `${pkt.dstIP} is on the pod's own subnet, so the pod ARPs for it on eth0 — but no pod on ${node.name}'s bridge has that address.${arpOverlapNote(w, pkt.dstIP, `${node.name}'s cni0`)} After the ARP timeout the kernel reports "No route to host".`,
    });
    return {
      ok: false,
      outcome: stop(
        'unreachable',
        `No host answers ARP for ${pkt.dstIP} on ${node.name}'s pod subnet.`,
      ),
    };
  }
  // cni0's own address matched the pod's subnet route (no `via`): not a gateway hop, plain ARP.
  const toBridge = gw !== undefined && route.via === undefined;
  return {
    ok: true,
    dstMAC,
    neigh: `${nextHop} dev eth0 lladdr ${dstMAC} REACHABLE`,
    title: toBridge
      ? `direct to cni0 (${nextHop}) on the pod subnet`
      : gw
        ? `via gateway ${gw.ip} (cni0)`
        : proxyArp
          ? `on-link default route (host answers ARP)`
          : `direct to ${nextHop} on the pod subnet`,
    explain: toBridge
      ? `${pkt.dstIP} is cni0's own address on the pod's subnet: the pod ARPs for it and addresses the frame to cni0's MAC ${dstMAC}.`
      : gw
        ? `${pkt.dstIP} is not on the pod's subnet; the longest matching route (${route.dst}) sends it to the gateway ${gw.ip} — cni0's address — so the frame is addressed to cni0's MAC.`
        : proxyArp
          ? `The pod's range is too small for a gateway address, so its default route is on-link: it ARPs for ${pkt.dstIP} and the host answers with cni0's MAC (proxy ARP).`
          : `${pkt.dstIP} is on the pod's own subnet: the pod ARPs for it and addresses the frame straight to ${neighbour?.name ?? ''}'s MAC ${dstMAC}.`,
  };
}

function podOnNodeWithIp(w: Walk, node: DerivedNode, ip: string): DerivedPod | undefined {
  for (const key of node.podKeys) {
    const p = w.cluster.podByKey.get(key);
    if (p && !p.hostNetwork && p.ips.includes(ip)) return p;
  }
  return undefined;
}

function podWithMac(w: Walk, node: DerivedNode, mac: string | undefined): DerivedPod | undefined {
  if (!mac) return undefined;
  for (const key of node.podKeys) {
    const p = w.cluster.podByKey.get(key);
    if (p?.eth0?.mac === mac) return p;
  }
  return undefined;
}

/** The frame arrives on the host end of the veth, a port of cni0, and the bridge decides. */
export function bridgeFromPod(w: Walk, node: DerivedNode, pod: DerivedPod, pkt: Pkt): Outcome {
  vethOut(w, node, pod, pkt, {
    at: ids.nodeBridge(node.name),
    master: BRIDGE,
    explain: `A veth pair is a virtual cable: what ${pod.name} sends on its eth0 comes out of ${pod.vethHost?.name ?? 'its peer'} in the host's network namespace, which is plugged into the bridge cni0.`,
  });
  const bridge = bridgeOf(node);
  if (bridge && pkt.dstMAC === bridge.mac) {
    hop(w, pkt, {
      kind: 'bridge',
      at: bridge.id,
      node: node.name,
      title: 'cni0 passes the frame up to the host',
      rule: { source: 'bridge fdb', text: `${bridge.mac} dev cni0 vlan 1 master cni0 permanent` },
      explain: `The destination MAC is cni0's own address (the pod's default gateway ${bridge.addrs[0]?.ip ?? ''}), so the bridge hands the packet to the node's IP stack to be routed.`,
    });
    return nodeInput(w, node, pkt, BRIDGE, pod);
  }
  const peer = podWithMac(w, node, pkt.dstMAC);
  if (peer?.vethHost) {
    hop(w, pkt, {
      kind: 'bridge',
      at: ids.nodeBridge(node.name),
      node: node.name,
      title: `cni0 forwards to ${peer.vethHost.name}`,
      rule: {
        source: 'bridge fdb',
        text: `${peer.eth0?.mac ?? ''} dev ${peer.vethHost.name} master cni0`,
      },
      explain: `cni0 learned that ${peer.eth0?.mac ?? 'this MAC'} (${peer.name}) sits behind port ${peer.vethHost.name}, so it switches the frame there — no routing, the IP header is untouched.`,
    });
    const denied = checkPolicy(w, 'egress', pod, pkt, node);
    if (denied) return denied;
    // Bridged frames still pass netfilter (br_netfilter, bridge-nf-call-iptables=1, which
    // kube-proxy requires), so a reply to a same-node client is un-NATed by conntrack here.
    const p = w.direction === 'reply' ? unDnat(w, node, unSnat(w, node, pkt, BRIDGE), BRIDGE) : pkt;
    return bridgeIntoPod(w, node, peer, p);
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
function bridgeIntoPod(w: Walk, node: DerivedNode, pod: DerivedPod, pkt: Pkt): Outcome {
  vethIn(w, node, pod, pkt);
  const denied = checkPolicy(w, 'ingress', pod, pkt, node);
  if (denied) return denied;
  return podDeliver(w, pod, node, pkt, false);
}

/** The route chose cni0 (a local pod) or flannel.1 (another node's range); else not ours. */
export function bridgeOut(w: Walk, node: DerivedNode, pkt: Pkt, route: Route): Outcome | undefined {
  if (route.dev === BRIDGE) return bridgeToLocalPod(w, node, pkt);
  if (route.dev === FLANNEL_VXLAN) {
    const arrived = tunnelThrough(w, node, pkt, route);
    if ('verdict' in arrived) return arrived;
    return nodeInput(w, arrived.peer, arrived.pkt, FLANNEL_VXLAN);
  }
  return undefined;
}

/** A routed packet leaving through cni0: ARP finds the pod's MAC, the bridge switches to its port. */
function bridgeToLocalPod(w: Walk, node: DerivedNode, pkt: Pkt): Outcome {
  let pod: DerivedPod | undefined;
  for (const key of node.podKeys) {
    const p = w.cluster.podByKey.get(key);
    if (p && !p.hostNetwork && p.ips.includes(pkt.dstIP)) pod = p;
  }
  if (!pod?.eth0 || !pod.vethHost) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.nodeBridge(node.name),
      node: node.name,
      title: 'ARP on cni0 gets no answer',
      explain: `${pkt.dstIP} is inside ${node.name}'s pod range, so the node ARPs for it on cni0 — but no pod on this node has that address. The packet is dropped ("No route to host").`,
    });
    return stop(
      'unreachable',
      `No pod on ${node.name} has ${pkt.dstIP}: ARP on cni0 gets no answer.`,
    );
  }
  const mac = bridgeOf(node)?.mac;
  const out: Pkt = { ...pkt, srcMAC: mac, dstMAC: pod.eth0.mac };
  hop(w, out, {
    kind: 'bridge',
    at: ids.nodeBridge(node.name),
    node: node.name,
    title: `cni0 → ${pod.vethHost.name}`,
    rule: {
      source: 'ip neigh / bridge fdb',
      text: `${pkt.dstIP} dev cni0 lladdr ${pod.eth0.mac} REACHABLE · ${pod.eth0.mac} dev ${pod.vethHost.name} master cni0`,
    },
    explain: `${node.name} resolves ${pkt.dstIP} to ${pod.name}'s MAC ${pod.eth0.mac} (ARP on cni0) and the bridge switches the frame to that pod's port ${pod.vethHost.name}.`,
  });
  return bridgeIntoPod(w, node, pod, out);
}

/** How packets move on the bridge datapath (the tracer's view of it). */
export const bridgeWalk: CniWalk = {
  podNextHop: bridgeNextHop,
  fromPod: bridgeFromPod,
  out: bridgeOut,
  fromWire: () => undefined,
  atSocket: (_w, pkt) => pkt,
  // flannel enforces no policy; a policy engine beside it (canal) works on the pod's veth.
  policyHook: (_dir, pod, node) => ({
    at: ids.podEth0(pod.key),
    dev: pod.vethHost?.name ?? 'eth0',
    netns: `node/${node.name}`,
    where: `the host end of ${pod.name}'s veth (${pod.vethHost?.name ?? 'veth'})`,
    source: 'NetworkPolicy',
  }),
  writeRules: writeFlannelRules,
};
