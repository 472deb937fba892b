/**
 * The contract between the netfilter engine, the rule generators (kube-proxy, kubelet, CNI) and
 * the packet walker. Rules are kept as the text iptables-save prints AND as parsed matches, so
 * the text the user reads is the text the walk matched against.
 */
import type { Cidr } from '../addr/cidr';
import type { Family } from '../addr/ip';

export type NfTable = 'filter' | 'nat';
export type BuiltinChain = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';
export type NfProtocol = 'TCP' | 'UDP' | 'SCTP' | 'ICMP';
export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID';

/** The header fields netfilter looks at, plus the skb mark. */
export interface NfPacket {
  readonly family: Family;
  readonly srcIP: string;
  readonly dstIP: string;
  readonly protocol: NfProtocol;
  readonly srcPort?: number;
  readonly dstPort?: number;
  /** skb->mark (kube-proxy's masquerade bit is 0x4000). */
  readonly mark: number;
  /** `-i` (incoming interface), absent for locally generated packets. */
  readonly inIface?: string;
  /** `-o` (outgoing interface), known after routing (FORWARD, OUTPUT, POSTROUTING). */
  readonly outIface?: string;
}

/** Where a rule sits, for highlighting it in the node's iptables-save view. */
export interface RuleRef {
  readonly table: NfTable;
  readonly chain: string;
  /** 0-based position within its chain. */
  readonly index: number;
  /** 1-based line number in the node's iptables-save text. */
  readonly line: number;
  /** The rule exactly as iptables-save prints it ("-A KUBE-SERVICES ... -j KUBE-SVC-..."). */
  readonly text: string;
}

export interface NfContext {
  /** `-m addrtype --src-type/--dst-type LOCAL`: is this address local to the node? */
  readonly isLocal: (ip: string) => boolean;
  /** Connection state of this packet (`-m conntrack --ctstate`). */
  readonly ctstate: CtState;
  /** Seeded randomness for `-m statistic --mode random --probability p` (match iff random() < p). */
  readonly random: () => number;
  /**
   * Steer load balancing: when set ("ip:port", "[v6]:port"), statistic rules are resolved so the
   * walk reaches the KUBE-SEP chain that DNATs to this endpoint, if any does.
   */
  readonly preferredEndpoint?: string;
  /**
   * conntrack's virtual states `DNAT` / `SNAT` (`-m conntrack --ctstate DNAT`): whether this
   * connection's original destination / source was rewritten on this node. Absent = neither.
   */
  readonly natted?: { readonly dnat?: boolean; readonly snat?: boolean };
  /**
   * The source port `MASQUERADE --random-fully` picks for this packet. The kernel draws it at
   * random from 1024–65535 (nf_nat_l4proto_unique_tuple, NF_NAT_RANGE_PROTO_RANDOM_FULLY); a
   * walk passes a seeded choice. Absent: the port is kept (MASQUERADE without --random-fully keeps
   * a free port).
   */
  readonly randomPort?: (packet: NfPacket) => number | undefined;
  /** The members of an ipset (`-m set --match-set NAME`), as CIDRs; undefined when unknown. */
  readonly ipsets?: (name: string) => readonly Cidr[] | undefined;
  /** The source address MASQUERADE picks for an outgoing interface (the node's primary IP). */
  readonly masqueradeAddress: (outIface: string | undefined, family: Family) => string | undefined;
}

export type NfVerdict = 'ACCEPT' | 'DROP' | 'REJECT';

export interface HookResult {
  /** ACCEPT also when the chain ran out (built-in chain policy ACCEPT). */
  readonly verdict: NfVerdict;
  /** The packet after this hook: DNAT/SNAT/MASQUERADE and MARK applied. */
  readonly packet: NfPacket;
  /** Every rule that matched, in traversal order (jumps included). */
  readonly matched: readonly RuleRef[];
  /** The rule whose target decided the verdict (REJECT, DROP, ACCEPT, DNAT …), if any. */
  readonly decidedBy?: RuleRef;
  readonly dnat?: { readonly to: string; readonly rule: RuleRef };
  readonly snat?: {
    readonly to: string;
    readonly kind: 'MASQUERADE' | 'SNAT';
    readonly rule: RuleRef;
  };
  /**
   * Every DNAT target reachable through `statistic` branches from the chain that load-balanced,
   * in rule order ("ip:port", "[v6]:port") — kube-proxy's own test tracer semantics.
   */
  readonly candidates: readonly string[];
  /** The probability with which each candidate is chosen (same order as candidates). */
  readonly probabilities: readonly number[];
}
