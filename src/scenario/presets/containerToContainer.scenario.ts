import { BUSYBOX, container, namespace, node, pod, scenario } from './build';
import type { Preset } from './types';

/** Two containers of one pod talking over the shared loopback. */
export const containerToContainer = {
  id: 'container-to-container',
  title: 'Container to container: one network namespace',
  summary:
    'Containers of one pod share a single network namespace: one eth0, one IP address, one loopback. The log agent reaches nginx at 127.0.0.1:80 without a packet ever leaving the pod — no veth, no bridge, no iptables. The price of sharing is the port space: two containers of a pod cannot both listen on the same port, which is why a sidecar picks its own (the agent serves its metrics on 2020).',
  scenario: scenario(
    'Container to container',
    'One node; a pod with an nginx container and a log-agent sidecar sharing its network namespace.',
    {
      namespaces: [namespace('demo')],
      nodes: [node('node-1', '192.168.1.11', '10.244.1.0/24')],
      pods: [
        pod('demo', 'web', 'node-1', { app: 'web' }, [
          container('nginx', 'nginx:1.27', [{ name: 'http', containerPort: 80 }]),
          container('log-agent', 'fluent/fluent-bit:3.1', [
            { name: 'metrics', containerPort: 2020 },
          ]),
        ]),
        pod('demo', 'debug', 'node-1', { app: 'debug' }, [container('shell', BUSYBOX)]),
      ],
    },
  ),
  walk: { from: 'pod/demo/web/log-agent', to: '127.0.0.1', port: 80, protocol: 'TCP' },
} satisfies Preset;
