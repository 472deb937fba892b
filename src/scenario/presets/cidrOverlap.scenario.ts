import { NGINX, container, namespace, node, pod, scenario, service } from './build';
import { clientPod } from './cast';
import type { Preset } from './types';

/** A pod network inside the Service range: a pod IP that is also a ClusterIP. */
export const cidrOverlap = {
  id: 'cidr-overlap',
  title: 'CIDR overlap: a pod network inside the Service range',
  summary:
    "The pod network (10.96.0.0/16) was chosen inside the Service range (10.96.0.0/12), so an address can be both a pod IP and a ClusterIP. Here the web pod on node-2 has 10.96.1.2 — and so does the api Service. kube-proxy's KUBE-SERVICES rules run before routing, so a packet to 10.96.1.2:80 is DNATed to the api pods and never reaches web. Nothing crashes; traffic silently goes to the wrong place, which is why validation flags overlapping ranges as an error and kubeadm expects podSubnet and serviceSubnet to be disjoint.",
  scenario: scenario(
    'CIDR overlap',
    'A pod network inside the Service range: the web pod and the api Service share the address 10.96.1.2.',
    {
      cluster: { podSubnet: '10.96.0.0/16', serviceSubnet: '10.96.0.0/12' },
      namespaces: [namespace('default')],
      nodes: [
        node('node-1', '192.168.1.11', '10.96.0.0/24'),
        node('node-2', '192.168.1.12', '10.96.1.0/24'),
      ],
      pods: [
        clientPod(),
        pod('default', 'api-1', 'node-1', { app: 'api' }, [
          container('server', 'example/api:3.2', [{ name: 'http', containerPort: 8080 }]),
        ]),
        pod(
          'default',
          'web',
          'node-2',
          { app: 'web' },
          [container('nginx', NGINX, [{ name: 'http', containerPort: 80 }])],
          { podIP: '10.96.1.2' },
        ),
      ],
      services: [
        service('default', 'api', {
          selector: { app: 'api' },
          clusterIP: '10.96.1.2',
          ports: [{ name: 'http', port: 80, targetPort: 'http' }],
        }),
      ],
    },
  ),
  walk: { from: 'pod/default/client', to: '10.96.1.2', port: 80, protocol: 'TCP' },
} satisfies Preset;
