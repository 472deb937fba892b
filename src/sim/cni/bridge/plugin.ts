/**
 * The bridge datapath: flannel with the bridge CNI plugin — `routes` (host-gw: a route per other
 * node via its eth0) or `vxlan` (flannel.1). Also what kubenet and Calico-without-encapsulation
 * look like between nodes, which is why it is the explorer's default.
 */
import type { CniMode } from '../../model/scenario';
import { routerPodRoutesFor } from '../peerRoutes';
import type { CniDatapath, CniPlugin, CniProfile } from '../types';

import { bridgeIpam } from './ipam';
import { bridgeNode, ETH_MTU, VXLAN_MTU, VXLAN_PORT, VXLAN_VNI } from './node';
import { bridgePod } from './pod';

const NAMES: Record<'routes' | 'vxlan' | 'cloud-routes', readonly [string, string, string]> = {
  routes: [
    'flannel host-gw',
    'host-gw',
    "Pods plug into the cni0 bridge; each node has a route to every other node's pod range via that node's eth0 (host-gw), so the nodes must share a subnet.",
  ],
  vxlan: [
    'flannel VXLAN',
    'VXLAN',
    'Pods plug into the cni0 bridge; traffic to other nodes is wrapped in VXLAN by flannel.1 (UDP 8472, VNI 1), so the node network never sees pod addresses.',
  ],
  'cloud-routes': [
    'bridge + cloud routes (kubenet)',
    'cloud routes',
    "Pods plug into the cni0 bridge; the nodes hold no routes to each other's pods: the cloud router holds one route per node pod range.",
  ],
};

function profile(mode: CniMode, masquerade: boolean, ipBlockMatchesPods: boolean): CniProfile {
  const key = mode === 'vxlan' || mode === 'cloud-routes' ? mode : 'routes';
  const [name, variant, summary] = NAMES[key];
  const vxlan = key === 'vxlan';
  return {
    kind: 'bridge',
    mode: key,
    name,
    variant,
    summary,
    encapsulation: vxlan
      ? `VXLAN, UDP ${VXLAN_PORT}, VNI ${VXLAN_VNI} (flannel.1)`
      : key === 'routes'
        ? 'none: routes via the peer node’s eth0'
        : 'none: the router holds the pod routes',
    ipam: 'host-local over node.spec.podCIDR (cni0 takes .1, pods from .2)',
    policy:
      'flannel enforces none; the walk applies NetworkPolicy at the pod’s veth, where a policy engine (Calico in canal) would',
    serviceNat: 'kube-proxy: nat PREROUTING on the client’s node (DNAT to a backend)',
    masquerade: masquerade
      ? 'flanneld’s FLANNEL-POSTRTG masquerades pod traffic leaving the pod network to the node’s address'
      : 'off (cni.masquerade: false): pods keep their address everywhere',
    podMtu: vxlan ? VXLAN_MTU : ETH_MTU,
    kubeProxy: true,
    ipBlockMatchesPods,
    legend: [
      {
        term: 'cni0',
        text: 'Linux bridge: every pod’s veth is a port; its address is the pods’ gateway',
      },
      { term: 'veth…', text: 'host end of a pod’s veth pair (the other end is eth0 in the pod)' },
      ...(vxlan
        ? [
            {
              term: 'flannel.1',
              text: `VXLAN device: wraps pod traffic to other nodes in UDP ${VXLAN_PORT}`,
            },
          ]
        : []),
    ],
    caveats: [],
  };
}

export const bridgePlugin: CniPlugin = {
  kind: 'bridge',
  configure({ scenario }): CniDatapath {
    const cni = scenario.cluster.cni;
    const vxlan = cni.mode === 'vxlan';
    const mtu = vxlan ? VXLAN_MTU : ETH_MTU;
    const podSubnet = scenario.cluster.podSubnet;
    return {
      kind: 'bridge',
      profile: profile(cni.mode, cni.masquerade !== false, cni.ipBlockMatchesPods ?? true),
      ipam: (input) => bridgeIpam(input, vxlan),
      node: (input) => bridgeNode(input, cni.mode),
      pod: (input) => bridgePod(input, podSubnet, mtu),
      routerPodRoutes: (nodes) => routerPodRoutesFor(cni.mode, nodes),
    };
  },
};
