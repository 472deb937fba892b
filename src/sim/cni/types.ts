/**
 * The CNI datapath seam (DESIGN.md §3). One implementation per kind of CNI — `bridge` (flannel
 * host-gw and VXLAN), `calico`, `cilium` — derives what the CNI puts on a node (devices, addresses,
 * routes, neighbours) and in a pod's network namespace (CniDatapath), and moves a packet between a
 * pod and its node and between nodes (CniWalk: ARP or proxy ARP, veths, tunnels, eBPF redirects,
 * where NetworkPolicy is enforced). The derivation, the tracer, the graph and the inspectors ask
 * the datapath; none of them branches on the CNI's name.
 *
 * Adding a datapath: implement CniPlugin (derivation) and a CniWalk factory in its own folder;
 * list the plugin's loader in registry.ts and register the walk in trace/cniWalk.ts.
 */
import type { Cidr } from '../addr/cidr';
import type { NodeAddressing } from '../derive/nodes';
import type {
  Cluster,
  DerivedNode,
  DerivedPod,
  DeriveNote,
  FdbEntry,
  Iface,
  NeighEntry,
  NetDevice,
  ParsedSettings,
  PodAttach,
  Route,
} from '../derive/types';
import type { ProxyContext } from '../kubeproxy/context';

import type { RouterPodRoute } from './cloudRoutes';
import type { CniMode, Scenario } from '../model/scenario';
import type { Outcome, Pkt, Walk } from '../trace/walk';

export type CniKind = 'bridge' | 'calico' | 'cilium';

/** What the configured CNI is and does, in words and numbers (for the UI, legend and walks). */
export interface CniProfile {
  readonly kind: CniKind;
  readonly mode: CniMode;
  /** "flannel host-gw", "Calico IP-in-IP (ipipMode: Always)", "Cilium VXLAN + kube-proxy replacement". */
  readonly name: string;
  /** Short variant name for pickers and tables ("IP-in-IP", "native routing"). */
  readonly variant: string;
  /** One or two sentences: what a packet meets on this datapath. */
  readonly summary: string;
  /** The modelled version, where route text or defaults changed between releases. */
  readonly version?: string;
  /** How pod traffic crosses nodes ("VXLAN, UDP 8472, VNI 1", "none: routes via the peer's eth0"). */
  readonly encapsulation: string;
  /** Where pod addresses come from. */
  readonly ipam: string;
  /** Where NetworkPolicy is enforced. */
  readonly policy: string;
  /** Where a pod's connection to a ClusterIP is translated to a backend. */
  readonly serviceNat: string;
  /** What happens to the source of pod traffic leaving the pod network. */
  readonly masquerade: string;
  /** The MTU of pods' eth0. */
  readonly podMtu: number;
  /** Whether kube-proxy's rules are on the nodes (false with Cilium's kube-proxy replacement). */
  readonly kubeProxy: boolean;
  /** Who translates Services when kube-proxy does not run, as walks and inspectors name it. */
  readonly serviceLb?: ServiceLbWords;
  /** NetworkPolicy ipBlock peers match in-cluster pod IPs (Cilium: no — identity comes first). */
  readonly ipBlockMatchesPods: boolean;
  /** Terms for the legend: the CNI's objects and what they do. */
  readonly legend: readonly { readonly term: string; readonly text: string }[];
  /** Things the walk cannot show for this configuration (one sentence each). */
  readonly caveats: readonly string[];
}

/** How walks name the Service translator: kube-proxy's words, or the datapath's that replaces it. */
export interface ServiceLbWords {
  /** "kube-proxy", "Cilium's eBPF load balancer". */
  readonly actor: string;
  /** "kube-proxy's DNAT rules", "entries in Cilium's eBPF service map". */
  readonly rules: string;
  /** "kube-proxy rule", "eBPF service-map entry". */
  readonly rule: string;
}

/** A node's address plan as the datapath sees it during derivation. */
export interface NodePlan extends NodeAddressing {
  /** The CNI's ranges on this node (see IpamResult.podRanges). */
  readonly podRanges: readonly string[];
  /** Addresses the CNI gives its own devices on this node (cni0's gateway, tunl0, cilium_host). */
  readonly deviceAddrs: readonly DeviceAddr[];
}

export interface DeviceAddr {
  readonly dev: string;
  readonly ip: string;
  readonly prefix: number;
}

/** A pod placed on a node, before it has an address. */
export interface PlacedPod {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly nodeName?: string;
  readonly hostNetwork: boolean;
  /** Addresses given in status.podIP(s), canonical. */
  readonly explicitIps: readonly string[];
}

export interface IpamInput {
  readonly scenario: Scenario;
  readonly parsed: ParsedSettings;
  readonly nodes: readonly NodeAddressing[];
  /** Every pod in creation order, placed (hostNetwork pods and pods on missing nodes get no address). */
  readonly pods: readonly PlacedPod[];
  /** Addresses known to belong to pods (given pod IPs, given EndpointSlice addresses). */
  readonly explicitIps: ReadonlySet<string>;
  readonly notes: DeriveNote[];
}

export interface IpamResult {
  /** Node → the ranges its pods' addresses come from. */
  readonly podRanges: ReadonlyMap<string, readonly string[]>;
  /** Pod key → allocated addresses (pods without given ones), primary first. */
  readonly podIps: ReadonlyMap<string, readonly string[]>;
  /** Node → addresses of the CNI's own devices. */
  readonly deviceAddrs: ReadonlyMap<string, readonly DeviceAddr[]>;
}

