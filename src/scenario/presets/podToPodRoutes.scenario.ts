import { namespace, scenario, twoNodes } from './build';
import { clientPod, webPod, CLIENT_TO_WEB } from './cast';
import type { Preset } from './types';

/** Pods on two nodes joined by host-gw style static routes. */
export const podToPodRoutes = {
  id: 'pod-to-pod-routes',
  title: 'Pod to pod across nodes: plain routes',
  summary:
    "Each node owns a slice of the pod network (node-1 10.244.1.0/24, node-2 10.244.2.0/24). With host-gw style routing (flannel host-gw, kubenet, Calico without encapsulation) every node has a static route per peer — `10.244.2.0/24 via 192.168.1.12 dev eth0` — so a pod's packet goes up cni0, is routed out of eth0 to the other node's address unchanged, and comes down that node's bridge. The node network must deliver pod addresses between nodes, which works when the nodes share one layer-2 segment.",
  scenario: scenario(
    'Pod to pod across nodes (routes)',
    'Two nodes on 192.168.1.0/24 with host-gw style routes; a client on node-1 and a web server on node-2.',
    {
      namespaces: [namespace('default')],
      nodes: twoNodes(),
      pods: [clientPod(), webPod('node-2')],
    },
  ),
  walk: CLIENT_TO_WEB,
} satisfies Preset;
