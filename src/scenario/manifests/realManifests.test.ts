import { DEFAULT_SCENARIO, deriveCluster, namespaceOf } from '@/sim';
import { describe, expect, it } from 'vitest';

import kubeProxyList from '../testdata/kube-proxy-list.json?raw';
import boutiquePolicies from '../testdata/microservices-demo-netpol.yaml.txt?raw';
import boutique from '../testdata/microservices-demo.yaml.txt?raw';
import netpolCase from '../testdata/netpol-case.yaml.txt?raw';

import { importManifests } from './importManifests';

function imported(text: string, fileName?: string) {
  const r = importManifests(text, fileName ? { fileName } : {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const DEPLOYMENTS = [
  'frontend',
  'adservice',
  'currencyservice',
  'cartservice',
  'redis-cart',
  'loadgenerator',
  'recommendationservice',
  'checkoutservice',
  'emailservice',
  'paymentservice',
  'shippingservice',
  'productcatalogservice',
];

describe('Online Boutique (GoogleCloudPlatform/microservices-demo)', () => {
  const r = imported(boutique, 'microservices-demo.yaml');
  const s = r.scenario;

  it('imports 12 Deployments and 12 Services into default, ServiceAccounts as warnings', () => {
    expect(s.workloads.map((w) => `${w.kind}/${w.metadata.name}`)).toEqual(
      DEPLOYMENTS.map((d) => `Deployment/${d}`),
    );
    const apps = s.services.filter((x) => namespaceOf(x.metadata) !== 'kube-system');
    expect(apps).toHaveLength(12);
    expect(apps.every((x) => namespaceOf(x.metadata) === 'default')).toBe(true);
    // The default cluster's DNS comes along, so the apps' Service names resolve.
    expect(
      s.services
        .filter((x) => namespaceOf(x.metadata) === 'kube-system')
        .map((x) => x.metadata.name),
    ).toEqual(['kube-dns']);
    expect(r.notes.some((n) => /DNS is added/.test(n))).toBe(true);
    expect(s.services.find((x) => x.metadata.name === 'frontend-external')?.spec.type).toBe(
      'LoadBalancer',
    );
    expect(s.others.map((o) => o.kind)).toEqual(Array(11).fill('ServiceAccount'));
    expect(r.warnings).toHaveLength(11);
    expect(r.warnings).toContain(
      'ServiceAccount default/frontend is not modelled; kept for export',
    );
    expect(s.meta.name).toBe('microservices-demo');
  });

  it('runs on the default nodes and address plan, and says so', () => {
    expect(s.nodes).toStrictEqual(DEFAULT_SCENARIO.nodes);
    expect(s.cluster).toStrictEqual(DEFAULT_SCENARIO.cluster);
    expect(r.notes[0]).toMatch(/^The input has no Node objects/);
  });

  it('gives every Deployment a running pod on the default nodes', () => {
    const cluster = deriveCluster(s);
    for (const d of DEPLOYMENTS) {
      const pods = cluster.pods.filter((p) => p.workload?.name === d);
      expect(pods, d).toHaveLength(1);
      expect(['node-1', 'node-2']).toContain(pods[0]?.nodeName);
      expect(pods[0]?.ips[0], d).toMatch(/^10\.244\.[12]\.\d+$/);
    }
    expect(cluster.notes).toEqual([]);
  });

  it('keeps the container ports the Services target', () => {
    const email = s.workloads.find((w) => w.metadata.name === 'emailservice');
    expect(email?.spec.template.spec.containers[0]?.ports).toEqual([{ containerPort: 8080 }]);
    const svc = s.services.find((x) => x.metadata.name === 'emailservice');
    expect(svc?.spec.ports).toEqual([{ name: 'grpc', port: 5000, targetPort: 8080 }]);
  });

  it('imports its NetworkPolicies, alone or pasted after the application', () => {
    const alone = imported(boutiquePolicies).scenario.networkPolicies;
    expect(alone).toHaveLength(13);
    expect(alone.find((p) => p.metadata.name === 'adservice')?.spec).toStrictEqual({
      podSelector: { matchLabels: { app: 'adservice' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { app: 'frontend' } } }],
          ports: [{ port: 9555, protocol: 'TCP' }],
        },
      ],
      egress: [{}],
    });
    const both = imported(`${boutique}\n---\n${boutiquePolicies}`).scenario;
    expect([
      both.workloads.length,
      both.services.filter((x) => x.metadata.namespace !== 'kube-system').length,
      both.networkPolicies.length,
    ]).toEqual([12, 12, 13]);
  });
});

