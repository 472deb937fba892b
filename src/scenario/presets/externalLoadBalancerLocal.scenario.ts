import { container, namespace, pod, scenario, service, twoNodes } from './build';
import type { Preset } from './types';

/** A LoadBalancer Service with externalTrafficPolicy Local: the client address survives. */
export const externalLoadBalancerLocal = {
  id: 'external-loadbalancer-local',
  title: 'From outside: a LoadBalancer with externalTrafficPolicy Local',
  summary:
    'A LoadBalancer Service is a NodePort Service plus an external address (status.loadBalancer.ingress, here 203.0.113.100) that a cloud load balancer sends to the nodes. With externalTrafficPolicy: Local, kube-proxy only forwards external traffic to endpoints on the node it arrived at and never masquerades it, so the server sees the real client address. A node with no local endpoint drops the traffic (and fails the health check on healthCheckNodePort, so a real load balancer stops sending to it): the walk enters node-1, where the ingress pod runs.',
  scenario: scenario(
    'LoadBalancer, externalTrafficPolicy Local',
    'Two nodes; an ingress pod on node-1 behind a LoadBalancer Service with externalTrafficPolicy Local.',
    {
      namespaces: [namespace('ingress')],
      nodes: twoNodes(),
      pods: [
        pod('ingress', 'ingress-nginx-1', 'node-1', { app: 'ingress-nginx' }, [
          container('controller', 'registry.k8s.io/ingress-nginx/controller:v1.11.2', [
            { name: 'http', containerPort: 80 },
            { name: 'https', containerPort: 443 },
          ]),
        ]),
      ],
      services: [
        service(
          'ingress',
          'ingress-nginx',
          {
            type: 'LoadBalancer',
            selector: { app: 'ingress-nginx' },
            clusterIP: '10.96.88.1',
            externalTrafficPolicy: 'Local',
            healthCheckNodePort: 32000,
            ports: [
              { name: 'http', port: 80, targetPort: 'http', nodePort: 31080 },
              { name: 'https', port: 443, targetPort: 'https', nodePort: 31443 },
            ],
          },
          { loadBalancer: { ingress: [{ ip: '203.0.113.100' }] } },
        ),
      ],
    },
  ),
  walk: { from: '198.51.100.7', to: '203.0.113.100', port: 80, protocol: 'TCP', node: 'node-1' },
} satisfies Preset;
