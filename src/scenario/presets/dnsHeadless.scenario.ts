import type { Workload } from '@/sim';

import { container, namespace, pod, scenario, service, twoNodes } from './build';
import { clientPod } from './cast';
import type { Preset } from './types';

const postgres: Workload = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'data' },
  spec: {
    replicas: 2,
    serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    template: {
      metadata: { labels: { app: 'db' } },
      spec: {
        containers: [container('postgres', 'postgres:16', [{ name: 'pg', containerPort: 5432 }])],
      },
    },
  },
};

/** CoreDNS behind kube-dns, and a headless Service for a StatefulSet. */
export const dnsHeadless = {
  id: 'dns-headless',
  title: 'DNS and headless Services',
  summary:
    "Pods find Services by name through CoreDNS, which runs as ordinary pods behind the kube-dns Service (10.96.0.10) in kube-system; kubelet writes that address and a search path (<namespace>.svc.cluster.local, svc.cluster.local, cluster.local, ndots:5) into every pod's resolv.conf. The lookup is itself a walk: UDP 53 to the kube-dns ClusterIP, DNATed to a CoreDNS pod. A headless Service (clusterIP: None) has no ClusterIP and no kube-proxy rules: its name answers with the pod addresses themselves, and a StatefulSet's pods get stable names — db-0.db.data resolves straight to the first database pod.",
  scenario: scenario(
    'DNS and headless Services',
    'CoreDNS behind kube-dns in kube-system, a client in default, and a PostgreSQL StatefulSet behind a headless Service in data.',
    {
      namespaces: [namespace('default'), namespace('kube-system'), namespace('data')],
      nodes: twoNodes(),
      pods: [
        clientPod(),
        pod('kube-system', 'coredns-1', 'node-2', { 'k8s-app': 'kube-dns' }, [
          container('coredns', 'registry.k8s.io/coredns/coredns:v1.11.3', [
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
            { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
          ]),
        ]),
      ],
      workloads: [postgres],
      services: [
        service('kube-system', 'kube-dns', {
          selector: { 'k8s-app': 'kube-dns' },
          clusterIP: '10.96.0.10',
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          ],
        }),
        service('data', 'db', {
          clusterIP: 'None',
          selector: { app: 'db' },
          ports: [{ name: 'pg', port: 5432, targetPort: 'pg' }],
        }),
      ],
    },
  ),
  walk: { from: 'pod/default/client', to: 'db-0.db.data', port: 5432, protocol: 'TCP' },
} satisfies Preset;
