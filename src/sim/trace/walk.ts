/**
 * The state of one walk: the hops so far, the connection's conntrack entries per node, the
 * load-balancing choice and the seeded randomness. Internal to the tracer.
 */
import type { Family } from '../addr/ip';
import type { Cluster } from '../derive/types';
import { hash32, seededRandom } from '../util/hash';

import type { Hop, HopKind, HopRule, MatchedRule, Packet, TraceProtocol, Verdict } from './types';

/** A packet as the walker carries it: the trace's Packet plus family and skb mark. */
export interface Pkt extends Omit<Packet, 'srcMAC' | 'dstMAC' | 'srcPort' | 'dstPort'> {
  readonly family: Family;
  readonly mark: number;
  readonly srcMAC?: string | undefined;
  readonly dstMAC?: string | undefined;
  readonly srcPort?: number | undefined;
  readonly dstPort?: number | undefined;
}

/** What conntrack remembers about the connection on one node (`conntrack -L`). */
export interface NatRecord {
  readonly node: string;
  /** The original tuple as it arrived on this node. */
  readonly orig: {
    readonly src: string;
    readonly sport?: number | undefined;
    readonly dst: string;
    readonly dport?: number | undefined;
  };
  readonly dnatTo?: { readonly ip: string; readonly port?: number | undefined } | undefined;
  readonly snatTo?: { readonly ip: string; readonly port?: number | undefined } | undefined;
  readonly text: string;
}

export interface Outcome {
  readonly verdict: Verdict;
  readonly reason: string;
}

export interface Walk {
  readonly cluster: Cluster;
  readonly hops: Hop[];
  direction: 'request' | 'reply';
  readonly random: () => number;
  /** The walk's seed (also picks the port MASQUERADE --random-fully rewrites to). */
  readonly seed: number;
  readonly preferredEndpoint?: string;
  candidates: readonly string[];
  probabilities: readonly number[];
  chosen?: string;
  masqueraded: boolean;
  readonly nat: Map<string, NatRecord>;
  /** The request as the client sent it (its reply must come back as this tuple reversed). */
  sent?: Pkt;
  /** Where the request was finally delivered (for the reply to start from). */
  delivered?: {
    readonly at: 'pod' | 'node' | 'external';
    readonly name: string;
    readonly packet: Pkt;
  };
  /** Guards against routing loops beyond TTL (each node visit counts). */
  steps: number;
  /** The container that opened the connection (the reply is delivered back to it). */
  clientContainer?: string | undefined;
  /** Graph element of the client socket when it is on a node (a node or a hostNetwork container). */
  clientAt?: string | undefined;
  /** The source pod whose egress NetworkPolicy is still to be checked (after DNAT). */
  egressPending?: string | undefined;
  /** The destination pod whose ingress NetworkPolicy was checked already (by the request). */
  ingressChecked?: string | undefined;
}

export const MAX_STEPS = 200;
export const DEFAULT_TTL = 64;

export function newWalk(cluster: Cluster, seed: number, preferredEndpoint?: string): Walk {
  return {
    cluster,
    hops: [],
    direction: 'request',
    random: seededRandom(hash32(`seed:${seed}`)),
    seed,
    ...(preferredEndpoint !== undefined ? { preferredEndpoint } : {}),
    candidates: [],
    probabilities: [],
    masqueraded: false,
    nat: new Map(),
    steps: 0,
  };
}

export interface HopInput {
  readonly kind: HopKind;
  readonly at: string;
  readonly node?: string | undefined;
  readonly via?: string | undefined;
  readonly rule?: HopRule | undefined;
  readonly rules?: readonly MatchedRule[] | undefined;
  readonly highlight?: readonly string[] | undefined;
  readonly title?: string | undefined;
  readonly explain: string;
  /** The interface the packet is on; defaults from `at` for interface elements (eth0, lo, cni0…). */
  readonly dev?: string | undefined;
  /** The network namespace; defaults to the pod of `at`, else the hop's node. */
  readonly netns?: string | undefined;
}

/** The pod key of a pod element id (`pod:NS/NAME`, `pod:NS/NAME/eth0`, `pod:NS/NAME/c/C`). */
function podKeyOf(at: string): string | undefined {
  if (!at.startsWith('pod:')) return undefined;
  const [ns, name] = at.slice(4).split('/');
  return ns !== undefined && name !== undefined ? `${ns}/${name}` : undefined;
}

/** The network namespace a hop at `at` happens in. */
export function netnsOf(at: string, node: string | undefined): string | undefined {
  // Outside clients, the internet and cloud load balancers are no namespace of the cluster.
  if (at.startsWith('ext:') || at.startsWith('lb:')) return undefined;
  const pod = podKeyOf(at);
  if (pod !== undefined) return `pod/${pod}`;
  return node !== undefined ? `node/${node}` : undefined;
}

