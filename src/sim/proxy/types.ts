/**
 * The service-proxy seam (DESIGN.md §3): the packet walker asks a node's service proxy what
 * happens to a packet at a netfilter hook and gets back every rule that matched, as the proxy's
 * own tool prints it; the inspectors and the CLI ask it to print its own view of the node
 * (`iptables-save`, `nft list ruleset`). kube-proxy's iptables and nftables modes are two
 * implementations; the walker never branches on the mode's name.
 */
import type { Family } from '../addr/ip';
import type { Cluster, DerivedNode, DerivedService } from '../derive/types';
import type { NfContext, NfPacket, NfVerdict } from '../netfilter/types';

/** The five netfilter hooks of the IP stack (`nf_inet_hooks`). */
export type NfHook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';

/** A rule that matched, where the proxy's own view prints it. */
export interface ProxyRuleRef {
  /** Which text the line number points into ("iptables" = iptables-save, "nft" = nft list ruleset). */
  readonly view: string;
  /** What the rule is, as a hop names it: "iptables -t nat", "nft ip kube-proxy". */
  readonly source: string;
  /** The table ("nat", "filter", "ip kube-proxy"). */
  readonly table: string;
  readonly chain: string;
  /** 1-based line in the view's text. */
  readonly line: number;
  /** The rule exactly as the view prints it. */
  readonly text: string;
  /** For a map lookup: the element that matched, as the tool prints it. */
  readonly element?: string;
  /** …and the named map it belongs to (absent for an anonymous map inside the rule). */
  readonly map?: string;
}

/** One base chain (or built-in chain) walked at a hook. */
export interface ChainRun {
  /** Short name for hop titles: "nat PREROUTING", "nat-prerouting". */
  readonly title: string;
  /** The same, as a phrase: "the nat table's PREROUTING chain". */
  readonly where: string;
  /** How hops name rules of this chain: "iptables -t nat", "nft ip kube-proxy". */
  readonly source: string;
  /** ACCEPT also when the chain ran out (policy accept). */
  readonly verdict: NfVerdict;
  /** The packet after this chain (NAT and mark applied). */
  readonly packet: NfPacket;
  /** Every rule that matched, in traversal order. */
  readonly matched: readonly ProxyRuleRef[];
  /** The rule that decided the verdict (reject, drop, accept, a NAT statement), if any. */
  readonly decidedBy?: ProxyRuleRef;
  /** The comment of the deciding rule or map element, if it has one. */
  readonly comment?: string;
  readonly dnat?: { readonly to: string; readonly rule: ProxyRuleRef };
  readonly snat?: {
    readonly to: string;
    readonly kind: 'MASQUERADE' | 'SNAT';
    readonly rule: ProxyRuleRef;
  };
  /** Every endpoint the load-balancing rule may pick ("ip:port", "[v6]:port"), in rule order. */
  readonly candidates: readonly string[];
  /** The probability of each candidate (same order). */
  readonly probabilities: readonly number[];
  /** Whether kube-proxy (or the CNI) did something here worth a hop in the walk. */
  readonly interesting: boolean;
  /** Sentences in the proxy's own vocabulary for the hop's explanation (marks, affinity). */
  readonly notes: readonly string[];
  /** Whether the masquerade mark was set by kube-proxy's rules (as opposed to the CNI's). */
  readonly proxySnat?: boolean;
}

/** Everything a hook did: its chains in priority order and the overall verdict. */
export interface HookRun {
  readonly verdict: NfVerdict;
  readonly packet: NfPacket;
  readonly chains: readonly ChainRun[];
}

/** What the walker asks at a hook. */
export interface HookRequest {
  readonly cluster: Cluster;
  readonly node: DerivedNode;
  readonly hook: NfHook;
  readonly packet: NfPacket;
  readonly ctx: NfContext;
  /** Run the nat chains too: only a connection's first packet sees them (conntrack). */
  readonly nat: boolean;
}

/** A proxy's own view of a node: what its tool prints, line by line. */
export interface ProxyView {
  /** "iptables-save", "nft list ruleset". */
  readonly title: string;
  /** Matches ProxyRuleRef.view of the rules this text holds. */
  readonly view: string;
  readonly text: string;
}

/** One way of implementing Services on a node. */
export interface ServiceProxy {
  /** The KubeProxyConfiguration mode (or another proxy's name). */
  readonly mode: string;
  /** What its rules are called in prose ("iptables", "nftables"). */
  readonly label: string;
  /** Runs the node's rules at `hook` (every chain registered there, in priority order). */
  runHook(req: HookRequest): HookRun;
  /** The node's rules as the proxy's own tool prints them, for one IP family. */
  view(cluster: Cluster, node: string, family: Family): ProxyView;
  /** How ClientIP session affinity pins `client` to `to`, in the proxy's own terms. */
  explainAffinity?(svc: DerivedService, client: string, to: string): string;
}
