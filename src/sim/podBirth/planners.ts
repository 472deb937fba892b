/**
 * Which CNI's ADD a cluster runs, by its datapath's kind: the bridge datapath (`routes`, `vxlan`,
 * `cloud-routes`) is flannel's (host-gw and VXLAN backends, the FLANNEL-POSTRTG masquerade)
 * delegating to the bridge plugin; Calico runs calico + calico-ipam (no bridge, cali… veths, proxy
 * ARP); Cilium runs cilium-cni with the agent (lxc… veths, eBPF). A new datapath adds its planner
 * here.
 */
import type { CniKind } from '../cni/types';
import type { Cluster } from '../derive/types';

import { calicoPlanner } from './calico';
import { ciliumPlanner } from './cilium';
import { flannelPlanner } from './flannel';
import type { CniAddPlanner } from './types';

const PLANNERS: Readonly<Record<CniKind, CniAddPlanner>> = {
  bridge: flannelPlanner,
  calico: calicoPlanner,
  cilium: ciliumPlanner,
};

export function plannerFor(cluster: Cluster): CniAddPlanner {
  return PLANNERS[cluster.datapath.kind];
}
