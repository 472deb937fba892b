import { namespace, node, scenario } from './build';
import { clientPod, webPod, CLIENT_TO_WEB } from './cast';
import type { Preset } from './types';

/** Two pods on one node: veth pairs and the cni0 bridge. */
export const podToPodSameNode = {
  id: 'pod-to-pod-same-node',
  title: 'Pod to pod on one node: the bridge',
  summary:
    "Every pod has its own network namespace, joined to the node by a veth pair whose host end is a port of the cni0 bridge. A packet from one pod to another on the same node leaves through the pod's eth0, crosses its veth to cni0, and the bridge switches it by MAC address straight into the other pod's veth — layer 2 only, no routing between nodes, and the source address the server sees is the client pod's own.",
  scenario: scenario(
    'Pod to pod on one node',
    'One node (pod range 10.244.1.0/24) with a client pod and a web server pod on the cni0 bridge.',
    {
      namespaces: [namespace('default')],
      nodes: [node('node-1', '192.168.1.11', '10.244.1.0/24')],
      pods: [clientPod(), webPod('node-1')],
    },
  ),
  walk: CLIENT_TO_WEB,
} satisfies Preset;
