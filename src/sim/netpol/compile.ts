/**
 * The compiled form of a cluster's NetworkPolicies, memoised per Cluster object: defaulted
 * policies, which pods each selects, and, per rule and peer, the set of pods it admits as a bitset
 * (computed lazily, once). Every evaluation — one connection or the whole matrix — reads this, so
 * selectors are matched once per (peer, pod), never per matrix cell.
 */
import { parseCidr, type Cidr } from '../addr/cidr';
import { parseIp, type Ip } from '../addr/ip';
import type { Cluster, DerivedPod } from '../derive/types';
import type {
  LabelSelector,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
} from '../model/k8s';
import { keyOf, matchesSelector, namespaceOf } from '../model/labels';

import { bitset, orInto, fullBitset, setBit, type Bitset } from './bitset';
import { effectivePolicyTypes, normalizePort, type NormalizedPort } from './defaults';
import { describeRule } from './describe';
import { blockContains, type CompiledBlock } from './match';
import type { PolicyDirection } from './types';

export interface CompiledPeer {
  readonly index: number;
  readonly entry: NetworkPolicyPeer;
  readonly block?: CompiledBlock;
  /** Pods this entry admits (hostNetwork pods only through ipBlock, as node traffic). */
  readonly pods: () => Bitset;
}

export interface CompiledRule {
  readonly direction: PolicyDirection;
  readonly index: number;
  /** Undefined = `from`/`to` missing or empty: every peer, external addresses included (API). */
  readonly peers?: readonly CompiledPeer[];
  /** Undefined = `ports` missing or empty: every port and protocol (API). */
  readonly ports?: readonly NormalizedPort[];
  readonly text: string;
  /** Union of the peers' pod sets. */
  readonly pods: () => Bitset;
}

export interface CompiledPolicy {
  /** "namespace/name". */
  readonly key: string;
  readonly namespace: string;
  readonly policy: NetworkPolicy;
  /** Absent podSelector = `{}` = every pod of the namespace (API). */
  readonly selector: LabelSelector;
  /** Present only for directions in the defaulted policyTypes. */
  readonly ingress?: readonly CompiledRule[];
  readonly egress?: readonly CompiledRule[];
}

export interface PodSelection {
  readonly ingress: readonly CompiledPolicy[];
  readonly egress: readonly CompiledPolicy[];
}

export interface NetpolIndex {
  readonly cluster: Cluster;
  /** Every pod, sorted by key (for a duplicate key, the pod cluster.podByKey holds). */
  readonly pods: readonly DerivedPod[];
  readonly podIndex: ReadonlyMap<string, number>;
  readonly podIps: readonly (readonly Ip[])[];
  /** Sorted by key. */
  readonly policies: readonly CompiledPolicy[];
  readonly policyByKey: ReadonlyMap<string, CompiledPolicy>;
  /** Cluster setting `cni.ipBlockMatchesPods` (default true, upstream e2e semantics; Cilium false). */
  readonly ipBlockMatchesPods: boolean;
  /** Policies that select pod `i`, per direction, in key order. */
  readonly selection: (i: number) => PodSelection;
  /** Whether policy `p` selects pod `i` (its own namespace only; never a hostNetwork pod). */
  readonly selects: (p: CompiledPolicy, i: number) => boolean;
}

const cache = new WeakMap<Cluster, NetpolIndex>();
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function lazy<T>(f: () => T): () => T {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value as T;
  };
}

/** The compiled NetworkPolicy index of a cluster (memoised per Cluster object). */
export function netpolIndex(cluster: Cluster): NetpolIndex {
  const hit = cache.get(cluster);
  if (hit) return hit;
  const ix = build(cluster);
  cache.set(cluster, ix);
  return ix;
}

