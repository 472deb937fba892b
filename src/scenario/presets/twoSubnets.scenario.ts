import { namespace, node, scenario } from './build';
import { clientPod, webPod, CLIENT_TO_WEB } from './cast';
import type { Preset } from './types';

/** Nodes on two subnets joined by the router; VXLAN carries pod traffic between them. */
export const twoSubnets = {
  id: 'two-subnets',
  title: 'Nodes on two subnets: host-gw vs VXLAN',
  summary:
    "node-1 sits on 192.168.1.0/24, node-2 on 192.168.2.0/24 (gateway .254); the router joins the two. Host-gw style routes (CNI mode routes) need the next hop on a connected subnet: on node-1 the kernel refuses `ip route add 10.244.2.0/24 via 192.168.2.11` (Nexthop has invalid gateway), so pod traffic for node-2 follows the default route to the router, which holds no route to the pod network and drops it. VXLAN, which this cluster runs, wraps the pod packet in a UDP packet between the node addresses: that outer packet is ordinary node traffic, routed through the gateway and the router, and node-2 unwraps it. Switch the CNI mode to routes in the Network tab and walk again to see the drop at the router; cloud-routes (the router holds each node's pod range) makes it work too.",
  scenario: scenario(
    'Nodes on two subnets (VXLAN)',
    'node-1 on 192.168.1.0/24, node-2 on 192.168.2.0/24 joined by the router; flannel VXLAN between them.',
    {
      cluster: {
        nodeNetwork: [
          { cidr: '192.168.1.0/24' },
          { cidr: '192.168.2.0/24', gateway: '192.168.2.254' },
        ],
        cni: { mode: 'vxlan' },
      },
      namespaces: [namespace('default')],
      nodes: [
        node('node-1', '192.168.1.11', '10.244.1.0/24'),
        node('node-2', '192.168.2.11', '10.244.2.0/24'),
      ],
      pods: [clientPod(), webPod('node-2')],
    },
  ),
  walk: CLIENT_TO_WEB,
} satisfies Preset;