describe('kubectl-style v1 List from tools/kube_proxy_cases.py', () => {
  const r = imported(kubeProxyList);
  const s = r.scenario;

  it('reads the KubeProxyConfiguration: the pod network is its clusterCIDR', () => {
    expect(s.cluster.podSubnet).toBe('10.0.0.0/8');
    expect(s.cluster.kubeProxy).toStrictEqual({
      mode: 'iptables',
      masqueradeAll: false,
      iptables: { localhostNodePorts: true, masqueradeBit: 14 },
    });
  });

  it('keeps nodes, the Service and the EndpointSlice exactly as given', () => {
    expect(
      s.nodes.map((n) => [n.metadata.name, n.status?.addresses?.map((a) => a.address)]),
    ).toEqual([
      ['node-1', []],
      [
        'test-node',
        ['192.168.0.2', '192.168.1.2', '192.168.99.11', '2001:db8::1', '2001:db8:1::2'],
      ],
    ]);
    expect(s.services[0]?.spec).toStrictEqual({
      type: 'LoadBalancer',
      clusterIP: '172.30.1.1',
      ports: [{ name: '', port: 80, protocol: 'TCP', targetPort: 80 }],
      clusterIPs: ['172.30.1.1'],
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 30000,
    });
    const eps = s.endpointSlices[0]?.endpoints ?? [];
    expect(eps.map((e) => e.conditions)).toEqual([
      { ready: true, serving: true, terminating: false },
      { ready: true, serving: true, terminating: false },
      { ready: false, serving: true, terminating: true },
      { ready: false, serving: false, terminating: true },
      { ready: true, serving: true, terminating: false },
    ]);
    expect(r.notes.some((n) => n.startsWith('The input has no Node objects'))).toBe(false);
  });

  it('reads "no LocalTrafficDetector" (clusterCIDR removed) as clusterCIDR ""', () => {
    const list = JSON.parse(kubeProxyList) as { items: Record<string, unknown>[] };
    delete list.items[0]!.clusterCIDR;
    const noDetector = imported(JSON.stringify(list, null, 1)).scenario.cluster;
    expect(noDetector.kubeProxy.clusterCIDR).toBe('');
    expect(noDetector.podSubnet).toBe(DEFAULT_SCENARIO.cluster.podSubnet);
  });

  it('reads Python None (JSON null) as "not set"', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'x' },
      spec: {
        nodeName: 'node-1',
        containers: [
          { name: 'c', image: 'server', ports: [{ containerPort: 80, protocol: 'TCP' }] },
        ],
      },
      status: {
        phase: 'Running',
        podIP: null,
        podIPs: [],
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    };
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'x' },
      spec: { type: 'ClusterIP', clusterIP: null, ports: [] },
    };
    const out = imported(
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pod, svc] }),
    ).scenario;
    expect(out.pods[0]?.status).toStrictEqual({
      phase: 'Running',
      podIPs: [],
      conditions: [{ type: 'Ready', status: 'True' }],
    });
    expect(out.services[0]?.spec).toStrictEqual({ type: 'ClusterIP', ports: [] });
  });
});

describe('JSON documents separated by --- from tools/netpol_cases.py', () => {
  const s = imported(netpolCase).scenario;

  it('reads the ClusterConfiguration, node, namespaces, pods with their IPs and the policies', () => {
    expect([s.cluster.podSubnet, s.cluster.serviceSubnet]).toEqual([
      '10.244.0.0/16',
      '172.30.0.0/16',
    ]);
    expect(s.nodes.map((n) => n.spec?.podCIDR)).toEqual(['10.244.0.0/16']);
    expect(s.namespaces.map((n) => n.metadata.labels)).toEqual([
      { 'kubernetes.io/metadata.name': 'x' },
      { 'kubernetes.io/metadata.name': 'y' },
      { 'kubernetes.io/metadata.name': 'z' },
    ]);
    expect(
      s.pods.map((p) => `${p.metadata.namespace}/${p.metadata.name} ${p.status?.podIP}`),
    ).toEqual(['x/a 10.244.1.10', 'x/b 10.244.1.11', 'y/a 10.244.2.10', 'y/b 10.244.2.11']);
    expect(s.networkPolicies).toHaveLength(1);
    expect(deriveCluster(s).pods.map((p) => p.ips[0])).toEqual([
      '10.244.1.10',
      '10.244.1.11',
      '10.244.2.10',
      '10.244.2.11',
    ]);
  });
});
