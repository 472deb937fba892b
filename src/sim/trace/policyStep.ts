/**
 * NetworkPolicy checks in the walk: egress as the packet leaves the source pod's veth (after
 * kube-proxy's DNAT, so on the backend's real IP and port), ingress just before the destination
 * pod — where CNIs such as Calico enforce them. Replies of an allowed connection always pass.
 */
import type { DerivedNode, DerivedPod } from '../derive/types';
import { ids } from '../model/ids';
import { evaluateDirection, type Peer } from '../netpol/evaluate';

import { hop, stop, type Outcome, type Pkt, type Walk } from './walk';

function peerOf(w: Walk, ip: string): Peer {
  for (const o of w.cluster.ipOwners.get(ip) ?? []) {
    if (o.kind === 'pod') return { kind: 'pod', key: o.key };
    if (o.kind === 'node') return { kind: 'node', name: o.name };
  }
  return { kind: 'ip', ip };
}

/** Runs the pod's policy check for this direction; returns an outcome only when it drops. */
export function checkPolicy(
  w: Walk,
  dir: 'ingress' | 'egress',
  pod: DerivedPod,
  pkt: Pkt,
  node: DerivedNode,
): Outcome | undefined {
  if (w.direction !== 'request' || pod.hostNetwork) return undefined;
  if (dir === 'egress') {
    if (w.egressPending !== pod.key) return undefined;
    w.egressPending = undefined;
  }
  const peer = peerOf(w, dir === 'egress' ? pkt.dstIP : pkt.srcIP);
  const v = evaluateDirection(w.cluster, dir, pod.key, peer, pkt.dstPort, pkt.protocol);
  if (!v.isolated) return undefined;
  const at = dir === 'ingress' ? ids.podEth0(pod.key) : ids.podEth0(pod.key);
  const policies = v.selectingPolicies;
  hop(w, pkt, {
    kind: v.allowed ? 'policy' : 'drop',
    at,
    node: node.name,
    title: `${dir} policy: ${v.allowed ? 'allowed' : 'denied'}`,
    rule: {
      source: 'NetworkPolicy',
      text: v.allowedBy ? `${v.allowedBy.policy}: ${v.allowedBy.text}` : policies.join(', '),
    },
    highlight: policies.map((p) => `netpol:${p}`),
    explain: v.reason,
  });
  if (v.allowed) return undefined;
  return stop('dropped', v.reason);
}
