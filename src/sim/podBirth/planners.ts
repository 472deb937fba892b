/**
 * Which CNI's ADD a cluster runs. The explorer's `routes` and `vxlan` datapaths are flannel's
 * (host-gw and VXLAN backends, the FLANNEL-POSTRTG masquerade): both use the flannel planner. A new
 * datapath adds its planner here (Calico: calico + calico-ipam, no bridge; Cilium: cilium-cni,
 * lxc… veths); until then it gets the flannel steps read off its own derived devices.
 */
import type { Cluster } from '../derive/types';

import { flannelPlanner } from './flannel';
import type { CniAddPlanner } from './types';

const PLANNERS: Readonly<Partial<Record<string, CniAddPlanner>>> = {
  routes: flannelPlanner,
  vxlan: flannelPlanner,
};

export function plannerFor(cluster: Cluster): CniAddPlanner {
  return PLANNERS[cluster.settings.cni.mode] ?? flannelPlanner;
}
