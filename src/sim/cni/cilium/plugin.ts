/**
 * The Cilium datapath (reference/cni-datapaths.md §3), configured by the kube-system/cilium-config
 * ConfigMap (config.ts): cluster-pool or kubernetes IPAM, lxc veths without a bridge,
 * cilium_host/cilium_net, cilium_vxlan / cilium_geneve or native routes, NetworkPolicy by eBPF at
 * the endpoint, Service translation in the pod's socket (kube-proxy replacement) or at lxc. Loaded
 * on demand: registering its walk with the tracer is part of loading it.
 */
import { registerCniWalk } from '../../trace/cniWalk';
import type { CniDatapath, CniPlugin, CniProfile } from '../types';

import { configs, readCiliumConfig, type CiliumConfig } from './config';
import { ciliumIpam } from './ipam';
import { BASE_MTU, ciliumNode, TUNNEL_OVERHEAD } from './node';
import { ciliumPod } from './pod';
import { ciliumWalk } from './walk';

/** The modelled release: route text and defaults as Cilium 1.16+ prints and sets them. */
const VERSION = 'Cilium 1.16+';

function variantOf(cfg: CiliumConfig): string {
  const base =
    cfg.routingMode === 'native'
      ? 'native routing'
      : cfg.tunnelProtocol === 'geneve'
        ? 'Geneve'
        : 'VXLAN';
  return cfg.kubeProxyReplacement ? `${base} + kube-proxy replacement` : base;
}

export function ciliumProfile(cfg: CiliumConfig, ipBlockMatchesPods: boolean): CniProfile {
  const variant = variantOf(cfg);
  const tunnel = cfg.routingMode === 'tunnel';
  const dev = cfg.tunnelProtocol === 'geneve' ? 'cilium_geneve' : 'cilium_vxlan';
  const kpr = cfg.kubeProxyReplacement;
  return {
    kind: 'cilium',
    mode: 'cilium',
    name: `Cilium ${variant}`,
    variant,
    version: VERSION,
    summary: `No bridge: each pod's veth ends in an lxc device whose eBPF program routes, load-balances and enforces policy; ${tunnel ? `traffic to other nodes is wrapped by ${dev} (UDP ${cfg.tunnelPort}, VNI = the sender's security identity)` : 'traffic to other nodes goes out of eth0 unwrapped, by the node routes'}.${kpr ? ' No kube-proxy (kube-proxy replacement): Services are translated in the pod’s socket and by eBPF on the node’s NIC.' : ''}`,
    encapsulation: tunnel
      ? `${cfg.tunnelProtocol === 'geneve' ? 'Geneve' : 'VXLAN'}, UDP ${cfg.tunnelPort}, VNI = source security identity (${dev})`
      : cfg.autoDirectNodeRoutes
        ? 'none: native routing, a route per node CIDR via its eth0 (auto-direct-node-routes)'
        : 'none: native routing, the network must route the pod CIDRs (no auto-direct-node-routes)',
    ipam:
      cfg.ipam === 'kubernetes'
        ? 'kubernetes: node.spec.podCIDR, a random free address per endpoint'
        : `cluster-pool ${cfg.poolCidrs.join(' ')} /${cfg.maskSize} per node (CiliumNode), not node.spec.podCIDR; a random free address per endpoint`,
    policy:
      'eBPF at the endpoint: egress as the packet leaves the pod (tc ingress on its lxc), ingress just before delivery to the destination’s lxc; ipBlock never matches pod IPs',
    serviceNat: kpr
      ? cfg.sockHostnsOnly
        ? 'eBPF at the pod’s lxc (tc), per packet — socket LB is host-namespace only (bpf-lb-sock-hostns-only)'
        : 'at connect() in the pod’s socket (socket LB): the packet leaves the pod addressed to the backend'
      : 'eBPF at the pod’s lxc (tc), per packet, before the node’s netfilter; kube-proxy handles NodePorts',
    masquerade: cfg.masquerade
      ? 'pod traffic leaving the cluster is masqueraded to the node address (enable-ipv4-masquerade)'
      : 'off (enable-ipv4-masquerade: false): pods keep their address everywhere',
    podMtu: BASE_MTU,
    kubeProxy: !kpr,
    ...(kpr
      ? {
          serviceLb: {
            actor: "Cilium's eBPF load balancer",
            rules: "entries in Cilium's eBPF service map",
            rule: 'eBPF service-map entry',
          },
        }
      : {}),
    ipBlockMatchesPods,
    legend: [
      {
        term: 'lxc…',
        text: 'host end of a pod’s veth; its eBPF program (cil_from_container) handles everything the pod sends',
      },
      {
        term: 'cilium_host',
        text: 'the node’s router: its /32 is the pods’ gateway; host traffic to pods leaves through it',
      },
      {
        term: 'eBPF (lxc)',
        text: 'no bridge: eBPF redirects packets between lxc devices, tunnel and NIC',
      },
      ...(tunnel
        ? [
            {
              term: dev,
              text: `collect-metadata ${cfg.tunnelProtocol === 'geneve' ? 'Geneve' : 'VXLAN'} device: UDP ${cfg.tunnelPort}, the VNI carries the sender’s identity`,
            },
          ]
        : []),
    ],
    caveats: [
      ...(tunnel
        ? [
            `Pod links keep MTU 1500; the ${TUNNEL_OVERHEAD}-byte tunnel overhead is a route MTU (mtu 1450).`,
          ]
        : []),
      'IPv6 pod addresses are not modelled for Cilium.',
      'The health endpoint (lxc_health) and eBPF host routing details are not drawn.',
    ],
  };
}

export const ciliumPlugin: CniPlugin = {
  kind: 'cilium',
  configure({ scenario, notes }): CniDatapath {
    const cfg = readCiliumConfig(scenario, notes);
    const ipBlock = scenario.cluster.cni.ipBlockMatchesPods ?? false;
    const datapath: CniDatapath = {
      kind: 'cilium',
      profile: ciliumProfile(cfg, ipBlock),
      ipam: (input) => ciliumIpam(input, cfg),
      node: (input) => ciliumNode(input, cfg),
      pod: (input) => ciliumPod(input, cfg),
      routerPodRoutes: () => [],
    };
    configs.set(datapath, cfg);
    return datapath;
  },
};

registerCniWalk('cilium', ciliumWalk);
