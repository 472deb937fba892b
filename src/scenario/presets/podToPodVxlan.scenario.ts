import { namespace, scenario, twoNodes } from './build';
import { clientPod, webPod, CLIENT_TO_WEB } from './cast';
import type { Preset } from './types';

/** Pods on two nodes joined by a flannel-style VXLAN overlay. */
export const podToPodVxlan = {
  id: 'pod-to-pod-vxlan',
  title: 'Pod to pod across nodes: a VXLAN overlay',
  summary:
    "An overlay does not need the node network to know pod addresses. flannel's vxlan backend gives each node a flannel.1 device (VNI 1, UDP 8472, MTU 1450): the route `10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink` sends the packet into the tunnel, the FDB entry maps node-2's VTEP MAC to its address 192.168.1.12, and the kernel wraps the unchanged pod-to-pod packet in an outer UDP header from node IP to node IP. node-2 unwraps it and hands it to cni0. The 50 bytes of headers are why pod MTUs are 1450.",
  scenario: scenario(
    'Pod to pod across nodes (VXLAN)',
    'Two nodes with a flannel-style VXLAN overlay; a client on node-1 and a web server on node-2.',
    {
      cluster: { cni: { mode: 'vxlan' } },
      namespaces: [namespace('default')],
      nodes: twoNodes(),
      pods: [clientPod(), webPod('node-2')],
    },
  ),
  walk: CLIENT_TO_WEB,
} satisfies Preset;
