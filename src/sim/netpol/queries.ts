/** Questions the inspector and the graph ask about policies and pods (all read the compiled index). */
import type { Cluster } from '../derive/types';

import { bitset, members, orInto } from './bitset';
import { netpolIndex } from './compile';
import type { Isolation, PeerSummary, PolicyDirection } from './types';

/** Keys of the policies that select the pod and isolate it in `dir`, sorted. */
export function policiesSelecting(
  cluster: Cluster,
  podKey: string,
  dir: PolicyDirection,
): string[] {
  const ix = netpolIndex(cluster);
  const i = ix.podIndex.get(podKey);
  return i === undefined ? [] : ix.selection(i)[dir].map((p) => p.key);
}

/**
 * Whether the pod is isolated for ingress and for egress: some policy in its namespace selects it
 * with that direction in its (defaulted) policyTypes (DOCS "The two sorts of pod isolation").
 */
export function isolationOf(cluster: Cluster, podKey: string): Isolation {
  const ix = netpolIndex(cluster);
  const i = ix.podIndex.get(podKey);
  if (i === undefined) return { ingress: false, egress: false };
  const s = ix.selection(i);
  return { ingress: s.ingress.length > 0, egress: s.egress.length > 0 };
}

/**
 * Pods the policy's `spec.podSelector` selects: pods of its own namespace only, never hostNetwork
 * pods (API; DOCS "NetworkPolicy and hostNetwork pods"). Sorted keys; [] for an unknown policy.
 */
export function podsSelectedBy(cluster: Cluster, policyKey: string): string[] {
  const ix = netpolIndex(cluster);
  const p = ix.policyByKey.get(policyKey);
  if (!p) return [];
  const out: string[] = [];
  ix.pods.forEach((pod, i) => {
    if (ix.selects(p, i)) out.push(pod.key);
  });
  return out;
}

const EMPTY: PeerSummary = { pods: [], cidrs: [], anywhere: false };

/**
 * What the policy's rules admit as peers, per direction, ignoring ports: the pods (for graph
 * highlighting), the ipBlocks, and whether some rule admits everyone. A direction missing from the
 * defaulted policyTypes admits nothing (its rules are ignored, NPA `policyAffectsDirection`).
 */
export function peersAllowedBy(
  cluster: Cluster,
  policyKey: string,
): { readonly ingress: PeerSummary; readonly egress: PeerSummary } {
  const ix = netpolIndex(cluster);
  const p = ix.policyByKey.get(policyKey);
  if (!p) return { ingress: EMPTY, egress: EMPTY };
  const summarise = (dir: PolicyDirection): PeerSummary => {
    const rules = p[dir];
    if (!rules || rules.length === 0) return EMPTY;
    const b = bitset(ix.pods.length);
    const cidrs: string[] = [];
    let anywhere = false;
    for (const r of rules) {
      orInto(b, r.pods());
      if (!r.peers) anywhere = true;
      for (const e of r.peers ?? []) {
        const blk = e.entry.ipBlock;
        if (!blk) continue;
        const except = blk.except ?? [];
        cidrs.push(except.length ? `${blk.cidr} except ${except.join(', ')}` : blk.cidr);
      }
    }
    return { pods: members(b).map((i) => ix.pods[i]?.key ?? ''), cidrs, anywhere };
  };
  return { ingress: summarise('ingress'), egress: summarise('egress') };
}