export interface NodeInput {
  readonly self: NodePlan;
  /** Every node, this one included, in node order. */
  readonly nodes: readonly NodePlan[];
  /** The node's pods with a pod network (not hostNetwork), wired (see CniDatapath.pod). */
  readonly pods: readonly WiredPod[];
  /** The node networks, parsed. */
  readonly parsed: ParsedSettings;
  /** The id of the node subnet an address is on (undefined when on none). */
  readonly subnetOf: (ip: string) => string | undefined;
}

export interface WiredPod {
  readonly key: string;
  readonly ips: readonly string[];
  readonly eth0: Iface;
  readonly vethHost: Iface;
}

/** What the CNI adds to a node's root namespace. */
export interface CniNodeState {
  readonly devices: readonly NetDevice[];
  readonly podAttach: PodAttach;
  /** The CNI's routes, in the order it installs them (after eth0's). */
  readonly routes: readonly Route[];
  readonly neigh: readonly NeighEntry[];
  readonly fdb: readonly FdbEntry[];
}

export interface PodNetnsInput {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly ips: readonly string[];
  readonly node: NodePlan;
}

/** What the CNI ADD puts in a pod's namespace (and the host end of its veth). */
export interface CniPodState {
  readonly eth0: Iface;
  readonly vethHost: Iface;
  readonly routes: readonly Route[];
  readonly neigh: readonly NeighEntry[];
}

/** The pod's eth0 resolved its route's next hop to a MAC — or nobody answered. */
export type NextHop =
  | {
      readonly ok: true;
      readonly dstMAC: string;
      readonly title: string;
      readonly explain: string;
      /** The neighbour entry used, as `ip neigh` prints it. */
      readonly neigh?: string;
    }
  | { readonly ok: false; readonly outcome: Outcome };

/** Where a pod's NetworkPolicy is enforced on this datapath, for the policy hop. */
export interface PolicyHook {
  readonly at: string;
  readonly dev: string;
  readonly netns: string;
  /** "cali-fw-caliacd53aa4120 (filter FORWARD)", "eBPF at lxc1a2b3c4d5e6f (tc ingress)". */
  readonly where: string;
  /** Rule source label for the hop ("NetworkPolicy (Calico cali-tw chain)"). */
  readonly source: string;
}

/** A socket in a pod or on a node (hostNetwork pods, node processes), for connect()-time hooks. */
export type SocketSite =
  | { readonly kind: 'pod'; readonly pod: DerivedPod; readonly at: string }
  | { readonly kind: 'node'; readonly node: DerivedNode; readonly at: string };

/** A CNI datapath configured for one cluster: what it derives (see the file comment). */
export interface CniDatapath {
  readonly kind: CniKind;
  readonly profile: CniProfile;
  /** IPAM: per-node ranges, pod addresses and the CNI devices' own addresses. */
  ipam(input: IpamInput): IpamResult;
  /** The CNI's devices, routes, neighbours and FDB on one node. */
  node(input: NodeInput): CniNodeState;
  /** A pod's namespace as the CNI ADD leaves it. */
  pod(input: PodNetnsInput): CniPodState;
  /** Pod routes the infrastructure router holds (cloud-routes: one per node range), in node order. */
  routerPodRoutes(nodes: readonly NodePlan[]): readonly RouterPodRoute[];
}

/**
 * How a datapath moves packets, for the walk (loaded with the tracer, not on the first screen):
 * the tracer asks it at every point where CNIs differ.
 */
export interface CniWalk {
  /** The pod's eth0 turns the route's next hop into a destination MAC (ARP, proxy ARP, eBPF ARP). */
  podNextHop(w: Walk, node: DerivedNode, pod: DerivedPod, route: Route, pkt: Pkt): NextHop;
  /** The frame left the pod's eth0: the veth, then the bridge, host stack or eBPF program. */
  fromPod(w: Walk, node: DerivedNode, pod: DerivedPod, pkt: Pkt): Outcome;
  /** The node's routing sent the packet out of `route.dev`: the CNI's device takes it from here. */
  out(w: Walk, node: DerivedNode, pkt: Pkt, route: Route): Outcome | undefined;
  /** A frame arriving on eth0 from the node network, before the kernel's stack (eBPF from-netdev). */
  fromWire(w: Walk, node: DerivedNode, pkt: Pkt): Outcome | undefined;
  /** connect()/sendmsg() in a socket: translation before any packet exists (Cilium's socket LB). */
  atSocket(w: Walk, pkt: Pkt, site: SocketSite): Pkt;
  /** Where a pod's ingress or egress NetworkPolicy is enforced. */
  policyHook(dir: 'ingress' | 'egress', pod: DerivedPod, node: DerivedNode): PolicyHook;
  /** The CNI's iptables rules (flannel's FLANNEL-*, Calico's cali-*), appended after kube-proxy's jumps. */
  writeRules(k: ProxyContext): void;
  /** The members of the ipsets its rules match (`-m set --match-set NAME`), if it has any. */
  ipsets?(cluster: Cluster, name: string): readonly Cidr[] | undefined;
  /**
   * After the FORWARD hook, before POSTROUTING: a CNI that polices pods in filter FORWARD (Calico's
   * cali-tw chains) checks the destination pod's ingress policy here, on the packet before SNAT.
   */
  forwarded?(w: Walk, node: DerivedNode, pkt: Pkt, route: Route): Outcome | undefined;
}

export interface ConfigureInput {
  readonly scenario: Scenario;
  readonly parsed: ParsedSettings;
  readonly notes: DeriveNote[];
}

/** A kind of CNI: reads its own configuration (IPPools, the cilium-config ConfigMap) from the scenario. */
export interface CniPlugin {
  readonly kind: CniKind;
  configure(input: ConfigureInput): CniDatapath;
}
