/**
 * A pod's veth pair in the walk: a virtual cable between the pod's eth0 and its host end (veth… on
 * cni0, cali…, lxc…). Shared by every datapath; each says what is on the host end.
 */
import type { Cluster, DerivedNode, DerivedPod } from '../../derive/types';
import { ids } from '../../model/ids';
import { hostVethIfindex, POD_ETH0_IFINDEX } from '../../ip/ifindex';
import { hop, type Pkt, type Walk } from '../../trace/walk';

/** The ifindex of the host end of a pod's veth (`eth0@ifN` in the pod; the host end is `…@if2`). */
export function podIfindex(cluster: Cluster, pod: DerivedPod): number {
  const node = pod.nodeName !== undefined ? cluster.nodeByName.get(pod.nodeName) : undefined;
  return node ? hostVethIfindex(node, cluster.pods, pod.key) : 0;
}

/** The frame leaves the pod's eth0 and appears on the host end of the veth. */
export function vethOut(
  w: Walk,
  node: DerivedNode,
  pod: DerivedPod,
  pkt: Pkt,
  o: { readonly at: string; readonly master?: string; readonly explain: string },
): void {
  const host = pod.vethHost;
  hop(w, pkt, {
    kind: 'veth',
    at: o.at,
    via: ids.veth(pod.key),
    node: node.name,
    dev: host?.name ?? 'veth',
    netns: `node/${node.name}`,
    title: `eth0 → ${host?.name ?? 'veth'} (host side)`,
    rule: {
      source: 'ip link',
      text: `${host?.name ?? 'veth'}@if${POD_ETH0_IFINDEX}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${host?.mtu ?? 1500}${o.master ? ` master ${o.master}` : ''} state UP`,
    },
    explain: o.explain,
  });
}

/** The frame crosses the veth from its host end into the pod's namespace, where it arrives on eth0. */
export function vethIn(w: Walk, node: DerivedNode, pod: DerivedPod, pkt: Pkt): void {
  hop(w, pkt, {
    kind: 'veth',
    at: ids.podEth0(pod.key),
    via: ids.veth(pod.key),
    node: node.name,
    dev: 'eth0',
    title: `${pod.vethHost?.name ?? 'veth'} → ${pod.name} eth0`,
    rule: {
      source: 'ip link',
      text: `eth0@if${podIfindex(w.cluster, pod)}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu ${pod.eth0?.mtu ?? 1500} state UP`,
    },
    explain: `Through the veth pair into ${pod.namespace}/${pod.name}'s network namespace, where it arrives on eth0 (${pod.ips[0] ?? ''}).`,
  });
}
