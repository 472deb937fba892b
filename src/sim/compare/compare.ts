/**
 * Compare datapaths: one walk under two CNIs, side by side. The scenario is copied with the other
 * CNI chosen (applyCniChoice — the same edit as the Network tab's), both clusters are derived and
 * the same walk is traced on each; the hops are aligned (align.ts) and the facts a CNI choice turns
 * on are set against each other (facts.ts). The tracer is passed in (the app loads it on demand),
 * and the datapaths of both CNIs must be loaded (loadDatapath).
 */
import { applyCniChoice, cniChoiceOf, type CniChoice } from '../cni/choice';
import { deriveCluster } from '../derive/cluster';
import type { Cluster } from '../derive/types';
import type { Scenario } from '../model/scenario';
import type { Trace, TraceRequest } from '../trace/types';

import { alignHops, type AlignedRow } from './align';
import { compareFacts, type Fact, type Side } from './facts';

export interface ComparedSide extends Side {
  /** The Network tab's choice this side runs (undefined: a configuration no choice describes). */
  readonly choice: CniChoice | undefined;
  readonly walk: TraceRequest;
}

export interface DatapathComparison {
  readonly left: ComparedSide;
  readonly right: ComparedSide;
  readonly rows: readonly AlignedRow[];
  readonly facts: readonly Fact[];
}

export type TraceFn = (cluster: Cluster, walk: TraceRequest) => Trace;

/** The pod (or node) an address belongs to in `from`, as its address in `to`. */
function sameOwnerIp(from: Cluster, to: Cluster, ip: string): string | undefined {
  const o = from.ipOwners.get(ip)?.[0];
  if (o?.kind === 'pod') return to.podByKey.get(o.key)?.ips[0];
  return o ? ip : undefined;
}

/** A ref that is a pod's address in `from` becomes the pod's ref (its address differs in `to`). */
function portableRef(from: Cluster, ref: string): string {
  const o = from.ipOwners.get(ref)?.[0];
  return o?.kind === 'pod' ? `pod/${o.key}` : ref;
}

/**
 * The walk on the right follows the same backend pod as the left one: kube-proxy's and Cilium's
 * load balancers pick by different rules, and the backend's address differs between the CNIs.
 */
function rightWalk(l: Cluster, r: Cluster, walk: TraceRequest, left: Trace): TraceRequest {
  const w: TraceRequest = { ...walk, from: portableRef(l, walk.from), to: portableRef(l, walk.to) };
  const chosen = left.chosen ?? walk.endpoint;
  const m = chosen ? /^\[?([^\]]+?)\]?:(\d+)$/.exec(chosen) : null;
  if (!m) return w;
  const ip = sameOwnerIp(l, r, m[1] ?? '');
  const { endpoint: _drop, ...rest } = w;
  return ip ? { ...rest, endpoint: ip.includes(':') ? `[${ip}]:${m[2]}` : `${ip}:${m[2]}` } : rest;
}

/** The walk on `scenario` as it is (left) and with the CNI `other` chosen (right). */
export function compareDatapaths(
  scenario: Scenario,
  walk: TraceRequest,
  other: CniChoice,
  trace: TraceFn,
): DatapathComparison {
  const lc = deriveCluster(scenario);
  const otherScenario = applyCniChoice(scenario, other);
  const rc = deriveCluster(otherScenario);
  const lt = trace(lc, walk);
  const rw = rightWalk(lc, rc, walk, lt);
  const rt = trace(rc, rw);
  const left: ComparedSide = {
    choice: cniChoiceOf(scenario),
    walk,
    trace: lt,
    cluster: lc,
    profile: lc.datapath.profile,
  };
  const right: ComparedSide = {
    choice: other,
    walk: rw,
    trace: rt,
    cluster: rc,
    profile: rc.datapath.profile,
  };
  return { left, right, rows: alignHops(lt.hops, rt.hops), facts: compareFacts(left, right) };
}
