/**
 * NetworkPolicy checks in the walk: egress as the packet leaves the source pod (after any Service
 * translation, so on the backend's real IP and port), ingress just before the destination pod —
 * at the hook the CNI datapath names (Calico's cali-fw/cali-tw chains, Cilium's eBPF program on
 * the lxc device). Replies of an allowed connection always pass (conntrack).
 */
import type { Cluster, DerivedNode, DerivedPod } from '../derive/types';
import { evaluateDirection, type Peer } from '../netpol/evaluate';

import { hop, stop, type Outcome, type Pkt, type Walk } from './walk';
import { cniWalk } from './cniWalk';

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
  } else {
    // Checked once per walk: a datapath that polices in FORWARD has already done it.
    if (w.ingressChecked === pod.key) return undefined;
    w.ingressChecked = pod.key;
  }
  const peer = peerOf(w, dir === 'egress' ? pkt.dstIP : pkt.srcIP);
  const v = evaluateDirection(w.cluster, dir, pod.key, peer, pkt.dstPort, pkt.protocol);
  if (!v.isolated) return undefined;
  const where = cniWalk(w.cluster).policyHook(dir, pod, node);
  const policies = v.selectingPolicies;
  hop(w, pkt, {
    kind: v.allowed ? 'policy' : 'drop',
    at: where.at,
    node: node.name,
    dev: where.dev,
    netns: where.netns,
    title: `${dir} policy: ${v.allowed ? 'allowed' : 'denied'}`,
    rule: {
      source: where.source,
      text: v.allowedBy ? `${v.allowedBy.policy}: ${v.allowedBy.text}` : policies.join(', '),
    },
    highlight: policies.map((p) => `netpol:${p}`),
    explain: `${v.reason} Enforced at ${where.where}.${ipBlockNote(w, dir, pod.key, peer, pkt, v.allowed)}`,
  });
  if (v.allowed) return undefined;
  return stop('dropped', v.reason);
}

const withIpBlockOnPods = new WeakMap<Cluster, Cluster>();

/**
 * Where ipBlock peers never match pod addresses (Cilium: identity first, cilium#35212) and that
 * decided the verdict — ipBlock semantics as upstream's e2e tests and Calico apply them would give
 * the other answer — the hop says so.
 */
function ipBlockNote(
  w: Walk,
  dir: 'ingress' | 'egress',
  subject: string,
  peer: Peer,
  pkt: Pkt,
  allowed: boolean,
): string {
  const c = w.cluster;
  const profile = c.datapath.profile;
  if (profile.ipBlockMatchesPods || peer.kind !== 'pod') return '';
  if (!c.networkPolicies.some((p) => JSON.stringify(p.spec).includes('"ipBlock"'))) return '';
  let alt = withIpBlockOnPods.get(c);
  if (!alt) {
    alt = { ...c, datapath: { ...c.datapath, profile: { ...profile, ipBlockMatchesPods: true } } };
    withIpBlockOnPods.set(c, alt);
  }
  const v = evaluateDirection(alt, dir, subject, peer, pkt.dstPort, pkt.protocol);
  if (v.allowed === allowed) return '';
  return ` The ipBlock decided this: on ${profile.name} an ipBlock never matches a pod's address (in-cluster traffic is classified by security identity first), so ${pkt[dir === 'egress' ? 'dstIP' : 'srcIP']} — a pod — is outside every ipBlock here; where ipBlock peers match pod IPs (upstream's e2e tests, Calico) the verdict would be ${v.allowed ? `allowed${v.allowedBy ? ` (${v.allowedBy.policy}: ${v.allowedBy.text})` : ''}` : 'denied'}.`;
}
