import { DEFAULT_SCENARIO } from '@/sim';
import { describe, expect, it } from 'vitest';

import { importManifests } from './importManifests';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

function imported(text: string) {
  const r = importManifests(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const NODE = lines(
  'apiVersion: v1',
  'kind: Node',
  'metadata:',
  '  name: worker-1',
  'spec:',
  '  podCIDR: 10.32.1.0/24',
  'status:',
  '  addresses:',
  '  - type: InternalIP',
  '    address: 10.0.0.21',
);

describe('importManifests: documents', () => {
  it('reads multi-document YAML, each kind into its list, namespaces left as written', () => {
    const s = imported(
      NODE +
        lines(
          '---',
          '# a comment-only document follows',
          '---',
          'apiVersion: v1',
          'kind: Pod',
          'metadata: { name: web, labels: { app: web } }',
          'spec:',
          '  nodeName: worker-1',
          '  containers: [{ name: nginx, image: "nginx:1.27", ports: [{ containerPort: 80 }] }]',
          'status: { podIP: 10.32.1.9 }',
          '---',
          'apiVersion: v1',
          'kind: Service',
          'metadata: { name: web, namespace: prod }',
          'spec: { type: NodePort, clusterIP: 10.96.5.5, selector: { app: web }, ports: [{ port: 80, nodePort: 30123 }] }',
          '---',
          'apiVersion: networking.k8s.io/v1',
          'kind: NetworkPolicy',
          'metadata: { name: deny, namespace: prod }',
          'spec: { podSelector: {}, policyTypes: [Ingress] }',
        ),
    ).scenario;
    expect(s.nodes.map((n) => n.metadata.name)).toEqual(['worker-1']);
    expect(s.pods[0]).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        nodeName: 'worker-1',
        containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }],
      },
      status: { podIP: '10.32.1.9' },
    });
    expect(s.services[0]?.spec).toStrictEqual({
      type: 'NodePort',
      clusterIP: '10.96.5.5',
      selector: { app: 'web' },
      ports: [{ port: 80, nodePort: 30123 }],
    });
    expect(s.networkPolicies[0]?.metadata).toEqual({ name: 'deny', namespace: 'prod' });
  });

  it('reads a JSON object, a JSON array and a v1 List of any kinds', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'a' },
      spec: { containers: [] },
    };
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: {} };
    const single = imported(JSON.stringify(pod));
    expect(single.scenario.pods).toHaveLength(1);
    const array = imported(JSON.stringify([pod, svc]));
    const own = (sc: {
      pods: readonly { metadata: { namespace?: string } }[];
      services: readonly { metadata: { namespace?: string } }[];
    }) => [
      sc.pods.filter((p) => p.metadata.namespace !== 'kube-system').length,
      sc.services.filter((x) => x.metadata.namespace !== 'kube-system').length,
    ];
    expect(own(array.scenario)).toEqual([1, 1]);
    const list = imported(
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pod, svc] }, null, 2),
    );
    expect(own(list.scenario)).toEqual([1, 1]);
    const podList = imported(
      lines('apiVersion: v1', 'kind: PodList', 'items:', `- ${JSON.stringify(pod)}`),
    );
    expect(podList.scenario.pods).toHaveLength(1);
  });

  it('strips server-populated noise and nulls but keeps modelled values as given', () => {
    const s = imported(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'p',
          namespace: 'default',
          uid: 'b4c1',
          resourceVersion: '1234',
          creationTimestamp: '2024-05-01T10:00:00Z',
          managedFields: [{ manager: 'kubectl' }],
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'a' },
          ownerReferences: null,
        },
        spec: {
          containers: [{ name: 'c', image: 'x', env: [{ name: 'A', value: '1' }] }],
          restartPolicy: 'Always',
        },
        status: {
          phase: 'Running',
          podIP: '10.244.9.9',
          hostIP: '192.168.1.11',
          podIPs: [{ ip: '10.244.9.9' }],
        },
      }),
    ).scenario;
    expect(s.pods[0]).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default', annotations: { team: 'a' } },
      spec: { containers: [{ name: 'c', image: 'x' }] },
      status: { phase: 'Running', podIP: '10.244.9.9', podIPs: [{ ip: '10.244.9.9' }] },
    });
  });

  it('keeps EndpointSlice conditions exactly, absent ones absent', () => {
    const s = imported(
      JSON.stringify({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'web-1', labels: { 'kubernetes.io/service-name': 'web' } },
        addressType: 'IPv4',
        endpoints: [
          { addresses: ['10.1.1.1'] },
          { addresses: ['10.1.1.2'], conditions: { ready: false, terminating: true } },
          { addresses: ['10.1.1.3'], conditions: {} },
        ],
        ports: [{ name: '', port: 8080, protocol: 'TCP' }],
      }),
    ).scenario;
    expect(s.endpointSlices[0]?.endpoints).toStrictEqual([
      { addresses: ['10.1.1.1'] },
      { addresses: ['10.1.1.2'], conditions: { ready: false, terminating: true } },
      { addresses: ['10.1.1.3'], conditions: {} },
    ]);
    expect(s.endpointSlices[0]?.ports).toStrictEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
  });

  it('keeps unknown kinds verbatim in others and warns, naming kind and name', () => {
    const r = imported(
      lines(
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata: { name: frontend }',
        '---',
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        'metadata: { name: shop, namespace: web, uid: x }',
        'spec: { rules: [{ host: shop.example }] }',
        '---',
        'apiVersion: serving.knative.dev/v1',
        'kind: Service',
        'metadata: { name: hello }',
        '---',
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRole',
        'metadata: { name: reader }',
      ),
    );
    expect(r.warnings).toEqual([
      'ServiceAccount default/frontend is not modelled; kept for export',
      'Ingress web/shop is not modelled; kept for export',
      'Service default/hello is not modelled; kept for export',
      'ClusterRole reader is not modelled; kept for export',
    ]);
    expect(r.scenario.services).toEqual([]);
    expect(r.scenario.others[1]).toStrictEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'shop', namespace: 'web' },
      spec: { rules: [{ host: 'shop.example' }] },
    });
  });

  it('uses the later of two definitions of one object, with a warning', () => {
    const r = imported(
      lines(
        'apiVersion: v1',
        'kind: Service',
        'metadata: { name: web }',
        'spec: { clusterIP: 10.96.0.20 }',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: { name: web }',
        'spec: { clusterIP: 10.96.0.21 }',
      ),
    );
    expect(
      r.scenario.services
        .filter((s) => s.metadata.namespace !== 'kube-system')
        .map((s) => s.spec.clusterIP),
    ).toEqual(['10.96.0.21']);
    expect(r.warnings).toContain(
      'Service default/web appears more than once; the later definition is used',
    );
  });

  it('puts input without Node objects on the default nodes and address plan, and says so', () => {
    const r = imported(
      lines('apiVersion: v1', 'kind: Pod', 'metadata: { name: a }', 'spec: { containers: [] }'),
    );
    expect(r.scenario.nodes).toStrictEqual(DEFAULT_SCENARIO.nodes);
    expect(r.scenario.cluster).toStrictEqual(DEFAULT_SCENARIO.cluster);
    expect(r.notes[0]).toBe(
      "The input has no Node objects, so its objects run on the default cluster's nodes node-1 (192.168.1.11) and node-2 (192.168.1.12), with pod network 10.244.0.0/16 and service range 10.96.0.0/12.",
    );
  });

  it('creates the nodes that pods name when there are no Node objects (kubectl get pods)', () => {
    const r = imported(
      lines(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { name: a }',
        'spec: { nodeName: gke-pool-1-x7k2, containers: [] }',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { name: b }',
        'spec: { nodeName: gke-pool-1-q9m4, containers: [] }',
      ),
    );
    expect(r.scenario.nodes).toStrictEqual([
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'gke-pool-1-x7k2' } },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'gke-pool-1-q9m4' } },
    ]);
    expect(r.notes[0]).toMatch(
      /^The input has no Node objects, so the nodes its pods name \(gke-pool-1-x7k2, gke-pool-1-q9m4\) are created/,
    );
  });

  it('keeps only the default node addresses that fit a configured address plan', () => {
    const r = imported(
      lines(
        'apiVersion: kubeadm.k8s.io/v1beta4',
        'kind: ClusterConfiguration',
        'networking: { podSubnet: 10.32.0.0/12 }',
        '---',
        'apiVersion: v1',
        'kind: Namespace',
        'metadata: { name: a }',
      ),
    );
    expect(r.scenario.nodes.map((n) => n.spec)).toEqual([undefined, undefined]);
    expect(r.scenario.nodes[0]?.status?.addresses?.[0]?.address).toBe('192.168.1.11');
  });

  it('names the scenario after the file', () => {
    const r = importManifests(NODE, { fileName: '/tmp/cluster/prod-east.yaml' });
    expect(r.ok && r.value.scenario.meta).toEqual({ name: 'prod-east' });
  });
});

