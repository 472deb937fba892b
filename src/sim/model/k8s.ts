/**
 * The subset of Kubernetes API objects the explorer understands, with the API's own field names
 * so real manifests import and export without loss. Optional fields are optional exactly where the
 * API makes them optional; what a real cluster fills in is derived in `derive/`.
 */

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ObjectMeta {
  readonly name: string;
  /** Absent = `default`, as `kubectl apply` would put the object (namespaced kinds only). */
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface Namespace {
  readonly apiVersion: 'v1';
  readonly kind: 'Namespace';
  readonly metadata: ObjectMeta;
}

export interface NodeAddress {
  readonly type: 'InternalIP' | 'ExternalIP' | 'Hostname' | 'InternalDNS' | 'ExternalDNS';
  readonly address: string;
}

export interface Node {
  readonly apiVersion: 'v1';
  readonly kind: 'Node';
  readonly metadata: ObjectMeta;
  readonly spec?: {
    /** Allocated by kube-controller-manager from the pod network when absent. */
    readonly podCIDR?: string;
    readonly podCIDRs?: readonly string[];
  };
  readonly status?: {
    /** InternalIP entries are the node's eth0 addresses; allocated from the node network when absent. */
    readonly addresses?: readonly NodeAddress[];
    /** `cpu` weighs the node's zone for topology-aware hints (the Auto heuristic). */
    readonly allocatable?: { readonly cpu?: string | number };
    /** `Ready` False leaves the node out of the hints' CPU shares. */
    readonly conditions?: readonly { readonly type: string; readonly status: string }[];
  };
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  /** Defaults to TCP (API defaulting). */
  readonly protocol?: Protocol;
  readonly hostPort?: number;
}

export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly ports?: readonly ContainerPort[];
}

export interface PodCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
}

export interface PodSpec {
  readonly nodeName?: string;
  readonly hostNetwork?: boolean;
  readonly containers: readonly Container[];
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly dnsPolicy?: 'ClusterFirst' | 'Default' | 'ClusterFirstWithHostNet' | 'None';
}

export interface Pod {
  readonly apiVersion: 'v1';
  readonly kind: 'Pod';
  readonly metadata: ObjectMeta;
  readonly spec: PodSpec;
  readonly status?: {
    readonly phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
    /** Allocated by the CNI's IPAM (host-local) from the node's pod range when absent. */
    readonly podIP?: string;
    readonly podIPs?: readonly { readonly ip: string }[];
    /** `Ready` False keeps the pod out of Service endpoints (ready=false in its EndpointSlice). */
    readonly conditions?: readonly PodCondition[];
  };
}