function build(cluster: Cluster): NetpolIndex {
  // One pod per key, the one cluster.podByKey holds (duplicate names are a validation error).
  const pods = [...cluster.podByKey.values()].sort((a, b) => byText(a.key, b.key));
  const n = pods.length;
  const podIndex = new Map(pods.map((p, i) => [p.key, i]));
  const podIps = pods.map((p) =>
    p.ips.map((t) => parseIp(t)).flatMap((r) => (r.ok ? [r.value] : [])),
  );
  const nsPods = new Map<string, number[]>();
  pods.forEach((p, i) => {
    const list = nsPods.get(p.namespace);
    if (list) list.push(i);
    else nsPods.set(p.namespace, [i]);
  });
  const nsLabels = (ns: string) =>
    cluster.namespaceByName.get(ns)?.labels ?? { 'kubernetes.io/metadata.name': ns };
  // `cni.ipBlockMatchesPods`, defaulted by the datapath (Cilium: false).
  const ipBlockMatchesPods = cluster.datapath.profile.ipBlockMatchesPods;

  const peerPods = (entry: NetworkPolicyPeer, block: CompiledBlock | undefined, ns: string) => {
    const b = bitset(n);
    if (block) {
      // Pod IPs match ipBlock only in e2e mode (netpol.md §5); hostNetwork pods carry the node's
      // IP and count as node traffic, which ipBlock can always match (DOCS "hostNetwork pods").
      pods.forEach((p, i) => {
        if (
          (p.hostNetwork || ipBlockMatchesPods) &&
          podIps[i]?.some((a) => blockContains(block, a))
        )
          setBit(b, i);
      });
      return b;
    }
    // API: namespaceSelector absent = the policy's own namespace; present = matching namespaces
    // (`{}` = all). podSelector absent = all pods there. Both present = AND. VAL rejects an entry
    // with neither; like the reference algorithm (netpol.md §9) it then means the own namespace.
    const nsSel = entry.namespaceSelector;
    const namespaces = nsSel
      ? [...nsPods.keys()].filter((name) => matchesSelector(nsSel, nsLabels(name)))
      : [ns];
    for (const name of namespaces)
      for (const i of nsPods.get(name) ?? []) {
        const p = pods[i];
        if (!p || p.hostNetwork) continue; // selectors never select hostNetwork pods (DOCS)
        if (!entry.podSelector || matchesSelector(entry.podSelector, p.labels)) setBit(b, i);
      }
    return b;
  };

  const compileRules = (
    dir: PolicyDirection,
    rules: readonly {
      readonly peers?: readonly NetworkPolicyPeer[] | undefined;
      readonly ports?: readonly NetworkPolicyPort[] | undefined;
    }[],
    ns: string,
  ): CompiledRule[] =>
    rules.map((r, index) => {
      const peers = r.peers?.length
        ? r.peers.map((entry, pi): CompiledPeer => {
            const block = entry.ipBlock ? compileBlock(entry.ipBlock) : undefined;
            return {
              index: pi,
              entry,
              ...(block ? { block } : {}),
              pods: lazy(() => peerPods(entry, block, ns)),
            };
          })
        : undefined;
      const ports = r.ports?.length ? r.ports.map(normalizePort) : undefined;
      const union = lazy(() => {
        if (!peers) return fullBitset(n);
        const b = bitset(n);
        for (const p of peers) orInto(b, p.pods());
        return b;
      });
      return {
        direction: dir,
        index,
        ...(peers ? { peers } : {}),
        ...(ports ? { ports } : {}),
        text: describeRule(dir, index, r, ns),
        pods: union,
      };
    });

  const policies: CompiledPolicy[] = cluster.networkPolicies
    .map((policy) => {
      const ns = namespaceOf(policy.metadata);
      const types = effectivePolicyTypes(policy);
      const ingress = (policy.spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }));
      const egress = (policy.spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
      return {
        key: keyOf(policy.metadata),
        namespace: ns,
        policy,
        selector: policy.spec.podSelector ?? {},
        ...(types.includes('ingress') ? { ingress: compileRules('ingress', ingress, ns) } : {}),
        ...(types.includes('egress') ? { egress: compileRules('egress', egress, ns) } : {}),
      };
    })
    .sort((a, b) => byText(a.key, b.key));
  const policyByKey = new Map<string, CompiledPolicy>();
  for (const p of policies) if (!policyByKey.has(p.key)) policyByKey.set(p.key, p);
  const policiesInNs = new Map<string, CompiledPolicy[]>();
  for (const p of policies) {
    const list = policiesInNs.get(p.namespace);
    if (list) list.push(p);
    else policiesInNs.set(p.namespace, [p]);
  }

  // API: a policy selects pods only in its own namespace (metadata.namespace).
  const selects = (p: CompiledPolicy, i: number): boolean => {
    const pod = pods[i];
    return (
      pod !== undefined &&
      !pod.hostNetwork &&
      pod.namespace === p.namespace &&
      matchesSelector(p.selector, pod.labels)
    );
  };
  const selections: (PodSelection | undefined)[] = new Array<PodSelection | undefined>(n);
  const selection = (i: number): PodSelection => {
    const hit = selections[i];
    if (hit) return hit;
    const ns = pods[i]?.namespace ?? '';
    const mine = (policiesInNs.get(ns) ?? []).filter((p) => selects(p, i));
    const s = { ingress: mine.filter((p) => p.ingress), egress: mine.filter((p) => p.egress) };
    selections[i] = s;
    return s;
  };

  return {
    cluster,
    pods,
    podIndex,
    podIps,
    policies,
    policyByKey,
    ipBlockMatchesPods,
    selection,
    selects,
  };
}

function compileBlock(b: {
  readonly cidr: string;
  readonly except?: readonly string[];
}): CompiledBlock {
  const cidr = parseCidr(b.cidr);
  const except: Cidr[] = [];
  let valid = cidr.ok;
  for (const e of b.except ?? []) {
    const r = parseCidr(e);
    if (r.ok) except.push(r.value);
    else valid = false; // VAL rejects the policy; an unparsable block admits nothing here
  }
  return cidr.ok ? { cidr: cidr.value, except, valid } : { except, valid: false };
}