describe('importManifests: a cluster dump (kubectl get all -o yaml)', () => {
  const owner = (kind: string, name: string) => [
    { apiVersion: 'apps/v1', kind, name, uid: 'u', controller: true },
  ];
  const template = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx' }] },
  };
  const dump = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'web-7d9c5b8f4-abcde',
          labels: { app: 'web', 'pod-template-hash': '7d9c5b8f4' },
          ownerReferences: owner('ReplicaSet', 'web-7d9c5b8f4'),
        },
        spec: { nodeName: 'worker-1', containers: [{ name: 'nginx' }] },
        status: { podIP: '10.32.1.5' },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { replicas: 1, template },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'web-7d9c5b8f4', ownerReferences: owner('Deployment', 'web') },
        spec: { replicas: 1, template },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'api' },
        spec: { replicas: 2, template },
      },
    ],
  };

  it('uses the pods as given and keeps their controllers for export only', () => {
    const r = imported(JSON.stringify(dump));
    expect(r.scenario.pods.map((p) => p.status?.podIP)).toEqual(['10.32.1.5']);
    expect(r.scenario.workloads.map((w) => w.metadata.name)).toEqual(['api']);
    expect(r.scenario.others.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Deployment/web',
      'ReplicaSet/web-7d9c5b8f4',
    ]);
    expect(r.notes).toEqual(
      expect.arrayContaining([
        'Deployment default/web is kept for export but not expanded: its pods are in the input and are used as given',
        'ReplicaSet default/web-7d9c5b8f4 is kept for export but not expanded: its pods are in the input and are used as given',
      ]),
    );
  });
});

