import { describe, expect, it } from 'vitest';

import { expectDiagnostic, podOn, tweak, type Case } from './testkit';
import { validate } from './validate';

// DEFAULT_SCENARIO: nodes node-1 (192.168.1.11, 10.244.1.0/24) and node-2 (192.168.1.12,
// 10.244.2.0/24); pods[0..5] = client, frontend-1, coredns-1 (node-1), frontend-2, web, cart
// (node-2); services[0..3] = shop/frontend, shop/cart, default/web, kube-system/kube-dns.

const CASES: Case[] = [
  {
    name: "ip-outside-range: a pod IP outside its node's range",
    scenario: tweak((s) => void (s.pods[4]!.status = { podIP: '10.244.1.50' })),
    want: {
      code: 'ip-outside-range',
      severity: 'error',
      field: 'pods[4].status.podIP',
      ranges: ['10.244.1.50/32', '10.244.2.0/24'],
      objects: ['pod/default/web', 'node/node-2'],
      message:
        "Pod default/web's IP (status.podIP) 10.244.1.50 is outside its node node-2's pod range 10.244.2.0/24: routes to that address lead elsewhere, so replies never reach the pod. Use an address in 10.244.2.0/24, or remove status.podIP to let IPAM allocate one.",
    },
  },
  {
    name: 'ip-outside-range: a ClusterIP outside the service range',
    scenario: tweak((s) => void (s.services[3]!.spec.clusterIP = '10.200.0.10')),
    want: {
      code: 'ip-outside-range',
      severity: 'error',
      field: 'services[3].spec.clusterIP',
      ranges: ['10.200.0.10/32', '10.96.0.0/12'],
      objects: ['svc/kube-system/kube-dns'],
      message:
        'Service kube-system/kube-dns\'s ClusterIP (spec.clusterIP) 10.200.0.10 is outside the service range 10.96.0.0/12: kube-apiserver rejects it ("provided IP is not in the valid range"). Remove it to have one allocated from 10.96.0.0/12.',
    },
  },
  {
    name: 'ip-outside-range: the network address of the service range',
    scenario: tweak((s) => void (s.services[3]!.spec.clusterIP = '10.96.0.0')),
    want: {
      code: 'ip-outside-range',
      field: 'services[3].spec.clusterIP',
      message:
        "Service kube-system/kube-dns's ClusterIP (spec.clusterIP) 10.96.0.0 is the network address of the service range 10.96.0.0/12, which kube-apiserver never allocates. Pick another address in 10.96.0.0/12.",
    },
  },
  {
    name: 'ip-invalid: a node address',
    scenario: tweak((s) => void (s.nodes[0]!.status!.addresses![0]!.address = '192.168.1.300')),
    want: {
      code: 'ip-invalid',
      severity: 'error',
      field: 'nodes[0].status.addresses[0].address',
      objects: ['node/node-1'],
      message:
        'Node node-1\'s InternalIP (status.addresses[0].address) "192.168.1.300" is not usable: it is not an IP address. Use an address in the node network 192.168.1.0/24.',
    },
  },
  {
    name: 'ip-duplicate: two pods with one IP',
    scenario: tweak((s) => {
      s.pods[4]!.status = { podIP: '10.244.2.9' };
      s.pods[5]!.status = { podIP: '10.244.2.9' };
    }),
    want: {
      code: 'ip-duplicate',
      severity: 'error',
      field: 'pods[5].status.podIP',
      ranges: ['10.244.2.9/32'],
      objects: ['pod/default/web', 'pod/shop/cart'],
      message:
        '10.244.2.9 belongs to pod default/web and pod shop/cart: each address must belong to one object, or packets reach the wrong one. Give each its own address (remove a given address to have one allocated).',
    },
  },
  {
    name: 'ip-outside-range: a pod on the cni0 gateway address',
    scenario: tweak((s) => void (s.pods[0]!.status = { podIP: '10.244.1.1' })),
    want: {
      code: 'ip-outside-range',
      field: 'pods[0].status.podIP',
      objects: ['pod/default/client', 'node/node-1'],
      message:
        /^Pod default\/client's IP \(status\.podIP\) 10\.244\.1\.1 is the gateway address \(cni0's\) of node node-1's pod range 10\.244\.1\.0\/24/,
    },
  },
  {
    name: 'ip-duplicate: two Services with one ClusterIP',
    scenario: tweak((s) => void (s.services[2]!.spec.clusterIP = '10.96.0.10')),
    want: {
      code: 'ip-duplicate',
      field: 'services[3].spec.clusterIP',
      objects: ['svc/default/web', 'svc/kube-system/kube-dns'],
      message:
        /^10\.96\.0\.10 belongs to the ClusterIP of Service default\/web and the ClusterIP of Service kube-system\/kube-dns: /,
    },
  },
  {
    name: 'nodeport-range',
    scenario: tweak((s) => {
      s.services[2]!.spec.type = 'NodePort';
      s.services[2]!.spec.ports![0]!.nodePort = 8080;
    }),
    want: {
      code: 'nodeport-range',
      severity: 'error',
      field: 'services[2].spec.ports[0].nodePort',
      objects: ['svc/default/web'],
      message:
        'Service default/web port 80/TCP nodePort 8080 is outside the NodePort range 30000–32767: kube-apiserver rejects it ("provided port is not in the valid range"). Pick a port in 30000–32767, or remove nodePort to have one allocated.',
    },
  },
  {
    name: 'nodeport-range: nodePort on a ClusterIP Service',
    scenario: tweak((s) => void (s.services[2]!.spec.ports![0]!.nodePort = 30080)),
    want: {
      code: 'nodeport-range',
      field: 'services[2].spec.ports[0].nodePort',
      message:
        'Service default/web port 80/TCP nodePort 30080 is set on a ClusterIP Service, which has no NodePorts: kube-apiserver rejects it. Remove nodePort, or set type: NodePort.',
    },
  },
  {
    name: 'nodeport-duplicate',
    scenario: tweak((s) => {
      for (const i of [0, 2]) {
        s.services[i]!.spec.type = 'NodePort';
        s.services[i]!.spec.ports![0]!.nodePort = 30080;
      }
    }),
    want: {
      code: 'nodeport-duplicate',
      severity: 'error',
      field: 'services[2].spec.ports[0].nodePort',
      objects: ['svc/shop/frontend', 'svc/default/web'],
      message:
        'NodePort 30080 is used by Service shop/frontend port 80/TCP and Service default/web port 80/TCP: kube-apiserver gives each NodePort to one Service port ("provided port is already allocated"). Pick another port, or remove nodePort to have one allocated.',
    },
  },
  {
    name: 'port-conflict: two containers of a pod on one port',
    scenario: tweak((s) => void (s.pods[1]!.spec.containers[1]!.ports![0]!.containerPort = 8080)),
    want: {
      code: 'port-conflict',
      severity: 'error',
      field: 'pods[1].spec.containers[1].ports[0].containerPort',
      objects: ['pod/shop/frontend-1'],
      message:
        'Containers app and metrics of pod shop/frontend-1 both listen on 8080/TCP: containers of a pod share one network namespace, so the second cannot bind the port. Change one containerPort.',
    },
  },
  {
    name: 'port-conflict: two hostNetwork pods on one node',
    scenario: tweak((s) => {
      const ports = [{ containerPort: 9100 }];
      s.pods.push(
        podOn('exporter-a', 'node-1', { hostNetwork: true, containers: [{ name: 'x', ports }] }),
      );
      s.pods.push(
        podOn('exporter-b', 'node-1', { hostNetwork: true, containers: [{ name: 'x', ports }] }),
      );
    }),
    want: {
      code: 'port-conflict',
      severity: 'error',
      field: 'pods[7].spec.containers[0].ports[0].containerPort',
      objects: ['pod/default/exporter-a', 'pod/default/exporter-b', 'node/node-1'],
      message:
        "Pods default/exporter-a and default/exporter-b on node node-1 both take host port 9100/TCP: hostNetwork pods and hostPorts share the node's ports, so the scheduler would not place both there. Change one port or move one pod.",
    },
  },
  {
    name: 'reference-missing: a pod bound to a missing node',
    scenario: tweak((s) => void (s.pods[4]!.spec.nodeName = 'node-9')),
    want: {
      code: 'reference-missing',
      severity: 'error',
      field: 'pods[4].spec.nodeName',
      objects: ['pod/default/web', 'node/node-9'],
      message:
        'Pod default/web is bound to node "node-9", which does not exist: it gets no network. Add the node or change spec.nodeName.',
    },
  },
  {
    name: 'reference-missing: an EndpointSlice of a missing Service',
    scenario: tweak((s) => {
      s.endpointSlices.push({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'legacy-1', labels: { 'kubernetes.io/service-name': 'legacy' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: ['10.0.0.5'] }],
      });
    }),
    want: {
      code: 'reference-missing',
      severity: 'warning',
      field: 'endpointSlices[0].metadata.labels["kubernetes.io/service-name"]',
      objects: ['endpointslice/default/legacy-1', 'svc/default/legacy'],
      message:
        'EndpointSlice default/legacy-1 belongs to Service default/legacy, which does not exist: kube-proxy ignores it until that Service is created. Add the Service or fix the kubernetes.io/service-name label.',
    },
  },
  {
    name: 'reference-missing: a named targetPort no selected pod defines',
    scenario: tweak((s) => void (s.services[0]!.spec.ports![0]!.targetPort = 'web')),
    want: {
      code: 'reference-missing',
      severity: 'warning',
      field: 'services[0].spec.ports[0].targetPort',
      objects: ['svc/shop/frontend', 'pod/shop/frontend-1', 'pod/shop/frontend-2'],
      message:
        'Service shop/frontend port 80/TCP targets the container port named "web" (TCP), which no selected pod defines: the Service has no endpoints for that port. Name the port in the pods\' spec.containers[].ports, or use a number.',
    },
  },
  {
    name: 'unsupported-kind',
    scenario: tweak((s) => {
      s.others.push({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'builder', namespace: 'ci' },
      });
    }),
    want: {
      code: 'unsupported-kind',
      severity: 'warning',
      field: 'others[0]',
      objects: ['serviceaccount/ci/builder'],
      message: 'ServiceAccount ci/builder is not modelled; kept for export.',
    },
  },
];

