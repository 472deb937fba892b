/**
 * The cluster as a running system would have it: every address allocated, every endpoint known,
 * every interface and route in place. Derived from a Scenario (never stored in it).
 */
import type { Family } from '../addr/ip';
import type {
  Container,
  EndpointSlice,
  NetworkPolicy,
  Protocol,
  ServiceType,
  TrafficPolicy,
  WorkloadKind,
} from '../model/k8s';
import type { ClusterSettings, Scenario } from '../model/scenario';
import type { CniDatapath } from '../cni/types';

import type { RouterPodRoute } from '../cni/cloudRoutes';

import type { ParsedSubnet } from './subnets';

/** A route the CNI tried to add that the kernel refused: the prefix was already taken. */
export interface RejectedRoute {
  readonly route: Route;
  /** The route already in the table for that prefix (File exists). */
  readonly existing?: Route;
  /** What `ip route add` prints. */
  readonly error: string;
}

/** One line of `ip route` output, plus the parsed fields the route lookup needs. */
export interface Route {
  readonly family: Family;
  /** "default" or a CIDR in network form. */
  readonly dst: string;
  readonly via?: string;
  readonly dev: string;
  /** `blackhole` routes drop what they match (Calico's per-block routes). */
  readonly type?: 'blackhole';
  readonly proto?: 'kernel' | 'static' | 'boot' | 'bird' | '80';
  readonly metric?: number;
  /** Route MTU (`mtu 1450`: Cilium's tunnel routes, Felix's tunnel routes). */
  readonly mtu?: number;
  readonly scope?: 'link' | 'host';
  readonly src?: string;
  readonly onlink?: boolean;
  /** The line exactly as `ip route` / `ip -6 route` prints it. */
  readonly text: string;
}

export interface IfaceAddr {
  readonly ip: string;
  readonly prefix: number;
  /** `ip addr`'s scope when not `global` (Cilium gives cilium_host's router IP `scope link`). */
  readonly scope?: 'link' | 'host';
}

export interface Iface {
  /** Graph element id. */
  readonly id: string;
  readonly name: string;
  readonly mac: string;
  readonly addrs: readonly IfaceAddr[];
  readonly mtu: number;
}

/** One line of `ip neigh` (a neighbour / ARP entry). */
export interface NeighEntry {
  readonly ip: string;
  readonly dev: string;
  readonly mac: string;
  readonly state: 'PERMANENT' | 'REACHABLE' | 'STALE';
  /** The line exactly as `ip neigh` prints it. */
  readonly text: string;
}

/** One line of `bridge fdb show`: where a MAC lives (a bridge port, or a VXLAN peer's address). */
export interface FdbEntry {
  readonly mac: string;
  readonly dev: string;
  /** VXLAN: the remote VTEP's address (the peer node's IP). */
  readonly dst?: string;
  /** The Kubernetes node the entry leads to. */
  readonly node?: string;
  readonly text: string;
}

/** What an overlay device does: how it wraps packets and where it sends them. */
export interface TunnelInfo {
  /** `vxlan` and `geneve` wrap in UDP; `ipip` is IP protocol 4 (no UDP, no inner Ethernet). */
  readonly encap: 'vxlan' | 'geneve' | 'ipip';
  /** VXLAN / Geneve network identifier (Cilium: the sender's security identity, per packet). */
  readonly vni?: number;
  /** Destination UDP port of the outer header (vxlan, geneve). */
  readonly port?: number;
  /** Bytes of outer headers, which is why the pod MTU is smaller. */
  readonly overhead: number;
}

/** A device the CNI creates in the node's root network namespace (cni0, flannel.1, tunl0, cilium_host, …). */
export interface NetDevice extends Iface {
  /** `ip -d link` link type. */
  readonly type: 'bridge' | 'vxlan' | 'ipip' | 'geneve' | 'veth';
  /** What it is for: the graph draws and the legend explains it by role. */
  readonly role: 'pod-bridge' | 'tunnel' | 'router' | 'router-peer';
  /** Link flags as `ip link` prints them, e.g. ["BROADCAST","MULTICAST","UP","LOWER_UP"]. */
  readonly flags: readonly string[];
  /** The `ip -d link` detail line ("vxlan id 1 local 192.168.1.11 dev eth0 … dstport 8472 nolearning"). */
  readonly details?: string;
  readonly tunnel?: TunnelInfo;
  /** Its peer (a veth pair such as cilium_host / cilium_net). */
  readonly peer?: string;
  /** One sentence for the inspector: what the CNI uses it for. */
  readonly note: string;
}

/**
 * Where pods plug into the node, drawn as the bar the host ends of the veths attach to: the cni0
 * bridge, or — for CNIs without a bridge — the host's routing (Calico) or eBPF datapath (Cilium).
 */
