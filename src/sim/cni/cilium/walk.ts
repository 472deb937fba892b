/**
 * The walk through Cilium's datapath (reference/cni-datapaths.md §3.8). The pod's ARP for its
 * gateway is answered by eBPF on lxc; what the pod sends is handled by cil_from_container on the
 * host end of its veth: Service translation (unless the socket already did it), the pod's egress
 * policy, then a redirect to a local endpoint, the tunnel device, or the host's IP stack. On
 * eth0, cil_from_netdev takes NodePort traffic (kube-proxy replacement) and packets for local
 * endpoints; cilium_host takes what the host routes to pods.
 */
import type { DerivedNode, DerivedPod, Route } from '../../derive/types';
import { ids } from '../../model/ids';
import { nodeInput } from '../../trace/nodeSide';
import { checkPolicy } from '../../trace/policyStep';
import { endpointText, hop, stop, type Outcome, type Pkt, type Walk } from '../../trace/walk';
import { vethOut } from '../shared/veth';
import type { CniWalk, NextHop } from '../types';

import { configOf, type CiliumConfig } from './config';
import {
  endpointOf,
  fromOverlayHop,
  HOST_ID,
  identityOf,
  nodeOfIp,
  REMOTE_NODE_ID,
  toEndpoint,
  tunnelTo,
  WORLD_ID,
} from './deliver';
import { CILIUM_HOST } from './ipam';
import { lbStates } from './lb';
import { CILIUM_NET, tunnelDev } from './node';
import { writeCiliumRules } from './rules';
import { lxcLb, nodePortLb, socketLb, socketLbApplies } from './services';

const DEFAULTS: CiliumConfig = {
  routingMode: 'tunnel',
  tunnelProtocol: 'vxlan',
  tunnelPort: 8472,
  kubeProxyReplacement: false,
  ipam: 'cluster-pool',
  poolCidrs: [],
  maskSize: 24,
  lbMode: 'snat',
  autoDirectNodeRoutes: false,
  masquerade: true,
  sockHostnsOnly: false,
  fromConfigMap: false,
};
const cfgOf = (w: Walk): CiliumConfig => configOf(w.cluster.datapath) ?? DEFAULTS;

