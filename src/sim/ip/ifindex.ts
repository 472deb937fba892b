/**
 * Interface indexes (`ip link`'s first column) in a node's root namespace and in a pod's: lo is 1
 * and eth0 2 (created at boot), then the CNI's devices in the order it creates them, then the host
 * ends of the pods' veths as the pods were started. The walk's `…@ifN` texts and `k8snet ip` read
 * the same numbers.
 */
import type { DerivedNode, DerivedPod } from '../derive/types';

/** The pod's eth0 in its own namespace (lo is 1; the CNI plugin creates eth0 next). */
export const POD_ETH0_IFINDEX = 2;

const memo = new WeakMap<DerivedNode, ReadonlyMap<string, number>>();

/** Every link of the node's root namespace → its ifindex (device names and `veth:<pod key>`). */
export function nodeIfindexes(
  node: DerivedNode,
  pods: readonly DerivedPod[],
): ReadonlyMap<string, number> {
  const hit = memo.get(node);
  if (hit) return hit;
  const m = new Map<string, number>([
    ['lo', 1],
    ['eth0', 2],
  ]);
  let next = 3;
  for (const d of node.devices) m.set(d.name, next++);
  const byKey = new Map(pods.map((p) => [p.key, p]));
  for (const key of node.podKeys) if (byKey.get(key)?.vethHost) m.set(`veth:${key}`, next++);
  memo.set(node, m);
  return m;
}

/** The ifindex of the host end of `pod`'s veth on its node (what the pod's `eth0@ifN` names). */
export function hostVethIfindex(
  node: DerivedNode,
  pods: readonly DerivedPod[],
  podKey: string,
): number {
  return nodeIfindexes(node, pods).get(`veth:${podKey}`) ?? 0;
}
