import { NGINX, container, namespace, pod, scenario, service, twoNodes } from './build';
import type { Preset } from './types';

/** An outside client reaching a NodePort on a node without the pod: DNAT and SNAT. */
export const externalNodePort = {
  id: 'external-nodeport',
  title: 'From outside: a NodePort Service',
  summary:
    "A NodePort Service opens the same port (here 30080) on every node's addresses. A client outside the cluster connects to node-2, which runs no web pod: KUBE-NODEPORTS DNATs the packet to the pod on node-1 and, because externalTrafficPolicy is Cluster, marks it for masquerade — node-2 rewrites the source to its own address so the reply comes back through it. The cost is visible in the last hop: the web server sees node-2's address, not the client's.",
  scenario: scenario(
    'NodePort from outside',
    'Two nodes; a web server on node-1 behind a NodePort Service (30080); an outside client enters through node-2.',
    {
      namespaces: [namespace('default')],
      nodes: twoNodes(),
      pods: [
        pod('default', 'web', 'node-1', { app: 'web' }, [
          container('nginx', NGINX, [{ name: 'http', containerPort: 80 }]),
        ]),
      ],
      services: [
        service('default', 'web', {
          type: 'NodePort',
          selector: { app: 'web' },
          clusterIP: '10.96.12.80',
          ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }],
        }),
      ],
    },
  ),
  walk: { from: '203.0.113.25', to: '192.168.1.12', port: 30080, protocol: 'TCP', node: 'node-2' },
} satisfies Preset;
