/**
 * Test and benchmark support: a deterministic large cluster (default 1,000 pods on 10 nodes in 10
 * namespaces, 100 NetworkPolicies mixing every peer and port kind) for the matrix budget
 * (DESIGN.md §7: 1,000 pods × 100 policies < 1 s).
 */
import type {
  NetworkPolicy,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
} from '../../model/k8s';
import { emptyScenario, type Scenario } from '../../model/scenario';

const APPS = ['web', 'api', 'db', 'cache', 'queue', 'auth', 'search', 'batch'];

/** A cluster with `pods` pods and `policies` policies; the same arguments give the same scenario. */
export function bigScenario(pods = 1000, policies = 100, nodes = 10, namespaces = 10): Scenario {
  const base = emptyScenario('netpol big');
  const ns = (i: number) => `ns-${i % namespaces}`;
  const perNode = Math.ceil(pods / nodes);
  const podList = Array.from({ length: pods }, (_, i) => {
    const node = Math.floor(i / perNode);
    return {
      apiVersion: 'v1' as const,
      kind: 'Pod' as const,
      metadata: {
        name: `pod-${i}`,
        namespace: ns(i),
        labels: { app: APPS[i % APPS.length] ?? 'web', tier: i % 3 === 0 ? 'front' : 'back' },
      },
      spec: {
        nodeName: `node-${node}`,
        containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8000 + (i % 4) }] }],
      },
      status: { podIP: `10.${100 + Math.floor(node / 250)}.${node % 250}.${2 + (i % perNode)}` },
    };
  });
  return {
    ...base,
    cluster: { ...base.cluster, podSubnet: '10.96.0.0/11', serviceSubnet: '172.30.0.0/16' },
    namespaces: Array.from({ length: namespaces }, (_, i) => ({
      apiVersion: 'v1' as const,
      kind: 'Namespace' as const,
      metadata: { name: `ns-${i}`, labels: { team: i % 2 === 0 ? 'even' : 'odd' } },
    })),
    nodes: Array.from({ length: nodes }, (_, n) => ({
      apiVersion: 'v1' as const,
      kind: 'Node' as const,
      metadata: { name: `node-${n}` },
      spec: { podCIDR: `10.${100 + Math.floor(n / 250)}.${n % 250}.0/24` },
      status: {
        addresses: [{ type: 'InternalIP' as const, address: `192.168.${n >> 8}.${(n & 255) + 1}` }],
      },
    })),
    pods: podList,
    networkPolicies: Array.from({ length: policies }, (_, i) => policy(i, ns(i))),
  };
}

function policy(i: number, namespace: string): NetworkPolicy {
  const app = APPS[i % APPS.length] ?? 'web';
  const other = APPS[(i + 3) % APPS.length] ?? 'db';
  const ingress: NetworkPolicyIngressRule[] = [
    {
      from: [
        { podSelector: { matchLabels: { app: other } } },
        {
          namespaceSelector: { matchLabels: { team: i % 2 === 0 ? 'odd' : 'even' } },
          podSelector: { matchLabels: { tier: 'front' } },
        },
      ],
      ports: [{ port: i % 5 === 0 ? 'http' : 8000 + (i % 4) }, { protocol: 'UDP', port: 53 }],
    },
    ...(i % 7 === 0
      ? [{ from: [{ ipBlock: { cidr: '10.100.0.0/16', except: [`10.100.${i % 10}.0/24`] } }] }]
      : []),
  ];
  const egress: NetworkPolicyEgressRule[] = [
    {
      to: [
        {
          namespaceSelector: {
            matchExpressions: [
              { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [namespace] },
            ],
          },
        },
      ],
      ports: [{ port: 8000, endPort: 8002 }],
    },
    { to: [{ podSelector: {} }] },
  ];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `policy-${i}`, namespace },
    spec: {
      podSelector: i % 10 === 9 ? {} : { matchLabels: { app } },
      ...(i % 3 === 0 ? { policyTypes: ['Ingress', 'Egress'] as const } : {}),
      ingress,
      ...(i % 3 === 0 ? { egress } : {}),
    },
  };
}
