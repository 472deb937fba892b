/**
 * Deterministic large clusters for benchmarks and performance checks: N nodes × P pods, S Services
 * selecting pods across nodes, and K NetworkPolicies.
 */
import {
  DEFAULT_CLUSTER,
  emptyScenario,
  type NetworkPolicy,
  type Pod,
  type Scenario,
  type Service,
} from '../src/sim/index';

/** The namespaces pods and Services cycle through (pod i is in NAMESPACES[i % 5]). */
export const NAMESPACES = ['default', 'shop', 'payments', 'search', 'batch'] as const;
/** Nodes are spread over three zones in order (node-1 in zone-a, node-2 in zone-b, …). */
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

export function generatedCluster(
  nodes: number,
  podsPerNode: number,
  services: number,
  policies: number,
): Scenario {
  const base = emptyScenario(`${nodes} nodes × ${podsPerNode} pods`);
  const namespaces: readonly string[] = NAMESPACES;
  const pods: Pod[] = [];
  for (let n = 0; n < nodes; n++)
    for (let p = 0; p < podsPerNode; p++) {
      const i = n * podsPerNode + p;
      pods.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `app-${i}`,
          namespace: namespaces[i % namespaces.length] ?? 'default',
          labels: { app: `svc-${i % Math.max(1, services)}`, tier: i % 2 ? 'back' : 'front' },
        },
        spec: {
          nodeName: `node-${n + 1}`,
          containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }] }],
        },
        status: { phase: 'Running' },
      });
    }
  const svcs: Service[] = Array.from({ length: services }, (_, s) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `svc-${s}`, namespace: namespaces[s % namespaces.length] ?? 'default' },
    spec: {
      type: s % 10 === 0 ? 'NodePort' : 'ClusterIP',
      selector: { app: `svc-${s}` },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  }));
  const pols: NetworkPolicy[] = Array.from({ length: policies }, (_, k) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `pol-${k}`, namespace: namespaces[k % namespaces.length] ?? 'default' },
    spec: {
      podSelector: { matchLabels: { app: `svc-${k % Math.max(1, services)}` } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { tier: 'front' } } },
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'default' } } },
          ],
          ports: [{ port: 8080 }],
        },
      ],
    },
  }));
  return {
    ...base,
    cluster: {
      ...DEFAULT_CLUSTER,
      podSubnet: '10.128.0.0/12',
      nodeNetwork: [{ cidr: '192.168.0.0/16' }],
    },
    nodes: Array.from({ length: nodes }, (_, n) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: `node-${n + 1}`,
        labels: { 'topology.kubernetes.io/zone': ZONES[n % ZONES.length] ?? 'eu-west-1a' },
      },
    })),
    namespaces: namespaces.map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
    pods,
    services: svcs,
    networkPolicies: pols,
  };
}
