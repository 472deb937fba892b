/**
 * NetworkPolicy verdicts for one connection (networking.k8s.io/v1; semantics and sources in
 * reference/netpol.md). Connections, not packets: replies of an allowed connection pass (DOCS).
 */
import type { Cluster } from '../derive/types';

import { netpolIndex, type NetpolIndex } from './compile';
import { describeTraffic, listText } from './describe';
import { matchingPeerIndex, matchingPortIndex, resolvePeer, type ResolvedPeer } from './match';
import type {
  AllowedBy,
  ConnectionVerdict,
  DirectionVerdict,
  Peer,
  PolicyDirection,
  PolicyProtocol,
} from './types';

export type { Peer } from './types';

/** Why an ICMP verdict is marked CNI-dependent (DOCS "Network traffic filtering"). */
export const ICMP_NOTE =
  'The NetworkPolicy API only defines TCP, UDP and SCTP: how ICMP is filtered depends on the CNI plugin (modelled here as: rules without ports admit it, rules with ports do not).';

/**
 * Evaluates one direction at one pod: `ingress` at `subject` for traffic from `peer`, or `egress`
 * at `subject` for traffic to `peer`. `port` is the destination (pod-side, post-DNAT) port.
 */
export function evaluateDirection(
  cluster: Cluster,
  dir: PolicyDirection,
  subject: string,
  peer: Peer,
  port: number | undefined,
  protocol: PolicyProtocol,
): DirectionVerdict {
  const ix = netpolIndex(cluster);
  return judge(ix, dir, subject, resolvePeer(ix, peer), port, protocol);
}

/**
 * Evaluates a connection: egress at the source when it is a pod AND ingress at the destination
 * when it is a pod (DOCS: "both the egress policy on the source pod and the ingress policy on the
 * destination pod need to allow the connection"). Node and outside ends have nothing to evaluate.
 */
export function evaluateConnection(
  cluster: Cluster,
  src: Peer,
  dst: Peer,
  port: number | undefined,
  protocol: PolicyProtocol,
): ConnectionVerdict {
  const ix = netpolIndex(cluster);
  return judgeConnection(ix, resolvePeer(ix, src), resolvePeer(ix, dst), port, protocol);
}

/** evaluateConnection on already resolved ends (shared with the matrix). */
export function judgeConnection(
  ix: NetpolIndex,
  s: ResolvedPeer,
  d: ResolvedPeer,
  port: number | undefined,
  protocol: PolicyProtocol,
): ConnectionVerdict {
  const egress = s.pod ? judge(ix, 'egress', s.pod.key, d, port, protocol) : undefined;
  const ingress = d.pod ? judge(ix, 'ingress', d.pod.key, s, port, protocol) : undefined;
  const allowed = (egress?.allowed ?? true) && (ingress?.allowed ?? true);
  const sides = {
    ...(egress ? { egress } : {}),
    ...(ingress ? { ingress } : {}),
  };
  if (!allowed) {
    const denying = egress && !egress.allowed ? egress : ingress;
    return { ...sides, allowed, reason: denying?.reason ?? 'Denied by NetworkPolicy.' };
  }
  const isolated = [egress, ingress].filter((v) => v?.isolated);
  const reason = isolated.length
    ? isolated.map((v) => v?.reason).join(' ')
    : `No NetworkPolicy isolates either end, so ${s.label} → ${d.label} on ${describeTraffic(port, protocol)} is allowed.`;
  return { ...sides, allowed, reason };
}

/** One direction at one pod, with the peer already resolved. */
export function judge(
  ix: NetpolIndex,
  dir: PolicyDirection,
  subject: string,
  peer: ResolvedPeer,
  port: number | undefined,
  protocol: PolicyProtocol,
): DirectionVerdict {
  const traffic = describeTraffic(port, protocol);
  const open = (reason: string): DirectionVerdict => ({
    direction: dir,
    subject,
    isolated: false,
    selectingPolicies: [],
    allowed: true,
    reason,
  });
  const idx = ix.podIndex.get(subject);
  const pod = idx !== undefined ? ix.pods[idx] : undefined;
  if (idx === undefined || !pod)
    return open(`${subject} is not a pod of this cluster, so no NetworkPolicy applies to it.`);
  if (pod.hostNetwork)
    return open(
      `${subject} uses the host network: NetworkPolicy selectors do not select hostNetwork pods, so its traffic is node traffic.`,
    );
  const selecting = ix.selection(idx)[dir];
  if (selecting.length === 0)
    return open(
      `No NetworkPolicy selects ${subject} for ${dir}, so all its ${dir} traffic is allowed.`,
    );

  // Isolated (DOCS "The two sorts of pod isolation"): allowed iff some rule of some selecting
  // policy admits the connection; policies are additive allow-lists and order does not matter.
  const names = selecting.map((p) => p.key);
  const isolatedBy = `${subject} is isolated for ${dir} by ${listText(names)}`;
  const icmp = protocol === 'ICMP';
  const note = icmp ? ' (ICMP: the verdict depends on the CNI plugin)' : '';
  const verdict = (
    allowed: boolean,
    reason: string,
    extra: { allowedBy?: AllowedBy; exemption?: 'self' | 'own-node' } = {},
  ): DirectionVerdict => ({
    direction: dir,
    subject,
    isolated: true,
    selectingPolicies: names,
    allowed,
    ...extra,
    ...(icmp && !extra.exemption ? { cniDependent: ICMP_NOTE } : {}),
    reason,
  });

  // DOCS: "a pod cannot block access to itself".
  if (peer.idx === idx)
    return verdict(true, `${isolatedBy}, but a pod cannot block access to itself.`, {
      exemption: 'self',
    });
  // API `ingress`: traffic is allowed "if the traffic source is the pod's local node".
  if (dir === 'ingress' && peer.node !== undefined && peer.node === pod.nodeName)
    return verdict(
      true,
      `${isolatedBy}, but ${peer.label} comes from its own node ${peer.node}, which is always allowed.`,
      { exemption: 'own-node' },
    );

  // Named ports resolve on the destination: the subject for ingress, the peer for egress (API).
  const dstPod = dir === 'ingress' ? pod : peer.pod;
  let nearMiss: string | undefined;
  for (const p of selecting) {
    for (const r of p[dir] ?? []) {
      const peerIndex = matchingPeerIndex(r, peer);
      if (peerIndex === -1) continue;
      const portIndex = matchingPortIndex(r, port, protocol, dstPod);
      if (portIndex === -1) {
        nearMiss ??= `${p.key} ${r.text}`;
        continue;
      }
      const allowedBy: AllowedBy = {
        policy: p.key,
        ruleIndex: r.index,
        ...(peerIndex !== undefined ? { peerIndex } : {}),
        ...(portIndex !== undefined ? { portIndex } : {}),
        text: r.text,
      };
      return verdict(
        true,
        `${isolatedBy}; ${p.key} ${r.text} allows ${peer.label} on ${traffic}${note}.`,
        { allowedBy },
      );
    }
  }
  const hint = nearMiss ? `; ${nearMiss} admits this peer, but not on ${traffic}` : '';
  return verdict(
    false,
    `${isolatedBy}; no rule of ${names.join(', ')} allows ${peer.label} on ${traffic}${hint}${note}.`,
  );
}
