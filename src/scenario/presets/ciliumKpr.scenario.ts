import { ciliumConfigMapFor } from '@/sim';

import { namespace, scenario, twoNodes } from './build';
import { clientPod, cartPod, cartService, CLIENT_TO_CART } from './cast';
import type { Preset } from './types';

/** Cilium replacing kube-proxy: the Service is translated in the pod's socket, VXLAN between nodes. */
export const ciliumKpr = {
  id: 'cilium-kube-proxy-replacement',
  title: 'Cilium with kube-proxy replacement',
  summary:
    "The same pod-to-Service walk on Cilium (routing-mode tunnel, kube-proxy-replacement: true in the cilium-config ConfigMap). There is no kube-proxy and no KUBE-* rule on any node: when the client calls connect() to the cart Service, Cilium's eBPF program on the cgroup's connect hook picks a backend and rewrites the address inside the pod's own socket, so the very first packet leaves the pod addressed to the cart pod — tcpdump never shows the ClusterIP and no node DNATs anything. The pod's gateway is cilium_host's router IP, answered by eBPF on the lxc device; the packet never meets a bridge. The lxc program applies egress policy, finds the backend on node-2 in its ipcache and wraps the packet in VXLAN on cilium_vxlan (UDP 8472, VNI = the client's security identity); node-2's from-overlay program hands it straight to the cart pod's lxc. Addresses come from Cilium's cluster pool, not from node.spec.podCIDR.",
  scenario: scenario(
    'Cilium with kube-proxy replacement',
    'Cilium in tunnel mode (VXLAN) with kube-proxy replacement; a client on node-1 and two cart pods on node-2 behind a ClusterIP Service.',
    {
      cluster: { cni: { mode: 'cilium' } },
      namespaces: [namespace('default'), namespace('shop')],
      nodes: twoNodes(),
      pods: [clientPod(), cartPod('cart-1', 'node-2'), cartPod('cart-2', 'node-2')],
      services: [cartService()],
      others: [
        ciliumConfigMapFor({
          routingMode: 'tunnel',
          tunnelProtocol: 'vxlan',
          kubeProxyReplacement: true,
          poolCidr: '10.244.0.0/16',
        }),
      ],
    },
  ),
  walk: CLIENT_TO_CART,
} satisfies Preset;
