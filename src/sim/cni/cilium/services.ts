/**
 * Where Cilium translates Service addresses (reference/cni-datapaths.md §3.7):
 * - socket LB (kube-proxy replacement): connect()/sendmsg() in the client's socket rewrite the
 *   ClusterIP to a backend before any packet exists — the packet leaves the pod addressed to the
 *   backend, no node DNATs it, no conntrack entry on the node (kubeproxy-free.rst "Socket
 *   LoadBalancer Bypass"); the socket itself is connected to the backend, so replies need no
 *   reverse translation.
 * - tc LB at lxc (no replacement, or bpf-lb-sock-hostns-only for pods): cil_from_container DNATs
 *   per packet on the host side of the veth, before the node's netfilter; its CT entry
 *   reverse-translates the reply just before the client's lxc (cilium#10651).
 * - NodePort / LoadBalancer / externalIPs with replacement: from-netdev on the NIC DNATs, and for
 *   a backend on another node SNATs to the node (`bpf-lb-mode: snat`, the default) or keeps the
 *   client address (`dsr`; `hybrid`: DSR for TCP, SNAT for UDP).
 */
import type { DerivedNode, DerivedPod } from '../../derive/types';
import { ids } from '../../model/ids';
import { endpointText, hop, stop, type Outcome, type Pkt, type Walk } from '../../trace/walk';
import type { SocketSite } from '../types';

import type { CiliumConfig } from './config';
import { chooseBackend, lbText, lookupService, recordLb, serviceKey, type Lookup } from './lb';

function noBackend(
  w: Walk,
  pkt: Pkt,
  l: Lookup,
  at: string,
  node: string,
  dev: string,
  netns: string,
): Outcome {
  hop(w, pkt, {
    kind: 'drop',
    at,
    node,
    dev,
    netns,
    title: 'Service has no backends',
    rule: {
      source: 'eBPF service map (cilium-dbg service list)',
      text: `${endpointText(pkt.dstIP, pkt.dstPort)} ${l.svc.service.type} (no backends)`,
    },
    highlight: [ids.service(serviceKey(l))],
    explain: `${l.svc.name} has no ready backend${l.frontend === 'clusterIP' && l.svc.internalPolicyLocal ? ' on this node (internalTrafficPolicy: Local)' : l.frontend !== 'clusterIP' && l.svc.externalPolicyLocal ? ' on this node (externalTrafficPolicy: Local)' : ''}: Cilium drops the packet (DROP_NO_SERVICE) and answers with ICMP destination unreachable (service-no-backend-response: reject), so the client gets "connection refused".`,
  });
  return stop(
    'rejected',
    `${l.svc.name} has no backends: Cilium's eBPF load balancer rejects the connection.`,
  );
}

/** Socket LB: does this socket's connect() get its ClusterIP translated? */
export function socketLbApplies(cfg: CiliumConfig, site: SocketSite): boolean {
  return cfg.kubeProxyReplacement && (site.kind === 'node' || !cfg.sockHostnsOnly);
}