export interface PodAttach {
  /** Graph element id (for a bridge, the bridge's own id). */
  readonly id: string;
  readonly style: 'bridge' | 'routed' | 'ebpf';
  readonly label: string;
  /** The device name when the attachment is a real device (cni0). */
  readonly dev?: string;
}

/** One LAN segment of the node network (see derive/subnets.ts). */
export interface DerivedSubnet {
  /** Graph element id of its bus. */
  readonly id: string;
  /** Its blocks in network form, one per family ("192.168.1.0/24"). */
  readonly cidrs: readonly string[];
  /** The router's address on each block (same order as `cidrs`); '' when the block has no room. */
  readonly gateways: readonly string[];
  /**
   * `given`: a nodeNetwork entry the user gave; `inferred`: one an import read off the nodes'
   * addresses; `implicit`: the /24 (/64) of node addresses outside every entry.
   */
  readonly source: 'given' | 'inferred' | 'implicit';
  /** Its index in `cluster.nodeNetwork` (given and inferred subnets). */
  readonly index?: number;
  /** Names of the nodes whose primary address is on it, in node order. */
  readonly nodes: readonly string[];
  /** The router's MAC on this subnet (the nodes' default gateway's `lladdr`). */
  readonly routerMac: string;
}

export interface DerivedNode {
  readonly name: string;
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `topology.kubernetes.io/zone`; undefined when missing or empty. */
  readonly zone?: string;
  /** Id of the subnet its primary address is on (see `Cluster.subnets`). */
  readonly subnet?: string;
  /** InternalIP addresses, primary first (the node's eth0). */
  readonly ips: readonly string[];
  /** ExternalIP addresses (also local to the node). */
  readonly externalIps: readonly string[];
  /** Pod ranges in network form, one per family. */
  readonly podCIDRs: readonly string[];
  readonly podCIDRsAllocated: boolean;
  readonly eth0: Iface;
  /** The ranges the CNI hands this node's pod addresses out of (flannel: podCIDRs; Calico: its /26 blocks; Cilium: CiliumNode CIDRs). */
  readonly podRanges: readonly string[];
  /** The CNI's devices in the root namespace, in `ip link` order (not eth0, lo or the pods' veths). */
  readonly devices: readonly NetDevice[];
  /** Where the pods' host-side veths attach. */
  readonly podAttach: PodAttach;
  /** `ip neigh` entries the CNI writes, in `ip neigh` order. */
  readonly neigh: readonly NeighEntry[];
  /** `bridge fdb show` entries the CNI writes. */
  readonly fdb: readonly FdbEntry[];
  readonly routes: readonly Route[];
  /** Routes the CNI tried to add but the kernel refused (the prefix was taken, e.g. by eth0's). */
  readonly rejectedRoutes: readonly RejectedRoute[];
  /** Addresses the kernel treats as local (`ip route show table local`): addrtype LOCAL. */
  readonly localIps: readonly string[];
  readonly podKeys: readonly string[];
}

