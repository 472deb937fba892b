import { ciliumConfigMapFor } from '@/sim';

import { BUSYBOX, container, namespace, pod, scenario, service, twoNodes } from './build';
import type { Preset } from './types';

const cart = (name: string, nodeName: string) =>
  pod('shop', name, nodeName, { app: 'cart' }, [
    container('server', 'shop/cart:2.0', [{ name: 'grpc', containerPort: 7070 }]),
  ]);

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
      pods: [
        pod('default', 'client', 'node-1', { app: 'client' }, [container('shell', BUSYBOX)]),
        cart('cart-1', 'node-2'),
        cart('cart-2', 'node-2'),
      ],
      services: [
        service('shop', 'cart', {
          selector: { app: 'cart' },
          clusterIP: '10.96.41.7',
          ports: [{ name: 'grpc', port: 7070, targetPort: 'grpc' }],
        }),
      ],
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
  walk: { from: 'pod/default/client', to: 'svc/shop/cart', port: 7070, protocol: 'TCP' },
} satisfies Preset;
