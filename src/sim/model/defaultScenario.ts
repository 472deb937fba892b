/**
 * The scenario the app opens with: two nodes on 192.168.1.0/24, pod network 10.244.0.0/16
 * (node ranges 10.244.1.0/24 and 10.244.2.0/24), service range 10.96.0.0/12, a shop whose
 * frontend runs on both nodes (one replica with a metrics sidecar), a web server, a client pod
 * and cluster DNS (CoreDNS behind the kube-dns Service).
 */
import type { Container, Pod, Service } from './k8s';
import { DEFAULT_CLUSTER, SCENARIO_VERSION, type Scenario } from './scenario';

const pod = (
  namespace: string,
  name: string,
  nodeName: string,
  labels: Record<string, string>,
  containers: Container[],
): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { nodeName, containers },
  status: { phase: 'Running' },
});

const service = (namespace: string, name: string, spec: Service['spec']): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec,
});

const frontend = (name: string, nodeName: string, sidecar: boolean): Pod =>
  pod('shop', name, nodeName, { app: 'frontend' }, [
    { name: 'app', image: 'shop/frontend:1.4', ports: [{ name: 'http', containerPort: 8080 }] },
    ...(sidecar
      ? [
          {
            name: 'metrics',
            image: 'prom/node-exporter:1.8',
            ports: [{ name: 'metrics', containerPort: 9100 }],
          },
        ]
      : []),
  ]);

export const DEFAULT_SCENARIO: Scenario = {
  version: SCENARIO_VERSION,
  meta: {
    name: 'Two-node cluster',
    description:
      'Two nodes with host-gw style routes, a shop frontend spread over both nodes behind a ClusterIP Service, a web server, a client and cluster DNS.',
  },
  cluster: DEFAULT_CLUSTER,
  namespaces: [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } },
  ],
  nodes: [
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1' },
      spec: { podCIDR: '10.244.1.0/24' },
      status: { addresses: [{ type: 'InternalIP', address: '192.168.1.11' }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-2' },
      spec: { podCIDR: '10.244.2.0/24' },
      status: { addresses: [{ type: 'InternalIP', address: '192.168.1.12' }] },
    },
  ],
  pods: [
    pod('default', 'client', 'node-1', { app: 'client' }, [
      { name: 'shell', image: 'busybox:1.36' },
    ]),
    frontend('frontend-1', 'node-1', true),
    pod('kube-system', 'coredns-1', 'node-1', { 'k8s-app': 'kube-dns' }, [
      {
        name: 'coredns',
        image: 'registry.k8s.io/coredns/coredns:v1.11.3',
        ports: [
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
          { name: 'metrics', containerPort: 9153 },
        ],
      },
    ]),
    frontend('frontend-2', 'node-2', false),
    pod('default', 'web', 'node-2', { app: 'web' }, [
      { name: 'nginx', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] },
    ]),
    pod('shop', 'cart', 'node-2', { app: 'cart' }, [
      { name: 'app', image: 'shop/cart:2.0', ports: [{ name: 'grpc', containerPort: 7070 }] },
    ]),
  ],
  workloads: [],
  services: [
    service('shop', 'frontend', {
      selector: { app: 'frontend' },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    }),
    service('shop', 'cart', {
      selector: { app: 'cart' },
      ports: [{ name: 'grpc', port: 7070, targetPort: 7070 }],
    }),
    service('default', 'web', {
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 80 }],
    }),
    service('kube-system', 'kube-dns', {
      selector: { 'k8s-app': 'kube-dns' },
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, targetPort: 9153 },
      ],
    }),
  ],
  endpointSlices: [],
  networkPolicies: [],
  others: [],
  layout: {},
};
