/**
 * Where Cilium's eBPF programs send a packet (reference/cni-datapaths.md §3.8): the ipcache maps
 * every endpoint's address to its node and security identity. A local endpoint gets the packet by
 * a redirect to its lxc device (ipv4_local_delivery: TTL −1, MACs rewritten, the destination's
 * ingress policy first); a remote one, in tunnel mode, through the collect-metadata tunnel device
 * with the remote node as outer destination and the sender's identity as VNI; the peer's
 * `from-overlay` program hands it to the endpoint. Anything else goes to the host's IP stack.
 */
import type { Cluster, DerivedNode, DerivedPod, NetDevice, Route } from '../../derive/types';
import { ids } from '../../model/ids';
import { podDeliver } from '../../trace/podSide';
import { checkPolicy } from '../../trace/policyStep';
import {
  DEFAULT_TTL,
  endpointText,
  hop,
  stop,
  type Outcome,
  type Pkt,
  type Walk,
} from '../../trace/walk';
import { hash32 } from '../../util/hash';
import { podIfindex, vethIn } from '../shared/veth';
import { tunnelThrough, type Arrived } from '../shared/vxlan';

import { lbStates } from './lb';

/** Reserved security identities (pkg/identity/numericidentity.go). */
export const HOST_ID = 1;
export const WORLD_ID = 2;
export const REMOTE_NODE_ID = 6;

