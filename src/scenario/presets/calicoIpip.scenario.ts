import { namespace, scenario, twoNodes } from './build';
import { clientPod, webPod, CLIENT_TO_WEB } from './cast';
import type { Preset } from './types';

/** Pods on two nodes under Calico with IP-in-IP (the calico.yaml manifest's default). */
export const calicoIpip = {
  id: 'calico-ipip',
  title: 'Calico IP-in-IP: no bridge, proxy ARP, tunl0',
  summary:
    "Calico draws no bridge. Each pod has its address as a /32 and a default route via 169.254.1.1 — an address nobody owns: the host end of the pod's veth (cali + 11 hex digits of a hash of namespace.pod, MAC ee:ee:ee:ee:ee:ee) answers the ARP by proxy ARP, and the node routes the packet like any other. Addresses come from the IPPool in /26 blocks that each node claims, not from node.spec.podCIDR; the node's own block has a blackhole route, and BIRD learns the other nodes' blocks over BGP as `via <node> dev tunl0 proto bird onlink`. tunl0 puts a second IPv4 header (protocol 4, node to node) in front of the pod packet, which is why pod MTUs are 1480; the inner TTL drops by one on each node.",
  scenario: scenario(
    'Calico IP-in-IP',
    'Two nodes running Calico (IPPool with ipipMode: Always, natOutgoing); a client on node-1 and a web server on node-2.',
    {
      cluster: { cni: { mode: 'calico' } },
      namespaces: [namespace('default')],
      nodes: twoNodes(),
      pods: [clientPod(), webPod('node-2')],
      others: [
        {
          apiVersion: 'projectcalico.org/v3',
          kind: 'IPPool',
          metadata: { name: 'default-ipv4-ippool' },
          spec: {
            cidr: '10.244.0.0/16',
            blockSize: 26,
            ipipMode: 'Always',
            vxlanMode: 'Never',
            natOutgoing: true,
            nodeSelector: 'all()',
          },
        },
      ],
    },
  ),
  walk: CLIENT_TO_WEB,
} satisfies Preset;
