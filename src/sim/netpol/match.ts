/**
 * Matching one connection end against a rule's peers and ports. Pods are looked up in the
 * precomputed per-peer bitsets; node and outside addresses can only match an ipBlock or a rule
 * without peers (API: selector peers select pods, never IPs — NPA t35, REC 14).
 */
import { cidrContainsIp, type Cidr } from '../addr/cidr';
import { canonicalIp, parseIp, type Ip } from '../addr/ip';
import type { DerivedPod } from '../derive/types';

import { hasBit } from './bitset';
import type { CompiledPeer, CompiledRule, NetpolIndex } from './compile';
import type { NormalizedPort } from './defaults';
import type { Peer, PolicyProtocol } from './types';

export interface CompiledBlock {
  readonly cidr?: Cidr;
  readonly except: readonly Cidr[];
  /** False when the cidr or an except entry does not parse: the block admits nothing. */
  readonly valid: boolean;
}

/**
 * API IPBlock: the address is in `cidr` and in none of the `except` CIDRs. Host bits written in
 * the CIDR ("192.168.242.213/24") are masked: it means the network (netpol.md §5).
 */
export function blockContains(b: CompiledBlock, a: Ip): boolean {
  if (!b.valid || !b.cidr || !cidrContainsIp(b.cidr, a)) return false;
  return !b.except.some((e) => cidrContainsIp(e, a));
}

/** A connection end resolved against the cluster. */
export interface ResolvedPeer {
  /** Index into NetpolIndex.pods when the end is a pod (hostNetwork pods included). */
  readonly idx?: number;
  /** The pod when it is on the pod network (named ports resolve only on these). */
  readonly pod?: DerivedPod;
  /** Node traffic: the node's name (a node address, or a hostNetwork pod on that node). */
  readonly node?: string;
  readonly ips: readonly Ip[];
  /** "10.244.1.2 (default/client)" */
  readonly label: string;
}

const parsed = (texts: readonly string[]): Ip[] =>
  texts.map((t) => parseIp(t)).flatMap((r) => (r.ok ? [r.value] : []));

function podPeer(ix: NetpolIndex, idx: number, ipText?: string): ResolvedPeer {
  const pod = ix.pods[idx] as DerivedPod;
  const ip = ipText ?? pod.ips[0];
  const ips = ix.podIps[idx] ?? [];
  if (pod.hostNetwork) {
    const where = pod.nodeName !== undefined ? ` on ${pod.nodeName}` : '';
    return {
      idx,
      ...(pod.nodeName !== undefined ? { node: pod.nodeName } : {}),
      ips,
      label: `${ip ?? '?'} (${pod.key}, hostNetwork${where})`,
    };
  }
  return { idx, pod, ips, label: ip !== undefined ? `${ip} (${pod.key})` : pod.key };
}

/**
 * Resolves a Peer. An IP owned by a pod is that pod; a node's InternalIP/ExternalIP or the address
 * of one of its CNI devices (cni0, flannel.1, tunl0, cilium_host) is that node (traffic the node itself sends); anything else is an address
 * outside the pod network. Service IPs are not translated: NetworkPolicy sees traffic after DNAT.
 */
export function resolvePeer(ix: NetpolIndex, peer: Peer): ResolvedPeer {
  const cluster = ix.cluster;
  switch (peer.kind) {
    case 'pod': {
      const idx = ix.podIndex.get(peer.key);
      return idx !== undefined ? podPeer(ix, idx) : { ips: [], label: `${peer.key} (no such pod)` };
    }
    case 'node': {
      const node = cluster.nodeByName.get(peer.name);
      const texts = node ? [...node.ips, ...node.externalIps] : [];
      const first = texts[0];
      return {
        node: peer.name,
        ips: parsed(texts),
        label: first !== undefined ? `${first} (node ${peer.name})` : `node ${peer.name}`,
      };
    }
    case 'ip': {
      const ip = canonicalIp(peer.ip);
      const owners = cluster.ipOwners.get(ip) ?? [];
      for (const o of owners) {
        if (o.kind !== 'pod') continue;
        const idx = ix.podIndex.get(o.key);
        if (idx !== undefined) return podPeer(ix, idx, ip);
      }
      for (const o of owners) {
        if (o.kind === 'node')
          return { node: o.name, ips: parsed([ip]), label: `${ip} (node ${o.name})` };
        if (o.kind === 'device')
          return { node: o.node, ips: parsed([ip]), label: `${ip} (node ${o.node}, ${o.dev})` };
      }
      const svc = owners.find((o) => o.kind === 'service');
      const label = svc && svc.kind === 'service' ? `${ip} (Service ${svc.key})` : ip;
      return { ips: parsed([ip]), label };
    }
  }
}

/** Whether one `from`/`to` entry admits the resolved peer. */
export function peerEntryMatches(entry: CompiledPeer, peer: ResolvedPeer): boolean {
  if (peer.idx !== undefined) return hasBit(entry.pods(), peer.idx);
  return entry.block !== undefined && peer.ips.some((a) => blockContains(entry.block!, a));
}

/** Index of the first entry admitting the peer; `undefined` = rule without peers; -1 = none. */
export function matchingPeerIndex(rule: CompiledRule, peer: ResolvedPeer): number | undefined {
  if (!rule.peers) return undefined;
  for (const e of rule.peers) if (peerEntryMatches(e, peer)) return e.index;
  return -1;
}

/**
 * One ports entry (API NetworkPolicyPort): protocol must match (TCP by default, so UDP/SCTP
 * entries never admit TCP); no port = every port of the protocol; `port..endPort` inclusive; a
 * named port resolves on the destination pod's container ports by name AND protocol and never
 * matches a destination that is not a pod on the pod network.
 */
export function portEntryMatches(
  q: NormalizedPort,
  port: number | undefined,
  protocol: PolicyProtocol,
  dstPod: DerivedPod | undefined,
): boolean {
  if (q.protocol !== protocol) return false;
  if (q.name !== undefined) {
    return (
      port !== undefined &&
      dstPod !== undefined &&
      dstPod.ports.some((c) => c.name === q.name && c.protocol === protocol && c.port === port)
    );
  }
  if (q.port === undefined) return true;
  return port !== undefined && port >= q.port && port <= (q.endPort ?? q.port);
}

/** Index of the first matching ports entry; `undefined` = rule without ports; -1 = none. */
export function matchingPortIndex(
  rule: CompiledRule,
  port: number | undefined,
  protocol: PolicyProtocol,
  dstPod: DerivedPod | undefined,
): number | undefined {
  if (!rule.ports) return undefined;
  return rule.ports.findIndex((q) => portEntryMatches(q, port, protocol, dstPod));
}
