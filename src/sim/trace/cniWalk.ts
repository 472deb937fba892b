/**
 * Which CniWalk moves a cluster's packets (the walk half of the CNI datapath seam, src/sim/cni):
 * the bridge datapath's is built in; Calico's and Cilium's register themselves when their code
 * is loaded (loadDatapath). Read at call time only: this module sits in an import cycle with the
 * rule generator.
 */
import { bridgeWalk } from '../cni/bridge/walk';
import type { CniKind, CniWalk } from '../cni/types';
import type { Cluster } from '../derive/types';

const registered = new Map<CniKind, CniWalk>();

/** Makes a datapath's walk available (called by its plugin module when it loads). */
export function registerCniWalk(kind: CniKind, walk: CniWalk): void {
  registered.set(kind, walk);
}

/** The walk of the cluster's datapath. */
export function cniWalk(cluster: Cluster): CniWalk {
  return registered.get(cluster.datapath.kind) ?? bridgeWalk;
}