describe('importManifests: errors name the document and line', () => {
  it('reports a YAML syntax error', () => {
    const r = importManifests(
      NODE + lines('---', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: [web', ''),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.doc).toBe(2);
    expect(r.error.line).toBeGreaterThanOrEqual(14);
    expect(r.error.message).toMatch(/^document 2, line \d+: YAML syntax error — /);
  });

  it('reports a document that is not an object', () => {
    const r = importManifests(NODE + lines('---', 'just some text'));
    expect(r).toEqual({
      ok: false,
      error: {
        message:
          'document 2, line 12: not a Kubernetes object (got the text "just some text") — expected a mapping with apiVersion, kind and metadata',
        doc: 2,
        line: 12,
      },
    });
  });

  it('reports a missing kind and a missing name', () => {
    const noKind = importManifests(NODE + lines('---', 'apiVersion: v1', 'metadata:', '  name: x'));
    expect(noKind.ok || noKind.error).toEqual({
      message:
        'document 2, line 12: this object has no kind — every object needs a kind (e.g. kind: Deployment)',
      doc: 2,
      line: 12,
    });
    const noName = importManifests(
      NODE +
        lines(
          '---',
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  labels: { app: x }',
        ),
    );
    expect(noName.ok || noName.error).toEqual({
      message: 'document 2, line 15: Deployment has no metadata.name — every object needs a name',
      doc: 2,
      line: 15,
    });
  });

  it('points at the field with the wrong shape', () => {
    const r = importManifests(
      NODE +
        lines(
          '---',
          'apiVersion: v1',
          'kind: Pod',
          'metadata: { name: web }',
          'spec:',
          '  containers:',
          '  - name: nginx',
          '    ports:',
          '    - containerPort: http',
        ),
    );
    expect(r.ok || r.error).toEqual({
      message:
        'document 2, line 19: Pod default/web: spec.containers[0].ports[0].containerPort: expected a number, got "http" — write it without quotes',
      doc: 2,
      line: 19,
    });
  });

  it('locates an item of a v1 List in JSON', () => {
    const text = JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
          {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'b' },
            spec: { ports: [{ port: '80' }] },
          },
        ],
      },
      null,
      2,
    );
    const r = importManifests(text);
    expect(r.ok || r.error).toEqual({
      message:
        'document 1, item 2, line 21: Service default/b: spec.ports[0].port: expected a number, got "80" — write it without quotes',
      doc: 1,
      line: 21,
    });
    const noKind = importManifests(
      JSON.stringify({ kind: 'List', items: [{ metadata: { name: 'x' } }] }, null, 1),
    );
    expect(!noKind.ok && noKind.error.message).toBe(
      'document 1, item 1, line 4: this object has no kind — every object needs a kind (e.g. kind: Deployment)',
    );
  });

  it.each([
    ['', 'no Kubernetes objects'],
    ['# only a comment\n', 'no Kubernetes objects'],
    ['{"apiVersion":"v1","kind":"List","items":[]}', 'no Kubernetes objects'],
    ['[1, 2]', 'document 1, item 1, line 1: not a Kubernetes object (got 1)'],
    ['{"kind": "Pod", ', 'YAML syntax error'],
    ['a: &a [*a, *a]\n', 'document 1'],
  ])('explains %j', (text, message) => {
    const r = importManifests(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain(message);
  });
});