/** connect() in the client's socket: the ClusterIP becomes a backend before a packet exists. */
export function socketLb(w: Walk, cfg: CiliumConfig, pkt: Pkt, site: SocketSite): Pkt {
  if (!socketLbApplies(cfg, site)) return pkt;
  const node = site.kind === 'node' ? site.node : w.cluster.nodeByName.get(site.pod.nodeName ?? '');
  if (!node) return pkt;
  const l = lookupService(w, node, pkt, ['clusterIP', 'external', 'nodePort']);
  if (!l) return pkt;
  const b = chooseBackend(w, l);
  if (!b) return pkt; // The tc program on the way out rejects it (no backends).
  const out: Pkt = { ...pkt, dstIP: b.ip, dstPort: b.port };
  const netns = site.kind === 'pod' ? `pod/${site.pod.key}` : `node/${node.name}`;
  hop(w, out, {
    kind: 'dnat',
    at: site.at,
    node: node.name,
    dev: site.kind === 'pod' ? 'eth0' : undefined,
    netns,
    title: `connect(): socket LB ${endpointText(pkt.dstIP, pkt.dstPort)} → ${b.text}`,
    rule: {
      source: 'eBPF cgroup/connect4 (cil_sock4_connect)',
      text: `${endpointText(pkt.dstIP, pkt.dstPort)} ${l.svc.service.type} → ${b.text}`,
    },
    highlight: [ids.service(serviceKey(l)), ids.serviceEndpoint(serviceKey(l), b.ip)],
    explain: `kube-proxy replacement: Cilium's eBPF program on the cgroup connect() hook sees the socket connect to ${l.svc.name} at ${endpointText(pkt.dstIP, pkt.dstPort)} and rewrites the destination to a backend inside the ${site.kind === 'pod' ? `pod's (${site.pod.key})` : 'host’s'} socket, before any packet exists.${lbText(l, b)} The packet leaves ${site.kind === 'pod' ? 'the pod' : 'the node'} already addressed to ${b.text}: no node DNATs it, no conntrack entry, and tcpdump never shows the ClusterIP. The socket is connected to the backend itself (getpeername() is translated back), so the reply needs no un-NAT.`,
  });
  w.sent = { ...(w.sent ?? pkt), dstIP: b.ip, dstPort: b.port };
  return out;
}

/** tc LB at the client's lxc (cil_from_container): per-packet DNAT before netfilter. */
export function lxcLb(
  w: Walk,
  cfg: CiliumConfig,
  node: DerivedNode,
  pod: DerivedPod,
  pkt: Pkt,
): Pkt | Outcome {
  const l = lookupService(w, node, pkt, ['clusterIP', 'external', 'nodePort']);
  if (!l) return pkt;
  const lxc = pod.vethHost?.name ?? 'lxc';
  const b = chooseBackend(w, l);
  if (!b) return noBackend(w, pkt, l, node.podAttach.id, node.name, lxc, `node/${node.name}`);
  const out: Pkt = { ...pkt, dstIP: b.ip, dstPort: b.port };
  const why = cfg.kubeProxyReplacement
    ? 'bpf-lb-sock-hostns-only keeps the socket LB out of pods (for sidecar meshes), so the tc program on lxc translates instead'
    : 'without kube-proxy replacement Cilium still load-balances ClusterIP traffic from pods itself';
  hop(w, out, {
    kind: 'dnat',
    at: node.podAttach.id,
    node: node.name,
    dev: lxc,
    netns: `node/${node.name}`,
    title: `eBPF DNAT at ${lxc}: ${endpointText(pkt.dstIP, pkt.dstPort)} → ${b.text}`,
    rule: {
      source: 'eBPF service map (cilium-dbg service list)',
      text: `${endpointText(pkt.dstIP, pkt.dstPort)} ${l.svc.service.type} → ${b.text}`,
    },
    highlight: [ids.service(serviceKey(l)), ids.serviceEndpoint(serviceKey(l), b.ip)],
    explain: `cil_from_container on ${lxc} (tc ingress, the host side of ${pod.name}'s veth) looks the destination up in the service map: ${why}, per packet, before the node's netfilter ever sees it.${lbText(l, b)} Its own connection tracking (not netfilter's) remembers the translation for the reply.`,
  });
  recordLb(w, {
    node: node.name,
    where: 'lxc',
    client: { ip: pkt.srcIP, port: pkt.srcPort },
    frontend: { ip: pkt.dstIP, port: pkt.dstPort },
    backend: { ip: b.ip, port: b.port },
  });
  return out;
}