/** The interface an element id stands for: `…/eth0`, `…/lo`, or a node device `node:N/DEV`. */
function devOf(at: string): string | undefined {
  if (at.endsWith('/eth0')) return 'eth0';
  if (at.endsWith('/lo')) return 'lo';
  const m = /^node:[^/]+\/(.+)$/.exec(at);
  if (m?.[1] !== undefined && !['routes', 'iptables', 'pods'].includes(m[1])) return m[1];
  return undefined;
}

/** Appends a hop carrying the packet as it is after this step. */
export function hop(w: Walk, pkt: Pkt, h: HopInput): void {
  const netns = h.netns ?? netnsOf(h.at, h.node);
  const dev = h.dev ?? devOf(h.at);
  w.hops.push({
    direction: w.direction,
    at: h.at,
    kind: h.kind,
    packet: toPacket(pkt),
    explain: h.explain,
    ...(h.node !== undefined ? { node: h.node } : {}),
    ...(h.via !== undefined ? { via: h.via } : {}),
    ...(h.rule !== undefined ? { rule: h.rule } : {}),
    ...(h.rules !== undefined && h.rules.length > 0 ? { rules: h.rules } : {}),
    ...(h.highlight !== undefined && h.highlight.length > 0 ? { highlight: h.highlight } : {}),
    ...(h.title !== undefined ? { title: h.title } : {}),
    ...(dev !== undefined ? { dev } : {}),
    ...(netns !== undefined ? { netns } : {}),
  });
}

export function toPacket(p: Pkt): Packet {
  return {
    srcIP: p.srcIP,
    dstIP: p.dstIP,
    protocol: p.protocol,
    ...(p.srcPort !== undefined ? { srcPort: p.srcPort } : {}),
    ...(p.dstPort !== undefined ? { dstPort: p.dstPort } : {}),
    ...(p.srcMAC !== undefined ? { srcMAC: p.srcMAC } : {}),
    ...(p.dstMAC !== undefined ? { dstMAC: p.dstMAC } : {}),
    ...(p.ttl !== undefined ? { ttl: p.ttl } : {}),
    ...(p.outer !== undefined ? { outer: p.outer } : {}),
    ...(p.vni !== undefined ? { vni: p.vni } : {}),
  };
}

export const hasPorts = (proto: TraceProtocol): boolean => proto !== 'ICMP';

/** "10.244.1.2:43512" / "[fd00::2]:80" / "10.0.0.1" (ICMP). */
export function endpointText(ip: string, port?: number): string {
  if (port === undefined) return ip;
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** Linux picks source ports from ip_local_port_range (32768–60999); here, a stable choice. */
export function ephemeralPort(seed: string): number {
  return 32768 + (hash32(seed) % (60999 - 32768 + 1));
}

/**
 * The source port `MASQUERADE --random-fully` rewrites to. The kernel draws it at random
 * (nf_nat_l4proto_unique_tuple with NF_NAT_RANGE_PROTO_RANDOM_FULLY) from 1024–65535 when the
 * client's port is ≥ 1024, 600–1023 below that and 1–511 below 512; here it is a stable choice
 * from the walk's seed and the connection, so the same walk always shows the same port.
 */
export function randomFullyPort(
  seed: number,
  p: { srcIP: string; srcPort?: number; dstIP: string; dstPort?: number; protocol: string },
): number | undefined {
  if (p.srcPort === undefined) return undefined;
  const [min, size] = p.srcPort < 512 ? [1, 511] : p.srcPort < 1024 ? [600, 424] : [1024, 64512];
  const key = `masq:${seed}|${p.protocol}|${p.srcIP}|${p.srcPort}|${p.dstIP}|${p.dstPort ?? 0}`;
  return min + (hash32(key) % size);
}

export function stop(verdict: Verdict, reason: string): Outcome {
  return { verdict, reason };
}

/** "opens a TCP connection" / "sends a UDP datagram" / "sends an ICMP echo request (ping)". */
export function opensText(protocol: string): string {
  if (protocol === 'ICMP') return 'sends an ICMP echo request (ping)';
  if (protocol === 'UDP') return 'sends a UDP datagram';
  return `opens a ${protocol} connection`;
}

/** What the client has once the reply is back: a connection, an answer, or a pong. */
export function replyArrivedText(protocol: string): string {
  if (protocol === 'ICMP') return 'ping gets its echo reply';
  if (protocol === 'UDP') return 'the client gets its answer';
  return 'the connection is established end to end';
}