export interface DerivedPort {
  readonly container: string;
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

export interface DerivedPod {
  /** "namespace/name" */
  readonly key: string;
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The node it runs on (may name a missing node: see `nodeMissing`). */
  readonly nodeName?: string;
  readonly nodeMissing: boolean;
  /** Placed on a node by the explorer (no `spec.nodeName` given). */
  readonly scheduled: boolean;
  readonly hostNetwork: boolean;
  /** Pod IPs, one per family, primary first; [] when none could be allocated. */
  readonly ips: readonly string[];
  readonly ipAllocated: boolean;
  readonly ready: boolean;
  readonly containers: readonly Container[];
  readonly ports: readonly DerivedPort[];
  /** Pod-side eth0 (absent for hostNetwork pods). */
  readonly eth0?: Iface;
  /** Host end of the pod's veth pair (veth… on cni0, cali…, lxc…). */
  readonly vethHost?: Iface;
  /** The pod network namespace's routes (`ip netns exec … ip route`). */
  readonly routes: readonly Route[];
  /** The pod network namespace's `ip neigh` entries (Calico: 169.254.1.1 → ee:ee:ee:ee:ee:ee). */
  readonly neigh: readonly NeighEntry[];
  readonly workload?: { readonly kind: WorkloadKind; readonly name: string };
}

export interface DerivedServicePort {
  readonly name: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly targetPort: number | string;
  readonly nodePort?: number;
  readonly nodePortAllocated: boolean;
}

export interface DerivedService {
  readonly key: string;
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly type: ServiceType;
  readonly headless: boolean;
  /** ClusterIPs, primary first; [] for headless and ExternalName Services. */
  readonly clusterIPs: readonly string[];
  readonly clusterIPAllocated: boolean;
  readonly ports: readonly DerivedServicePort[];
  readonly selector?: Readonly<Record<string, string>>;
  readonly externalIPs: readonly string[];
  /** `status.loadBalancer.ingress[].ip` (given, or assigned by the simulated load balancer). */
  readonly loadBalancerIPs: readonly string[];
  readonly loadBalancerIPAllocated: boolean;
  readonly loadBalancerSourceRanges: readonly string[];
  readonly externalTrafficPolicy: TrafficPolicy;
  readonly internalTrafficPolicy: TrafficPolicy;
  readonly sessionAffinity: 'None' | 'ClientIP';
  readonly sessionAffinityTimeout: number;
  readonly healthCheckNodePort?: number;
  readonly externalName?: string;
  readonly publishNotReadyAddresses: boolean;
  /** `spec.trafficDistribution` as given (PreferClose, PreferSameZone, PreferSameNode). */
  readonly trafficDistribution?: string;
  /** `metadata.annotations` (the topology-mode annotation selects the Auto hints heuristic). */
  readonly annotations: Readonly<Record<string, string>>;
}

export interface DerivedEndpointSlice {
  readonly slice: EndpointSlice;
  readonly serviceKey: string;
  /** Computed by the explorer's EndpointSlice controller from the selector (not given). */
  readonly derived: boolean;
}

/** What the EndpointSlice controller decided about a Service's topology hints (derived slices). */
export interface HintsDecision {
  /** Which heuristic the Service asks for. */
  readonly heuristic: 'Auto' | 'PreferSameZone' | 'PreferSameNode' | 'none';
  /** Whether hints were written. */
  readonly enabled: boolean;
  /** Why, as the controller's event says it (TopologyAwareHintsDisabled messages included). */
  readonly reason: string;
  /** Auto: how many endpoints each zone got. */
  readonly perZone?: Readonly<Record<string, number>>;
}

export interface DerivedNamespace {
  readonly name: string;
  /** Includes `kubernetes.io/metadata.name`, which the control plane sets on every namespace. */
  readonly labels: Readonly<Record<string, string>>;
  readonly declared: boolean;
}

export interface DeriveNote {
  readonly code: string;
  readonly message: string;
  readonly objects: readonly string[];
}

/** Who owns an address, for resolving a walk's endpoints. */
export type IpOwner =
  | { readonly kind: 'pod'; readonly key: string }
  | { readonly kind: 'node'; readonly name: string }
  | {
      readonly kind: 'service';
      readonly key: string;
      readonly role: 'clusterIP' | 'externalIP' | 'loadBalancer';
    }
  /** An address on one of a node's CNI devices (cni0, flannel.1, tunl0, cilium_host, …). */
  | { readonly kind: 'device'; readonly node: string; readonly dev: string };

export interface ParsedSettings {
  readonly podSubnets: readonly string[];
  readonly serviceSubnets: readonly string[];
  /** Every block of every nodeNetwork subnet, as written. */
  readonly nodeNetworks: readonly string[];
  readonly nodeSubnets: readonly ParsedSubnet[];
  readonly nodeMask4: number;
  readonly nodeMask6: number;
}

export interface Cluster {
  readonly scenario: Scenario;
  readonly settings: ClusterSettings;
  /** The CNI datapath the cluster runs (the seam the tracer, graph and inspectors ask). */
  readonly datapath: CniDatapath;
  readonly parsed: ParsedSettings;
  readonly namespaces: readonly DerivedNamespace[];
  readonly nodes: readonly DerivedNode[];
  /** The node network's subnets (given, inferred, then implicit ones), joined by one router. */
  readonly subnets: readonly DerivedSubnet[];
  /** The router joining the subnets: the pod routes it holds (cloud-routes), in node order. */
  readonly router: { readonly podRoutes: readonly RouterPodRoute[] };
  readonly pods: readonly DerivedPod[];
  readonly services: readonly DerivedService[];
  readonly endpointSlices: readonly DerivedEndpointSlice[];
  /** The EndpointSlice controller's hints decision per Service key (Services with a selector). */
  readonly hints: ReadonlyMap<string, HintsDecision>;
  readonly networkPolicies: readonly NetworkPolicy[];
  readonly nodeByName: ReadonlyMap<string, DerivedNode>;
  readonly podByKey: ReadonlyMap<string, DerivedPod>;
  readonly serviceByKey: ReadonlyMap<string, DerivedService>;
  readonly namespaceByName: ReadonlyMap<string, DerivedNamespace>;
  /** Canonical address text → every object holding it (duplicates are a validation error). */
  readonly ipOwners: ReadonlyMap<string, readonly IpOwner[]>;
  readonly notes: readonly DeriveNote[];
}
