/**
 * A scenario is one cluster: its settings plus its Kubernetes objects. It is plain JSON: it is
 * shared by link, saved locally, undone and redone, so it holds no derived values and no classes.
 */
import type {
  EndpointSlice,
  Namespace,
  NetworkPolicy,
  Node,
  OtherObject,
  Pod,
  Service,
  Workload,
} from './k8s';

/**
 * How pod traffic crosses nodes (DESIGN.md §3): `routes` — each node routes the other nodes' pod
 * ranges via their addresses (host-gw, kubenet); `vxlan` — flannel's overlay; `cloud-routes` — the
 * infrastructure router holds a route per node pod range (kubenet on cloud route tables, GKE
 * routes-based clusters), so nodes send pod traffic for other nodes to their default gateway;
 * `calico` — Calico's iptables dataplane, configured by the cluster's IPPool objects;
 * `cilium` — Cilium's eBPF datapath, configured by the kube-system/cilium-config ConfigMap.
 */
export type CniMode = 'routes' | 'vxlan' | 'cloud-routes' | 'calico' | 'cilium';

export interface CniSettings {
  readonly mode: CniMode;
  /**
   * Masquerade pod traffic leaving the pod network to the node IP, as flannel and Calico do by
   * default (`-s <podSubnet> ! -d <podSubnet> -j MASQUERADE`). Default true.
   */
  readonly masquerade?: boolean;
  /**
   * Whether NetworkPolicy `ipBlock` peers match in-cluster pod IPs. Upstream e2e tests and Calico
   * say yes (default); Cilium says no. See reference/netpol.md §5.
   */
  readonly ipBlockMatchesPods?: boolean;
}

/** kube-proxy's modes on Linux that the explorer models (`ipvs` is not). */
export type ProxyMode = 'iptables' | 'nftables';

/** Each mode's tool (as the graph and the walk name its rules) and the listing a node shows. */
export const PROXY_MODES: Readonly<
  Record<ProxyMode, { readonly tool: string; readonly listing: string }>
> = {
  iptables: { tool: 'iptables', listing: 'iptables-save' },
  nftables: { tool: 'nftables', listing: 'nft list ruleset' },
};

/** The subset of kube-proxy's KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1) modelled. */
export interface KubeProxySettings {
  /** iptables (the default) or nftables (GA since Kubernetes 1.33). */
  readonly mode: ProxyMode;
  /**
   * The local-traffic detector's range (`--cluster-cidr`). Absent = the pod network (what
   * kubeadm writes); "" = no detector (ClusterCIDR mode without a CIDR).
   */
  readonly clusterCIDR?: string;
  readonly masqueradeAll?: boolean;
  /**
   * CIDRs (or "primary") whose local addresses accept NodePorts. Absent or []: every local address
   * in iptables mode, the node's primary address ("primary") in nftables mode.
   */
  readonly nodePortAddresses?: readonly string[];
  readonly iptables?: {
    /** Accept NodePorts on 127.0.0.1 (IPv4, iptables mode only). Default true. */
    readonly localhostNodePorts?: boolean;
    /** The bit of the packet mark used for masquerading. Default 14 (mark 0x4000). */
    readonly masqueradeBit?: number;
  };
}

export interface ClusterSettings {
  /** The pod network, kubeadm's `networking.podSubnet` (`--cluster-cidr`); "a,b" for dual-stack. */
  readonly podSubnet: string;
  /** The Service range, kubeadm's `networking.serviceSubnet` (`--service-cluster-ip-range`). */
  readonly serviceSubnet: string;
  /** Per-node pod range size for IPv4 (`--node-cidr-mask-size-ipv4`), default 24. */
  readonly nodeCIDRMaskSize?: number;
  /** Per-node pod range size for IPv6 (`--node-cidr-mask-size-ipv6`), default 64. */
  readonly nodeCIDRMaskSizeIPv6?: number;
  /**
   * The infrastructure subnets the nodes' eth0 sit on (one per node pool or zone in a cloud), joined
   * by one router. Empty: nothing given — each node's address is taken as it is, on its own /24.
   */
  readonly nodeNetwork: readonly NodeSubnet[];
  /** kubeadm's `networking.dnsDomain`. */
  readonly dnsDomain: string;
  readonly cni: CniSettings;
  readonly kubeProxy: KubeProxySettings;
}

/** One subnet of the node network: a LAN segment, its router address and how we know it. */
export interface NodeSubnet {
  /** Its block, "192.168.1.0/24"; "a,b" for a dual-stack subnet (one IPv4 and one IPv6 block). */
  readonly cidr: string;
  /** The router's address on it (the nodes' default gateway), "a" or "a,b"; absent = .1 / ::1. */
  readonly gateway?: string;
  /**
   * Read off the nodes' addresses by an import (the /24 or /64 around them), not given by the
   * user: the nodes' addresses are checked, the block itself is not treated as a given range.
   */
  readonly inferred?: boolean;
}

export interface Position {
  readonly x: number;
  readonly y: number;
}

export const SCENARIO_VERSION = 2;

export interface Scenario {
  readonly version: typeof SCENARIO_VERSION;
  readonly meta: { readonly name: string; readonly description?: string };
  readonly cluster: ClusterSettings;
  readonly namespaces: readonly Namespace[];
  /** In node order: kube-controller-manager allocates pod ranges in this order. */
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly workloads: readonly Workload[];
  readonly services: readonly Service[];
  /** Given explicitly; Services with a selector also get derived slices (see derive/endpoints). */
  readonly endpointSlices: readonly EndpointSlice[];
  readonly networkPolicies: readonly NetworkPolicy[];
  /** Objects of kinds the explorer does not model, kept for export. */
  readonly others: readonly OtherObject[];
  /** Graph positions the user placed (element id → position), so a shared link looks the same. */
  readonly layout: Readonly<Record<string, Position>>;
}

export const DEFAULT_CLUSTER: ClusterSettings = {
  podSubnet: '10.244.0.0/16',
  serviceSubnet: '10.96.0.0/12',
  nodeNetwork: [{ cidr: '192.168.1.0/24' }],
  dnsDomain: 'cluster.local',
  cni: { mode: 'routes' },
  kubeProxy: { mode: 'iptables' },
};

export function emptyScenario(name = 'Untitled cluster'): Scenario {
  return {
    version: SCENARIO_VERSION,
    meta: { name },
    cluster: DEFAULT_CLUSTER,
    namespaces: [],
    nodes: [],
    pods: [],
    workloads: [],
    services: [],
    endpointSlices: [],
    networkPolicies: [],
    others: [],
    layout: {},
  };
}