/** A pod's security identity: one number per label set (cluster-wide identities start at 256). */
export function identityOf(pod: DerivedPod): number {
  const labels = Object.entries(pod.labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return 256 + (hash32(`identity:${pod.namespace}|${labels}`) % 65000);
}

/** A pod's endpoint id on its node (`cilium-dbg endpoint list`): the agent numbers them 1–4095. */
export const endpointIdOf = (podKey: string): number => hash32(`epid:${podKey}`) % 4096;

/** The pod's line in `cilium-dbg bpf endpoint list` (the lxc map). */
export const endpointMapText = (pod: DerivedPod, cluster: Cluster): string =>
  `${pod.ips[0] ?? ''}:0 id=${endpointIdOf(pod.key)} sec_id=${identityOf(pod)} ifindex=${podIfindex(cluster, pod)} mac=${pod.eth0?.mac ?? ''} nodemac=${pod.vethHost?.mac ?? ''}`;

/** The endpoint (a pod on the pod network) that owns `ip`, from the ipcache. */
export function endpointOf(w: Walk, ip: string): DerivedPod | undefined {
  for (const o of w.cluster.ipOwners.get(ip) ?? []) {
    if (o.kind !== 'pod') continue;
    const p = w.cluster.podByKey.get(o.key);
    if (p && !p.hostNetwork && p.nodeName !== undefined) return p;
  }
  return undefined;
}

/** The node whose address `ip` is (ipcache: reserved:remote-node / host). */
export function nodeOfIp(w: Walk, ip: string): DerivedNode | undefined {
  return w.cluster.nodes.find(
    (n) => n.ips.includes(ip) || (n.localIps.includes(ip) && ip !== '127.0.0.1' && ip !== '::1'),
  );
}

/** The eBPF program hands the packet to a local endpoint's lxc: policy, TTL, veth, the pod. */
export function toEndpoint(
  w: Walk,
  node: DerivedNode,
  pod: DerivedPod,
  pkt: Pkt,
  by: string,
): Outcome {
  let p = pkt;
  const lxc = pod.vethHost?.name ?? 'lxc';
  if (w.direction === 'reply') {
    const s = lbStates(w).find(
      (x) =>
        x.where === 'lxc' &&
        x.node === node.name &&
        x.client.ip === p.dstIP &&
        x.backend.ip === p.srcIP,
    );
    if (s) {
      const out: Pkt = {
        ...p,
        srcIP: s.frontend.ip,
        ...(s.frontend.port !== undefined ? { srcPort: s.frontend.port } : {}),
      };
      hop(w, out, {
        kind: 'unnat',
        at: node.podAttach.id,
        node: node.name,
        dev: lxc,
        netns: `node/${node.name}`,
        title: `eBPF rev-NAT ${endpointText(p.srcIP, p.srcPort)} → ${endpointText(out.srcIP, out.srcPort)}`,
        rule: {
          source: 'eBPF CT + rev-NAT map (cilium-dbg bpf lb list --revnat)',
          text: `${endpointText(s.frontend.ip, s.frontend.port)} ← ${endpointText(s.backend.ip, s.backend.port)}`,
        },
        explain: `The reply is headed for ${pod.name}, whose connection the lxc program translated on the way out. Its connection-tracking entry names the Service: the eBPF program rewrites the source back to ${endpointText(out.srcIP, out.srcPort)}, the address the client connected to — no netfilter conntrack is involved.`,
      });
      p = out;
    }
  } else {
    const denied = checkPolicy(w, 'ingress', pod, p, node);
    if (denied) return denied;
  }
  const ttl = (p.ttl ?? DEFAULT_TTL) - 1;
  const out: Pkt = { ...p, ttl, srcMAC: pod.vethHost?.mac, dstMAC: pod.eth0?.mac };
  hop(w, out, {
    kind: 'route',
    at: node.podAttach.id,
    node: node.name,
    dev: lxc,
    netns: `node/${node.name}`,
    title: `eBPF: local endpoint → ${lxc}`,
    rule: {
      source: 'eBPF endpoint map (cilium-dbg bpf endpoint list)',
      text: endpointMapText(pod, w.cluster),
    },
    explain: `${by} finds ${pkt.dstIP} in the endpoint map: ${pod.key} lives on this node behind ${lxc}. The program rewrites the MACs, decrements the TTL to ${ttl} (as a router would) and redirects the packet straight to ${lxc} — no bridge, no routing table, no netfilter.`,
  });
  vethIn(w, node, pod, out);
  return podDeliver(w, pod, node, out, false);
}

/** Encapsulates to `peer` through the tunnel device (identity as VNI) and decapsulates there. */
export function tunnelTo(
  w: Walk,
  node: DerivedNode,
  peer: DerivedNode,
  pkt: Pkt,
  devName: string,
  identity: { id: number; who: string },
  dstId: number,
): Arrived | Outcome {
  const peerIp = peer.ips.find((ip) => !ip.includes(':'));
  const route: Route = {
    family: 4,
    dst: `${pkt.dstIP}/32`,
    dev: devName,
    ...(peerIp ? { via: peerIp } : {}),
    text: '',
  };
  return tunnelThrough(w, node, pkt, route, (ww, n, dev: NetDevice | undefined, _r, p) => {
    const src = n.ips.find((ip) => !ip.includes(':'));
    const t = dev?.tunnel;
    if (!dev || !t || !src || !peerIp) {
      hop(ww, p, {
        kind: 'drop',
        at: ids.nodeDev(n.name, devName),
        node: n.name,
        title: 'no tunnel endpoint',
        explain: `${devName} is missing on ${n.name} or ${peer.name} has no IPv4 address: the packet cannot be encapsulated.`,
      });
      return stop('unreachable', `${n.name} cannot tunnel to ${peer.name}.`);
    }
    const sport =
      49152 + (hash32(`${p.srcIP}|${p.dstIP}|${p.srcPort ?? 0}|${p.dstPort ?? 0}`) % 16384);
    const port = t.port ?? 8472;
    const outer = {
      srcIP: src,
      dstIP: peerIp,
      protocol: 'UDP' as const,
      srcPort: sport,
      dstPort: port,
      ttl: DEFAULT_TTL,
    };
    const wrapped: Pkt = { ...p, srcMAC: dev.mac, dstMAC: undefined, outer, vni: identity.id };
    const kind = t.encap === 'geneve' ? 'Geneve' : 'VXLAN';
    hop(ww, wrapped, {
      kind: 'encap',
      at: dev.id,
      node: n.name,
      dev: devName,
      netns: `node/${n.name}`,
      title: `${kind} encap → ${peerIp}:${port}, VNI ${identity.id}`,
      rule: {
        source: 'eBPF ipcache (cilium-dbg bpf ipcache get)',
        text: `${p.dstIP}/32 identity=${dstId} encryptkey=0 tunnelendpoint=${peerIp}`,
      },
      explain: `The ipcache says ${p.dstIP} is behind node ${peer.name} (tunnel endpoint ${peerIp}). The eBPF program sets the tunnel key — outer destination ${peerIp}, VNI ${identity.id} = the security identity of ${identity.who} — and redirects the packet to ${devName}, which wraps it unchanged in UDP ${endpointText(src, sport)} → ${endpointText(peerIp, port)}. The receiver reads the sender's identity from the VNI, so its policy needs no ipcache lookup of the source. The ${t.overhead} bytes of headers are why the pods' routes carry mtu ${1500 - t.overhead}.`,
    });
    return { pkt: wrapped, peer };
  });
}

/** After decapsulation the peer's from-overlay program takes the inner packet. */
export function fromOverlayHop(
  w: Walk,
  node: DerivedNode,
  devName: string,
  pkt: Pkt,
  vni: number | undefined,
): void {
  hop(w, pkt, {
    kind: 'route',
    at: ids.nodeDev(node.name, devName),
    node: node.name,
    dev: devName,
    netns: `node/${node.name}`,
    title: `eBPF from-overlay on ${devName}`,
    rule: {
      source: 'tc ingress (bpftool net show)',
      text: `${devName}(…) tcx/ingress cil_from_overlay`,
    },
    explain: `${node.name}'s tc program on ${devName} (cil_from_overlay) takes the inner packet ${pkt.srcIP} → ${pkt.dstIP}${vni !== undefined ? ` and the source identity ${vni} from the tunnel key` : ''}.`,
  });
}

/** cilium_host's router address of a node. */
export const routerOf = (node: DerivedNode): string | undefined =>
  node.devices.find((d) => d.name === 'cilium_host')?.addrs[0]?.ip;
