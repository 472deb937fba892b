/**
 * Seeded random clusters for the kernel-differential suite: 2–3 nodes on routes or VXLAN,
 * several namespaces and pods, ClusterIP and NodePort Services (externalTrafficPolicy Cluster
 * and Local, session affinity, one Service without ready endpoints, sometimes UDP), CNI
 * masquerade on or off and kube-proxy with or without its clusterCIDR. The same seed always
 * gives the same cluster.
 */
import type { Container, Namespace, Node, Pod, Scenario, Service } from '@/sim';
import { DEFAULT_CLUSTER, SCENARIO_VERSION, seededRandom } from '@/sim';

export interface Generated {
  readonly scenario: Scenario;
  /** The lab's outside client on the node network (.100). */
  readonly clientIp: string;
}

const APPS = ['web', 'api', 'cart', 'auth', 'search', 'feed'];
const NAMESPACES = ['shop', 'data', 'edge'];
const PORTS = [80, 8080, 5000, 9000, 3000, 443];

export function generateScenario(seed: number): Generated {
  const r = seededRandom(seed);
  const int = (n: number): number => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const lan = `192.168.${1 + int(200)}`;
  const podNet = `10.${112 + int(128)}`; // clear of the Service range 10.96.0.0/12
  const nodeCount = 2 + int(2);
  const nodes: Node[] = Array.from({ length: nodeCount }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-${i + 1}` },
    status: { addresses: [{ type: 'InternalIP', address: `${lan}.${11 + i}` }] },
  }));
  const nsNames = ['default', ...NAMESPACES.slice(0, 1 + int(2))];
  const pods: Pod[] = [];
  const services: Service[] = [];
  const apps = APPS.slice(0, 2 + int(3));
  const noEndpoints = int(apps.length);
  const udp = r() < 0.3 ? int(apps.length) : -1;
  for (const [i, app] of apps.entries()) {
    const namespace = pick(nsNames);
    const port = pick(PORTS);
    const targetPort = r() < 0.5 ? port : 8000 + int(1000);
    const protocol = i === udp ? 'UDP' : 'TCP';
    const replicas = i === noEndpoints ? int(2) : 1 + int(3);
    for (let k = 0; k < replicas; k++)
      pods.push(
        pod(
          namespace,
          `${app}-${k + 1}`,
          `node-${1 + int(nodeCount)}`,
          { app },
          [{ name: 'main', ports: [{ containerPort: targetPort, protocol, name: 'serve' }] }],
          i === noEndpoints,
        ),
      );
    const nodePort = r() < 0.5;
    services.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, namespace },
      spec: {
        // The Service without ready endpoints selects pods that are not ready (or none at all).
        selector: { app },
        ports: [{ name: 'main', port, protocol, targetPort: r() < 0.5 ? targetPort : 'serve' }],
        ...(nodePort
          ? { type: 'NodePort', externalTrafficPolicy: r() < 0.5 ? 'Local' : 'Cluster' }
          : {}),
        ...(r() < 0.3 ? { sessionAffinity: 'ClientIP' } : {}),
      },
    });
  }
  // Clients: one pod per namespace on a random node, with a port of its own.
  for (const namespace of nsNames)
    pods.push(
      pod(namespace, `client-${namespace}`, `node-${1 + int(nodeCount)}`, { role: 'client' }, [
        { name: 'shell', ports: [{ containerPort: 7000 }] },
      ]),
    );
  const masquerade = r() < 0.6;
  const detector = r() < 0.5;
  const scenario: Scenario = {
    version: SCENARIO_VERSION,
    meta: { name: `kernel-${seed}` },
    cluster: {
      ...DEFAULT_CLUSTER,
      podSubnet: `${podNet}.0.0/16`,
      nodeNetwork: [{ cidr: `${lan}.0/24` }],
      cni: { mode: r() < 0.5 ? 'routes' : 'vxlan', masquerade },
      kubeProxy: { mode: 'iptables', ...(detector ? {} : { clusterCIDR: '' }) },
    },
    namespaces: nsNames.map((name): Namespace => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
    nodes,
    pods,
    workloads: [],
    services,
    endpointSlices: [],
    networkPolicies: [],
    others: [],
    layout: {},
  };
  return { scenario, clientIp: `${lan}.100` };
}

function pod(
  namespace: string,
  name: string,
  nodeName: string,
  labels: Record<string, string>,
  containers: Container[],
  notReady = false,
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { nodeName, containers },
    status: {
      phase: 'Running',
      ...(notReady ? { conditions: [{ type: 'Ready', status: 'False' }] } : {}),
    },
  };
}