/** NodePort / LoadBalancer / externalIP on the NIC (from-netdev) with kube-proxy replacement. */
export function nodePortLb(
  w: Walk,
  cfg: CiliumConfig,
  node: DerivedNode,
  pkt: Pkt,
  backendNode: (ip: string) => DerivedNode | undefined,
): Pkt | Outcome | undefined {
  if (!cfg.kubeProxyReplacement) return undefined;
  const l = lookupService(w, node, pkt, ['nodePort', 'external']);
  if (!l) return undefined;
  const at = ids.nodeEth0(node.name);
  const netns = `node/${node.name}`;
  const b = chooseBackend(w, l);
  if (!b) return noBackend(w, pkt, l, at, node.name, 'eth0', netns);
  const dnat: Pkt = { ...pkt, dstIP: b.ip, dstPort: b.port };
  const remote = backendNode(b.ip);
  const away = remote !== undefined && remote.name !== node.name;
  const dsrWanted = cfg.lbMode === 'dsr' || (cfg.lbMode === 'hybrid' && pkt.protocol === 'TCP');
  const dsrPossible = cfg.routingMode === 'native' || cfg.tunnelProtocol === 'geneve';
  const dsr = away && dsrWanted && dsrPossible && !l.svc.externalPolicyLocal;
  const snat = away && !dsr && !l.svc.externalPolicyLocal;
  const nodeIp = node.ips.find((ip) => !ip.includes(':')) ?? pkt.dstIP;
  const out: Pkt = snat ? { ...dnat, srcIP: nodeIp } : dnat;
  hop(w, dnat, {
    kind: 'dnat',
    at,
    node: node.name,
    dev: 'eth0',
    netns,
    title: `eBPF NodePort (from-netdev): ${endpointText(pkt.dstIP, pkt.dstPort)} → ${b.text}`,
    rule: {
      source: 'eBPF service map (cilium-dbg service list)',
      text: `${endpointText(pkt.dstIP, pkt.dstPort)} ${l.frontend === 'nodePort' ? 'NodePort' : 'LoadBalancer'} → ${b.text}`,
    },
    highlight: [ids.service(serviceKey(l)), ids.serviceEndpoint(serviceKey(l), b.ip)],
    explain: `kube-proxy replacement: the tc program on ${node.name}'s eth0 (cil_from_netdev) matches ${endpointText(pkt.dstIP, pkt.dstPort)} in the service map before the kernel's stack sees the packet, and DNATs it to a backend.${lbText(l, b)}${!away ? ' The backend is on this node, so no SNAT is needed: the reply passes back through here.' : ''}${dsr ? ` bpf-lb-mode: ${cfg.lbMode} — no SNAT: the client address is kept and the Service address travels with the packet to ${remote?.name ?? 'the backend node'} (${cfg.routingMode === 'native' ? 'in an IPv4 option' : 'in a Geneve option'}), so that node answers the client directly from the Service address.` : ''}${away && l.svc.externalPolicyLocal ? '' : ''}`,
  });
  if (snat)
    hop(w, out, {
      kind: 'snat',
      at,
      node: node.name,
      dev: 'eth0',
      netns,
      title: `eBPF SNAT ${pkt.srcIP} → ${nodeIp}`,
      rule: {
        source: 'eBPF NAT map (cilium-dbg bpf nat list)',
        text: `${pkt.protocol} OUT ${endpointText(pkt.srcIP, pkt.srcPort)} -> ${b.text} XLATE_SRC ${endpointText(nodeIp, pkt.srcPort)}`,
      },
      explain: `The backend lives on ${remote?.name ?? 'another node'}, and bpf-lb-mode is ${cfg.lbMode}${cfg.lbMode !== 'snat' && !dsrPossible ? ` (DSR needs native routing or Geneve, so ${cfg.tunnelProtocol} tunnelling falls back to SNAT)` : ''}: the program SNATs the client ${pkt.srcIP} to ${nodeIp}, so the backend answers ${node.name}, which reverses both translations. The server sees ${nodeIp}, not the client.`,
    });
  if (snat) w.masqueraded = true;
  recordLb(w, {
    node: node.name,
    where: 'nodeport',
    client: { ip: pkt.srcIP, port: pkt.srcPort },
    frontend: { ip: pkt.dstIP, port: pkt.dstPort },
    backend: { ip: b.ip, port: b.port },
    ...(snat ? { snatTo: { ip: nodeIp, port: pkt.srcPort } } : {}),
    ...(dsr ? { dsr: true } : {}),
  });
  return out;
}
