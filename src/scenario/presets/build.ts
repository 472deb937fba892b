/** Small builders that keep the preset files about networking, not YAML boilerplate. */
import {
  DEFAULT_CLUSTER,
  SCENARIO_VERSION,
  type ClusterSettings,
  type Container,
  type Namespace,
  type Node,
  type Pod,
  type Scenario,
  type Service,
} from '@/sim';

/** A Namespace object. */
export const namespace = (name: string): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});

/** A node with its eth0 address and pod range given, as `kubectl get node -o yaml` shows them. */
export const node = (name: string, address: string, podCIDR: string): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  spec: { podCIDR },
  status: { addresses: [{ type: 'InternalIP', address }] },
});

/** A container; `ports` left out when empty. */
export const container = (
  name: string,
  image: string,
  ports: Container['ports'] = [],
): Container => (ports.length > 0 ? { name, image, ports } : { name, image });

/** A running pod bound to a node; `extra` adds spec fields (hostname, subdomain…) or a podIP. */
export const pod = (
  ns: string,
  name: string,
  nodeName: string,
  labels: Record<string, string>,
  containers: Container[],
  extra: { spec?: Partial<Pod['spec']>; podIP?: string } = {},
): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns, labels },
  spec: { nodeName, containers, ...extra.spec },
  status: { phase: 'Running', ...(extra.podIP ? { podIP: extra.podIP } : {}) },
});

/** A Service object, with a status (LoadBalancer ingress) when given. */
export const service = (
  ns: string,
  name: string,
  spec: Service['spec'],
  status?: Service['status'],
): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns },
  spec,
  ...(status ? { status } : {}),
});

/** A scenario from its parts; lists not given are empty. */
export const scenario = (
  name: string,
  description: string,
  parts: Partial<Omit<Scenario, 'version' | 'meta' | 'cluster'>> & {
    cluster?: Partial<ClusterSettings>;
  },
): Scenario => ({
  version: SCENARIO_VERSION,
  meta: { name, description },
  cluster: { ...DEFAULT_CLUSTER, ...parts.cluster },
  namespaces: parts.namespaces ?? [],
  nodes: parts.nodes ?? [],
  pods: parts.pods ?? [],
  workloads: parts.workloads ?? [],
  services: parts.services ?? [],
  endpointSlices: parts.endpointSlices ?? [],
  networkPolicies: parts.networkPolicies ?? [],
  others: parts.others ?? [],
  layout: parts.layout ?? {},
});

/** The two worker nodes most presets use: 192.168.1.0/24, pod ranges 10.244.1.0/24 and 10.244.2.0/24. */
export const twoNodes = (): Node[] => [
  node('node-1', '192.168.1.11', '10.244.1.0/24'),
  node('node-2', '192.168.1.12', '10.244.2.0/24'),
];

/** Images used across presets. */
export const NGINX = 'nginx:1.27';
export const BUSYBOX = 'busybox:1.36';
