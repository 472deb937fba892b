import { ZONE_LABEL, type Node } from '@/sim';

import { container, namespace, node, pod, scenario, service } from './build';
import { clientPod } from './cast';
import type { Preset } from './types';

/** A node labelled with its zone, as the cloud provider's node controller labels it. */
const zoned = (name: string, address: string, podCIDR: string, zone: string): Node => {
  const n = node(name, address, podCIDR);
  return { ...n, metadata: { ...n.metadata, labels: { [ZONE_LABEL]: zone } } };
};

const api = (name: string, nodeName: string) =>
  pod('shop', name, nodeName, { app: 'api' }, [
    container('server', 'shop/api:4.1', [{ name: 'http', containerPort: 8080 }]),
  ]);

/** Three nodes in two zones; a Service with trafficDistribution: PreferClose. */
export const zonesTopology = {
  id: 'zones-topology',
  title: 'Zones and topology-aware routing',
  summary:
    "node-1 and node-2 are in zone-a, node-3 in zone-b (the topology.kubernetes.io/zone label). The api Service asks for trafficDistribution: PreferClose, so the EndpointSlice controller writes a hint on each endpoint — forZones: the endpoint's own zone — and kube-proxy on a node keeps only the endpoints hinted for its zone (its CategorizeEndpoints; with no endpoint for the zone it falls back to all of them). The client on node-1 therefore reaches api-1 or api-2 in zone-a, never api-3 across the zone boundary: the DNAT hop lists the candidates and says why, and the Service's inspector shows which endpoints each zone's nodes use. Remove the hint (or move the pods) and watch the candidates change.",
  scenario: scenario(
    'Zones and topology-aware routing',
    'Three nodes in two zones; an api Service with trafficDistribution PreferClose and endpoints in both zones.',
    {
      namespaces: [namespace('default'), namespace('shop')],
      nodes: [
        zoned('node-1', '192.168.1.11', '10.244.1.0/24', 'zone-a'),
        zoned('node-2', '192.168.1.12', '10.244.2.0/24', 'zone-a'),
        zoned('node-3', '192.168.1.13', '10.244.3.0/24', 'zone-b'),
      ],
      pods: [clientPod(), api('api-1', 'node-1'), api('api-2', 'node-2'), api('api-3', 'node-3')],
      services: [
        service('shop', 'api', {
          selector: { app: 'api' },
          clusterIP: '10.96.52.10',
          ports: [{ name: 'http', port: 80, targetPort: 'http' }],
          trafficDistribution: 'PreferClose',
        }),
      ],
    },
  ),
  walk: { from: 'pod/default/client', to: 'svc/shop/api', port: 80, protocol: 'TCP' },
} satisfies Preset;