export interface ServicePort {
  readonly name?: string;
  readonly protocol?: Protocol;
  readonly port: number;
  /** A number, or the name of a container port on the backing pods; defaults to `port`. */
  readonly targetPort?: number | string;
  /** Allocated from 30000–32767 for NodePort and LoadBalancer Services when absent. */
  readonly nodePort?: number;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
export type TrafficPolicy = 'Cluster' | 'Local';

export interface ServiceSpec {
  readonly type?: ServiceType;
  readonly selector?: Readonly<Record<string, string>>;
  /** "None" makes the Service headless; allocated from the service range when absent. */
  readonly clusterIP?: string;
  readonly clusterIPs?: readonly string[];
  readonly ports?: readonly ServicePort[];
  readonly externalIPs?: readonly string[];
  readonly externalName?: string;
  readonly externalTrafficPolicy?: TrafficPolicy;
  readonly internalTrafficPolicy?: TrafficPolicy;
  readonly sessionAffinity?: 'None' | 'ClientIP';
  readonly sessionAffinityConfig?: { readonly clientIP?: { readonly timeoutSeconds?: number } };
  readonly loadBalancerSourceRanges?: readonly string[];
  readonly healthCheckNodePort?: number;
  /**
   * PreferClose (deprecated alias of PreferSameZone), PreferSameZone or PreferSameNode: the
   * EndpointSlice controller writes zone (and node) hints that kube-proxy then follows.
   */
  readonly trafficDistribution?: string;
  readonly publishNotReadyAddresses?: boolean;
  readonly ipFamilies?: readonly ('IPv4' | 'IPv6')[];
  readonly ipFamilyPolicy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
}

export interface Service {
  readonly apiVersion: 'v1';
  readonly kind: 'Service';
  readonly metadata: ObjectMeta;
  readonly spec: ServiceSpec;
  readonly status?: {
    readonly loadBalancer?: {
      readonly ingress?: readonly { readonly ip?: string; readonly hostname?: string }[];
    };
  };
}

export interface EndpointConditions {
  /** Absent = ready (EndpointSlice API: "nil should be interpreted as true"). */
  readonly ready?: boolean;
  readonly serving?: boolean;
  readonly terminating?: boolean;
}

/** Where the EndpointSlice controller wants an endpoint used (topology-aware routing). */
export interface EndpointHints {
  /** Zones whose nodes should use this endpoint (`hints.forZones[].name`). */
  readonly forZones?: readonly { readonly name: string }[];
  /** Nodes that should use this endpoint (`hints.forNodes[].name`, PreferSameNode). */
  readonly forNodes?: readonly { readonly name: string }[];
}

export interface Endpoint {
  readonly addresses: readonly string[];
  readonly conditions?: EndpointConditions;
  readonly nodeName?: string;
  /** The zone of the endpoint's node (`topology.kubernetes.io/zone`), as the controller copies it. */
  readonly zone?: string;
  readonly hints?: EndpointHints;
  readonly hostname?: string;
  readonly targetRef?: {
    readonly kind: string;
    readonly name: string;
    readonly namespace?: string;
  };
}

export interface EndpointPort {
  readonly name?: string;
  readonly port?: number;
  readonly protocol?: Protocol;
}

export interface EndpointSlice {
  readonly apiVersion: 'discovery.k8s.io/v1';
  readonly kind: 'EndpointSlice';
  /** `labels["kubernetes.io/service-name"]` names the owning Service. */
  readonly metadata: ObjectMeta;
  readonly addressType: 'IPv4' | 'IPv6' | 'FQDN';
  readonly endpoints: readonly Endpoint[];
  readonly ports?: readonly EndpointPort[];
}

export interface NetworkPolicyPort {
  /** Defaults to TCP (API defaulting). */
  readonly protocol?: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

export interface NetworkPolicyIngressRule {
  readonly from?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  readonly to?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicy {
  readonly apiVersion: 'networking.k8s.io/v1';
  readonly kind: 'NetworkPolicy';
  readonly metadata: ObjectMeta;
  readonly spec: {
    /** Absent or {} = every pod in the policy's namespace. */
    readonly podSelector?: LabelSelector;
    /** Defaulted when absent: [Ingress], plus Egress if egress rules are present. */
    readonly policyTypes?: readonly ('Ingress' | 'Egress')[];
    readonly ingress?: readonly NetworkPolicyIngressRule[];
    readonly egress?: readonly NetworkPolicyEgressRule[];
  };
}

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';

/** A controller whose pods the explorer derives (names and spread as the controllers would). */
export interface Workload {
  readonly apiVersion: string;
  readonly kind: WorkloadKind;
  readonly metadata: ObjectMeta;
  readonly spec: {
    readonly replicas?: number;
    readonly parallelism?: number;
    readonly selector?: LabelSelector;
    readonly serviceName?: string;
    readonly template: {
      readonly metadata?: {
        readonly labels?: Readonly<Record<string, string>>;
        readonly annotations?: Readonly<Record<string, string>>;
      };
      readonly spec: PodSpec;
    };
  };
}

/** Any other object (ServiceAccount, ConfigMap, Ingress, …): kept verbatim, reported as a warning. */
export interface OtherObject {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly metadata?: ObjectMeta;
  readonly [field: string]: unknown;
}