describe('validate: addresses, ports and references of objects', () => {
  it.each(CASES)('$name', ({ scenario, want }) => expectDiagnostic(scenario, want));
});

describe("Cilium's configuration objects", () => {
  const ciliumConfig = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cilium-config', namespace: 'kube-system' },
  };
  it('are read, not reported, when the CNI is Cilium', () => {
    const s = tweak((x) => {
      x.others.push(ciliumConfig);
      x.cluster.cni = { ...x.cluster.cni, mode: 'cilium' };
    });
    expect(validate(s).filter((d) => d.code === 'unsupported-kind')).toEqual([]);
  });
  it('say they are read only under Cilium otherwise', () => {
    const s = tweak((x) => void x.others.push(ciliumConfig));
    expect(
      validate(s)
        .filter((d) => d.code === 'unsupported-kind')
        .map((d) => d.message),
    ).toEqual([
      'ConfigMap kube-system/cilium-config is Cilium configuration, read only when the CNI is Cilium (ExplorerSettings cni.mode: cilium); kept for export.',
    ]);
  });
});

describe('the first address of the service range', () => {
  it('is an ordinary ClusterIP (kube-apiserver gives it to the kubernetes Service)', () => {
    const s = tweak((x) => void (x.services[3]!.spec.clusterIP = '10.96.0.1'));
    expect(validate(s).filter((d) => d.code === 'ip-outside-range')).toEqual([]);
  });
});
