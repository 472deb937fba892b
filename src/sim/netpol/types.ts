/**
 * Public types of NetworkPolicy (networking.k8s.io/v1) evaluation. Verdicts are plain data and
 * explain themselves, because the UI shows them at the exact hop of a walk.
 */
import type { Protocol } from '../model/k8s';

/** The protocols a connection can use. NetworkPolicy itself only defines TCP, UDP and SCTP. */
export type PolicyProtocol = Protocol | 'ICMP';

/** `ingress` is checked at the destination pod, `egress` at the source pod. */
export type PolicyDirection = 'ingress' | 'egress';

/**
 * One end of a connection. An IP that belongs to a pod is treated as that pod, a node's (or its
 * cni0 bridge's) address as that node; any other address is outside the pod network.
 */
export type Peer =
  | { readonly kind: 'pod'; readonly key: string }
  | { readonly kind: 'node'; readonly name: string }
  | { readonly kind: 'ip'; readonly ip: string };

/** The rule that admitted a connection. Indexes are 0-based array positions in the manifest. */
export interface AllowedBy {
  /** "namespace/name" of the NetworkPolicy. */
  readonly policy: string;
  readonly ruleIndex: number;
  /** Index in `from`/`to`; absent when the rule has no peers (= every peer). */
  readonly peerIndex?: number;
  /** Index in `ports`; absent when the rule has no ports (= every port). */
  readonly portIndex?: number;
  /** Short human summary, e.g. "ingress[0] from pods role=frontend in default on TCP 6379". */
  readonly text: string;
}

/** The verdict for one direction at one pod. */
export interface DirectionVerdict {
  readonly direction: PolicyDirection;
  /** The pod whose policies were evaluated ("namespace/name"). */
  readonly subject: string;
  /** Some NetworkPolicy selects the pod for this direction. */
  readonly isolated: boolean;
  /** "namespace/name" of every policy isolating the pod in this direction, sorted. */
  readonly selectingPolicies: readonly string[];
  readonly allowed: boolean;
  /** The first rule (in policy-key order) that admits the connection, when one does. */
  readonly allowedBy?: AllowedBy;
  /** Allowed whatever the policies say: a pod to itself, or ingress from the pod's own node. */
  readonly exemption?: 'self' | 'own-node';
  /** Set when the verdict depends on the CNI plugin (ICMP: the API defines TCP/UDP/SCTP only). */
  readonly cniDependent?: string;
  /** One sentence: why. */
  readonly reason: string;
}

/** Both ends of a connection: egress at a source pod AND ingress at a destination pod. */
export interface ConnectionVerdict {
  /** Absent when the source is not a pod (node or outside address): nothing to evaluate. */
  readonly egress?: DirectionVerdict;
  /** Absent when the destination is not a pod. */
  readonly ingress?: DirectionVerdict;
  readonly allowed: boolean;
  /** One sentence: the denying side's reason, or why it passes. */
  readonly reason: string;
}

/** Whether a pod is isolated, per direction (NetworkPolicy docs "The two sorts of pod isolation"). */
export interface Isolation {
  readonly ingress: boolean;
  readonly egress: boolean;
}

/** What one direction of a policy admits as peers, ignoring ports (for graph highlighting). */
export interface PeerSummary {
  /** Pod keys some rule admits, sorted. */
  readonly pods: readonly string[];
  /** ipBlock peers as text ("10.0.0.0/8 except 10.1.0.0/16"), in manifest order. */
  readonly cidrs: readonly string[];
  /** A rule with no `from`/`to` admits every address, inside and outside the cluster. */
  readonly anywhere: boolean;
}

/** Why a matrix cell has its value. */
export interface MatrixCell {
  readonly allowed: boolean;
  /**
   * The policy that decided: for an allowed cell the admitting policy (ingress side first), for a
   * denied cell the first policy isolating the denying side. Absent when nothing isolates either end.
   */
  readonly policy?: string;
  readonly direction?: PolicyDirection;
  readonly verdict: ConnectionVerdict;
}

/** The pod×pod connectivity matrix for one port and protocol. */
export interface ConnectivityMatrix {
  /** Pod keys, sorted; row and column order. */
  readonly pods: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly port: number | undefined;
  readonly protocol: PolicyProtocol;
  /** Row-major src×dst: `allowed[src * pods.length + dst]` is 1 when the connection is allowed. */
  readonly allowed: Uint8Array;
  /** Cell lookup by pod key or index. */
  isAllowed(src: string | number, dst: string | number): boolean;
  /** Explains a cell (evaluated on demand with the same compiled index). */
  decidingPolicy(src: string | number, dst: string | number): MatrixCell;
}
