import { namespace, scenario, twoNodes } from './build';
import { clientPod, cartPod, cartService, CLIENT_TO_CART } from './cast';
import type { Preset } from './types';

/** A ClusterIP Service in another namespace: DNAT to a named target port. */
export const podToService = {
  id: 'pod-to-service',
  title: 'Pod to Service: ClusterIP and DNAT',
  summary:
    "A ClusterIP belongs to no interface anywhere: it exists only as kube-proxy's iptables rules on every node. The client in namespace default connects to the cart Service in namespace shop; in the client node's nat PREROUTING chain, KUBE-SERVICES matches the ClusterIP and port, KUBE-SVC-… picks one endpoint at random (the statistic match), and KUBE-SEP-… DNATs the packet to that pod's IP and its named target port grpc (7070). From there it is ordinary pod-to-pod routing. conntrack remembers the translation, so the reply is rewritten back and the client only ever sees the ClusterIP.",
  scenario: scenario(
    'Pod to Service (ClusterIP)',
    'A client in namespace default and two cart pods in namespace shop behind a ClusterIP Service with a named target port.',
    {
      namespaces: [namespace('default'), namespace('shop')],
      nodes: twoNodes(),
      pods: [clientPod(), cartPod('cart-1', 'node-1'), cartPod('cart-2', 'node-2')],
      services: [cartService()],
    },
  ),
  walk: CLIENT_TO_CART,
} satisfies Preset;
