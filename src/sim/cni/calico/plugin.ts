/**
 * Calico (v3.32, iptables dataplane, BIRD for BGP) behind the CNI datapath seam: configured by the
 * cluster's IPPool objects (or calico-node's default pool), addresses from calico-ipam's blocks,
 * no bridge, proxy ARP, /32 routes, IP-in-IP / VXLAN / plain routes between nodes, NetworkPolicy
 * at the workload interface. Loaded on demand (registry.ts).
 */
import { registerCniWalk } from '../../trace/cniWalk';
import type { CniDatapath, CniPlugin, CniProfile } from '../types';

import { calicoConfig, type CalicoConfig, type CalicoPool } from './config';
import { calicoIpam, type CalicoIpam } from './ipam';
import { calicoNode, ETH_MTU, IPIP_MTU, VXLAN_MTU, VXLAN_PORT, VXLAN_VNI } from './node';
import { calicoPod } from './pod';
import { calicoWalk } from './walk';

/** Felix's pod MTU: the host's minus the largest overhead of the encapsulations in use. */
export function calicoMtu(cfg: CalicoConfig): number {
  const on = cfg.pools.filter((p) => !p.disabled);
  if (on.some((p) => p.vxlanMode !== 'Never')) return VXLAN_MTU;
  if (on.some((p) => p.ipipMode !== 'Never')) return IPIP_MTU;
  return ETH_MTU;
}

function encapOf(p: CalicoPool | undefined): { name: string; variant: string; text: string } {
  if (!p) return { name: 'Calico', variant: 'no pool', text: 'none (no IPPool)' };
  if (p.vxlanMode !== 'Never')
    return {
      name: `Calico VXLAN (vxlanMode: ${p.vxlanMode})`,
      variant: p.vxlanMode === 'Always' ? 'VXLAN' : 'VXLAN CrossSubnet',
      text: `VXLAN, UDP ${VXLAN_PORT}, VNI ${VXLAN_VNI} (vxlan.calico)${p.vxlanMode === 'CrossSubnet' ? ' — only to nodes on another subnet; plain routes within one' : ''}`,
    };
  if (p.ipipMode !== 'Never')
    return {
      name: `Calico IP-in-IP (ipipMode: ${p.ipipMode})`,
      variant: p.ipipMode === 'Always' ? 'IP-in-IP' : 'IP-in-IP CrossSubnet',
      text: `IP-in-IP, IP protocol 4 (tunl0)${p.ipipMode === 'CrossSubnet' ? ' — only to nodes on another subnet; plain routes within one' : ''}`,
    };
  return {
    name: 'Calico BGP (no encapsulation)',
    variant: 'BGP, no encapsulation',
    text: 'none: BGP-learnt routes via the peer node’s eth0 (nodes must share a subnet or the network must route pod ranges)',
  };
}

function profile(cfg: CalicoConfig, ipBlockMatchesPods: boolean): CniProfile {
  const main = cfg.pools.find((p) => !p.disabled && p.cidr.family === 4) ?? cfg.pools[0];
  const e = encapOf(main);
  const nat = cfg.pools.filter((p) => p.natOutgoing).map((p) => p.name);
  return {
    kind: 'calico',
    mode: 'calico',
    name: e.name,
    variant: e.variant,
    summary:
      'No bridge: each pod’s veth (cali…) is a routed interface with a /32 route; the pod’s gateway 169.254.1.1 exists nowhere — the host answers by proxy ARP. Routes to other nodes’ /26 blocks are learnt over BGP (BIRD).',
    version: 'Calico v3.32 (BIRD programs IP-in-IP and plain routes, Felix VXLAN routes)',
    encapsulation: e.text,
    ipam: `calico-ipam: /${main?.blockSize ?? 26} blocks from IPPool ${main?.name ?? '—'} (${main?.cidrText ?? '—'}), claimed per node; node.spec.podCIDR is not used`,
    policy:
      'iptables in filter FORWARD: cali-fw-<iface> as a packet leaves a pod, cali-tw-<iface> before it enters one',
    serviceNat: 'kube-proxy: nat PREROUTING on the client’s node (DNAT to a backend)',
    masquerade: nat.length
      ? `natOutgoing (${nat.join(', ')}): cali-nat-outgoing masquerades pod traffic to destinations outside every pool`
      : 'natOutgoing off: pods keep their address outside the cluster',
    podMtu: calicoMtu(cfg),
    kubeProxy: true,
    ipBlockMatchesPods,
    legend: [
      {
        term: 'cali…',
        text: 'host end of a pod’s veth: routed, no bridge, MAC ee:ee:ee:ee:ee:ee, proxy ARP',
      },
      { term: '169.254.1.1', text: 'every pod’s gateway: owned by nobody, answered by proxy ARP' },
      { term: 'blackhole', text: 'route for the node’s own block: drops addresses no pod has' },
      ...(cfg.pools.some((p) => p.ipipMode !== 'Never')
        ? [{ term: 'tunl0', text: 'IP-in-IP device: outer IPv4 header node → node, protocol 4' }]
        : []),
      ...(cfg.pools.some((p) => p.vxlanMode !== 'Never')
        ? [{ term: 'vxlan.calico', text: 'VXLAN device: UDP 4789, VNI 4096' }]
        : []),
    ],
    caveats: [
      'Calico’s filter chains (cali-FORWARD, cali-fw-/cali-tw- policy and profile chains) are not printed in iptables-save; the walk applies NetworkPolicy at their place.',
    ],
  };
}

export const calicoPlugin: CniPlugin = {
  kind: 'calico',
  configure({ scenario, notes }): CniDatapath {
    registerCniWalk('calico', calicoWalk);
    const cfg = calicoConfig(scenario, notes);
    const mtu = calicoMtu(cfg);
    let ipam: CalicoIpam | undefined;
    return {
      kind: 'calico',
      profile: profile(cfg, scenario.cluster.cni.ipBlockMatchesPods ?? true),
      ipam: (input) => (ipam = calicoIpam(input, cfg)),
      node: (input) =>
        calicoNode(
          input,
          ipam ?? {
            podRanges: new Map(),
            podIps: new Map(),
            deviceAddrs: new Map(),
            blocks: [],
            borrowed: new Map(),
          },
        ),
      pod: (input) => calicoPod(input, mtu),
      routerPodRoutes: () => [],
    };
  },
};