function nextHop(_w: Walk, node: DerivedNode, pod: DerivedPod, route: Route, pkt: Pkt): NextHop {
  const mac = pod.vethHost?.mac ?? '';
  const gw = route.via ?? pkt.dstIP;
  return {
    ok: true,
    dstMAC: mac,
    neigh: `${gw} dev eth0 lladdr ${mac} REACHABLE`,
    title: `via ${gw} (cilium_host), ARP answered by eBPF`,
    explain: `The pod's routes send ${pkt.dstIP} to ${gw}${route.mtu !== undefined ? ` (route mtu ${route.mtu}: the tunnel's overhead)` : ''} — the router IP of ${node.name}, which lives on cilium_host, not on the veth. The pod ARPs for it on eth0 and the eBPF program on ${pod.vethHost?.name ?? 'lxc'} answers with that device's own MAC ${mac} (bpf_lxc tail_handle_arp), so the frame goes to the host end of the veth.`,
  };
}

/** What the eBPF datapath does with a packet whose Service translation and policy are done. */
function forwardFromEndpoint(
  w: Walk,
  node: DerivedNode,
  pkt: Pkt,
  from: { pod?: DerivedPod; dev: string; id: number; who: string },
): Outcome {
  const cfg = cfgOf(w);
  const ep = endpointOf(w, pkt.dstIP);
  if (ep && ep.nodeName === node.name)
    return toEndpoint(w, node, ep, pkt, `The eBPF program on ${from.dev}`);
  const tdev = tunnelDev(cfg);
  const peerNode = ep ? w.cluster.nodeByName.get(ep.nodeName ?? '') : nodeOfIp(w, pkt.dstIP);
  if (tdev && peerNode && peerNode.name !== node.name) {
    const arrived = tunnelTo(
      w,
      node,
      peerNode,
      pkt,
      tdev,
      from,
      ep ? identityOf(ep) : REMOTE_NODE_ID,
    );
    if ('verdict' in arrived) return arrived;
    return fromOverlay(w, arrived.peer, arrived.pkt, tdev, from.id);
  }
  if (from.dev === CILIUM_NET) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.nodeDev(node.name, CILIUM_HOST),
      node: node.name,
      dev: CILIUM_NET,
      title: 'no endpoint',
      explain: `No endpoint on ${node.name} has ${pkt.dstIP}, and it is not behind a tunnel: the eBPF program drops it.`,
    });
    return stop('unreachable', `No Cilium endpoint has ${pkt.dstIP} on ${node.name}.`);
  }
  hop(w, pkt, {
    kind: 'route',
    at: node.podAttach.id,
    node: node.name,
    dev: from.dev,
    netns: `node/${node.name}`,
    title: `eBPF → host stack (${cfg.routingMode === 'native' ? 'native routing' : 'not a pod address'})`,
    rule: {
      source: 'eBPF ipcache (cilium-dbg bpf ipcache get)',
      text: `${pkt.dstIP} ${ep ? `→ ${ep.nodeName ?? ''}` : peerNode ? `identity=${REMOTE_NODE_ID} (remote-node)` : `identity=${WORLD_ID} (world)`}`,
    },
    explain: `${ep ? `${pkt.dstIP} is an endpoint on ${ep.nodeName ?? 'another node'}; in native routing mode the program passes the packet to the kernel, whose routing table carries it there` : `${pkt.dstIP} is no endpoint of this cluster${peerNode ? ` (it is node ${peerNode.name})` : ''}; the program passes the packet to the host's IP stack`} — into netfilter and the routing table, as if it had arrived on ${from.dev}.`,
  });
  return nodeInput(w, node, pkt, from.dev, from.pod);
}

/** The peer's from-overlay program: NodePort replies are reverse-translated, endpoints get the packet. */
function fromOverlay(w: Walk, node: DerivedNode, pkt: Pkt, dev: string, vni: number): Outcome {
  fromOverlayHop(w, node, dev, pkt, vni);
  const ep = endpointOf(w, pkt.dstIP);
  if (ep && ep.nodeName === node.name) return toEndpoint(w, node, ep, pkt, `cil_from_overlay`);
  const rev = nodePortReply(w, node, pkt, dev);
  if (rev) return rev;
  return nodeInput(w, node, pkt, dev);
}

/** A reply to a NodePort connection SNATed on this node: undo SNAT and DNAT, back out of eth0. */
function nodePortReply(w: Walk, node: DerivedNode, pkt: Pkt, dev: string): Outcome | undefined {
  if (w.direction !== 'reply') return undefined;
  const s = lbStates(w).find(
    (x) =>
      x.where === 'nodeport' &&
      x.node === node.name &&
      x.snatTo &&
      x.snatTo.ip === pkt.dstIP &&
      x.backend.ip === pkt.srcIP,
  );
  if (!s) return undefined;
  const out: Pkt = {
    ...pkt,
    srcIP: s.frontend.ip,
    dstIP: s.client.ip,
    ...(s.frontend.port !== undefined ? { srcPort: s.frontend.port } : {}),
    ...(s.client.port !== undefined ? { dstPort: s.client.port } : {}),
  };
  hop(w, out, {
    kind: 'unnat',
    at: ids.nodeEth0(node.name),
    node: node.name,
    dev,
    netns: `node/${node.name}`,
    title: `eBPF rev-NAT → ${endpointText(out.dstIP, out.dstPort)}`,
    rule: {
      source: 'eBPF NAT map (cilium-dbg bpf nat list)',
      text: `${pkt.protocol} IN ${endpointText(pkt.srcIP, pkt.srcPort)} -> ${endpointText(pkt.dstIP, pkt.dstPort)} XLATE_DST ${endpointText(s.client.ip, s.client.port)}`,
    },
    explain: `The backend's answer comes back to ${node.name}, the address it saw as the client. Cilium's NAT and rev-NAT maps undo both translations: the destination becomes the client ${endpointText(out.dstIP, out.dstPort)} again and the source the Service address ${endpointText(out.srcIP, out.srcPort)} it connected to.`,
  });
  return nodeInput(w, node, out, dev);
}

/** DSR: the backend's node answers the client directly, from the Service address. */
function dsrReply(w: Walk, node: DerivedNode, pod: DerivedPod, pkt: Pkt): Pkt {
  const s = lbStates(w).find(
    (x) =>
      x.where === 'nodeport' && x.dsr && x.backend.ip === pkt.srcIP && x.client.ip === pkt.dstIP,
  );
  if (!s) return pkt;
  const out: Pkt = {
    ...pkt,
    srcIP: s.frontend.ip,
    ...(s.frontend.port !== undefined ? { srcPort: s.frontend.port } : {}),
  };
  hop(w, out, {
    kind: 'unnat',
    at: node.podAttach.id,
    node: node.name,
    dev: pod.vethHost?.name ?? 'lxc',
    netns: `node/${node.name}`,
    title: `DSR rev-NAT ${endpointText(pkt.srcIP, pkt.srcPort)} → ${endpointText(out.srcIP, out.srcPort)}`,
    rule: {
      source: 'eBPF CT entry (DSR)',
      text: `${endpointText(s.frontend.ip, s.frontend.port)} ← ${endpointText(s.backend.ip, s.backend.port)}`,
    },
    explain: `bpf-lb-mode: dsr — the request carried the Service address to this node (${cfgOf(w).routingMode === 'native' ? 'in an IPv4 option' : 'in a Geneve option'}), so the reply is rewritten to come from ${endpointText(out.srcIP, out.srcPort)} here and goes straight to the client, without passing back through ${s.node}.`,
  });
  return out;
}

export const ciliumWalk: CniWalk = {
  podNextHop: nextHop,
  fromPod(w, node, pod, pkt) {
    const cfg = cfgOf(w);
    const lxc = pod.vethHost?.name ?? 'lxc';
    vethOut(w, node, pod, pkt, {
      at: node.podAttach.id,
      explain: `A veth pair is a virtual cable: what ${pod.name} sends on eth0 comes out of ${lxc} in the host's namespace. There is no bridge: the eBPF program attached to ${lxc}'s tc ingress (cil_from_container) handles every packet the pod sends.`,
    });
    let p: Pkt = pkt;
    if (w.direction === 'request') {
      if (!socketLbApplies(cfg, { kind: 'pod', pod, at: '' })) {
        const t = lxcLb(w, cfg, node, pod, p);
        if ('verdict' in t) return t;
        p = t;
      }
      // Egress policy is checked after any Service translation, on the backend's address.
      const denied = checkPolicy(w, 'egress', pod, p, node);
      if (denied) return denied;
    } else p = dsrReply(w, node, pod, p);
    return forwardFromEndpoint(w, node, p, { pod, dev: lxc, id: identityOf(pod), who: pod.key });
  },
  out(w, node, pkt, route) {
    if (route.dev !== CILIUM_HOST) return undefined;
    hop(w, pkt, {
      kind: 'veth',
      at: ids.nodeDev(node.name, CILIUM_HOST),
      node: node.name,
      dev: CILIUM_HOST,
      netns: `node/${node.name}`,
      title: `${CILIUM_HOST} → ${CILIUM_NET} (eBPF)`,
      rule: { source: 'ip route', text: route.text },
      explain: `The host's route sends ${pkt.dstIP} into cilium_host; it comes out of its veth peer cilium_net, where Cilium's eBPF program takes it (source ${pkt.srcIP}${route.src !== undefined && pkt.srcIP === route.src ? ', the route’s src: the router IP' : ''}).`,
    });
    return forwardFromEndpoint(w, node, pkt, {
      dev: CILIUM_NET,
      id: HOST_ID,
      who: `${node.name} (reserved:host)`,
    });
  },
  fromWire(w, node, pkt) {
    if (pkt.outer) return undefined;
    const cfg = cfgOf(w);
    if (w.direction === 'request') {
      const t = nodePortLb(w, cfg, node, pkt, (ip) => {
        const e = endpointOf(w, ip);
        return e ? w.cluster.nodeByName.get(e.nodeName ?? '') : undefined;
      });
      if (t && 'verdict' in t) return t;
      if (t)
        return forwardFromEndpoint(w, node, t, {
          dev: 'eth0',
          id: WORLD_ID,
          who: 'the outside client (reserved:world)',
        });
    } else {
      const rev = nodePortReply(w, node, pkt, 'eth0');
      if (rev) return rev;
    }
    const ep = endpointOf(w, pkt.dstIP);
    if (ep && ep.nodeName === node.name)
      return toEndpoint(w, node, ep, pkt, `cil_from_netdev on ${node.name}'s eth0`);
    return undefined;
  },
  atSocket: (w, pkt, site) => socketLb(w, cfgOf(w), pkt, site),
  policyHook: (dir, pod, node) => ({
    at: ids.podEth0(pod.key),
    dev: pod.vethHost?.name ?? 'lxc',
    netns: `node/${node.name}`,
    where:
      dir === 'egress'
        ? `eBPF on ${pod.vethHost?.name ?? 'lxc'} (tc ingress, cil_from_container), as the packet leaves the pod`
        : `eBPF on ${node.name} just before ${pod.vethHost?.name ?? 'lxc'} (the endpoint's policy program), by the source's security identity`,
    source: 'NetworkPolicy (Cilium eBPF policy map)',
  }),
  writeRules: writeCiliumRules,
};
