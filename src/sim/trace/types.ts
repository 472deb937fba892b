/**
 * The trace (DESIGN.md §4, a contract): a request's walk and, when it is delivered, the reply back
 * through conntrack. Fields beyond the contract are optional extensions the UI uses.
 */
export type Verdict = 'delivered' | 'rejected' | 'dropped' | 'unreachable';
export type TraceProtocol = 'TCP' | 'UDP' | 'SCTP' | 'ICMP';

export interface Packet {
  readonly srcIP: string;
  readonly dstIP: string;
  readonly protocol: TraceProtocol;
  readonly srcPort?: number;
  readonly dstPort?: number;
  readonly srcMAC?: string;
  readonly dstMAC?: string;
  readonly ttl?: number;
  /**
   * The encapsulating header while tunnelled: VXLAN/Geneve (node IP → node IP, UDP 8472, 4789 or
   * 6081) or IP-in-IP (protocol "IPIP", IP protocol 4: no ports).
   */
  readonly outer?: OuterHeader;
  /** VXLAN network identifier of the outer header. */
  readonly vni?: number;
}

/** An outer (tunnel) header: a packet whose protocol may also be IP-in-IP. */
export interface OuterHeader extends Omit<Packet, 'protocol' | 'outer'> {
  readonly protocol: TraceProtocol | 'IPIP';
}

export type HopKind =
  | 'send'
  | 'loopback'
  | 'route'
  | 'veth'
  | 'bridge'
  | 'netfilter'
  | 'dnat'
  | 'snat'
  | 'unnat'
  | 'conntrack'
  | 'policy'
  | 'encap'
  | 'wire'
  | 'decap'
  | 'dns'
  | 'deliver'
  | 'drop';

export interface HopRule {
  /** What kind of table the rule comes from: "ip route", "bridge fdb", "iptables nat", "NetworkPolicy", … */
  readonly source: string;
  /** The rule as the Linux tool prints it (or the policy's name and rule). */
  readonly text: string;
}

/** A rule that matched during this hop, for highlighting in the node's rule view. */
export interface MatchedRule {
  readonly node: string;
  readonly family: 4 | 6;
  readonly table: string;
  readonly chain: string;
  /** 1-based line in the view's text (iptables-save, or nft list ruleset when `view` is "nft"). */
  readonly line: number;
  readonly text: string;
  /** The text `line` points into: absent = iptables-save; "nft" = nft list ruleset. */
  readonly view?: string;
  /** The map element that matched (nftables verdict maps), as nft prints it. */
  readonly element?: string;
}

export interface Hop {
  readonly direction: 'request' | 'reply';
  readonly node?: string;
  /** Id of the graph element where it happens. */
  readonly at: string;
  /** Id of the graph edge just crossed. */
  readonly via?: string;
  readonly kind: HopKind;
  /** Headers after this hop. */
  readonly packet: Packet;
  readonly rule?: HopRule;
  readonly explain: string;
  /** Every iptables rule that matched here, in order (netfilter, dnat, snat hops). */
  readonly rules?: readonly MatchedRule[];
  /** Other graph elements to highlight (the Service, the chosen endpoint's edge, a policy). */
  readonly highlight?: readonly string[];
  /** A short title for the hop list ("cni0 forwards to veth3a9c…"). */
  readonly title?: string;
  /** Hops of the DNS lookup that precedes a walk to a name. */
  readonly phase?: 'dns';
  /**
   * The Linux interface the packet is on at this hop, as `ip link` names it ("eth0", "cni0",
   * "veth1a2b3c4d", "flannel.1", "tunl0", "cali1a2b3c4d5e6", "lxc…", "cilium_vxlan", "lo").
   * Absent for hops outside the cluster (an outside client, a cloud load balancer).
   */
  readonly dev?: string;
  /** The network namespace of the hop: "node/NAME" or "pod/NS/NAME" (absent outside the cluster). */
  readonly netns?: string;
}

export interface Trace {
  readonly verdict: Verdict;
  /** One sentence: why it ended this way. */
  readonly reason: string;
  /** Every backend kube-proxy may DNAT this packet to, "ip:port" ("[v6]:port"), in rule order. */
  readonly candidates: readonly string[];
  /** The packet was marked for masquerade / SNATed on its way. */
  readonly masqueraded: boolean;
  /** Request hops, then reply hops. */
  readonly hops: readonly Hop[];
  /** Probability of each candidate (same order). */
  readonly probabilities?: readonly number[];
  /** The candidate this walk followed. */
  readonly chosen?: string;
  /** How the request's endpoints were understood. */
  readonly summary?: {
    readonly from: string;
    readonly to: string;
    readonly port?: number;
    readonly protocol: TraceProtocol;
  };
}

export interface TraceRequest {
  /** A ref (DESIGN.md §5): pod/NS/NAME, NS/NAME, deploy/NS/NAME, svc/NS/NAME, node/NAME, a DNS name or an IP. */
  readonly from: string;
  readonly to: string;
  readonly port?: number;
  readonly protocol?: TraceProtocol;
  /** Where an outside client's packet enters (or leaves from, for a node's own address). */
  readonly node?: string;
  /** Chooses among load-balanced endpoints (default 1). */
  readonly seed?: number;
  /** Follow this endpoint ("ip:port") when kube-proxy load-balances. */
  readonly endpoint?: string;
}
