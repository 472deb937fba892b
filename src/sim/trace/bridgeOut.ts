/** A routed packet leaving through cni0: ARP finds the pod's MAC, the bridge switches to its port. */
import type { DerivedNode, DerivedPod } from '../derive/types';
import { ids } from '../model/ids';

import { hop, type Pkt, type Walk } from './walk';

export function bridgeOut(w: Walk, node: DerivedNode, pkt: Pkt): DerivedPod | undefined {
  let pod: DerivedPod | undefined;
  for (const key of node.podKeys) {
    const p = w.cluster.podByKey.get(key);
    if (p && !p.hostNetwork && p.ips.includes(pkt.dstIP)) pod = p;
  }
  if (!pod?.eth0 || !pod.vethHost) {
    hop(w, pkt, {
      kind: 'drop',
      at: ids.nodeBridge(node.name),
      node: node.name,
      title: 'ARP on cni0 gets no answer',
      explain: `${pkt.dstIP} is inside ${node.name}'s pod range, so the node ARPs for it on cni0 — but no pod on this node has that address. The packet is dropped ("No route to host").`,
    });
    return undefined;
  }
  hop(
    w,
    { ...pkt, srcMAC: node.bridge.mac, dstMAC: pod.eth0.mac },
    {
      kind: 'bridge',
      at: ids.nodeBridge(node.name),
      node: node.name,
      title: `cni0 → ${pod.vethHost.name}`,
      rule: {
        source: 'ip neigh / bridge fdb',
        text: `${pkt.dstIP} dev cni0 lladdr ${pod.eth0.mac} REACHABLE · ${pod.eth0.mac} dev ${pod.vethHost.name} master cni0`,
      },
      explain: `${node.name} resolves ${pkt.dstIP} to ${pod.name}'s MAC ${pod.eth0.mac} (ARP on cni0) and the bridge switches the frame to that pod's port ${pod.vethHost.name}.`,
    },
  );
  return pod;
}
