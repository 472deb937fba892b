/** Named, module-level selectors with stable outputs (derived data is memoised on its inputs). */
import { deriveCluster, loadedTracing, type Cluster, type Trace } from '@/sim';

import type { AppState, WalkSpec } from './types';

export const selectScenario = (s: AppState) => s.scenario;
export const selectCluster = (s: AppState): Cluster => deriveCluster(s.scenario);
export const selectSelection = (s: AppState) => s.selection;
export const selectWalk = (s: AppState) => s.walk;

const traceMemo = new WeakMap<Cluster, Map<string, Trace>>();

/**
 * The trace of a walk on a cluster, memoised (a walk re-runs when the scenario changes, or when a
 * service proxy loaded on demand has arrived: `epoch`); undefined until the tracer is loaded (see
 * AppState.ensureTracing).
 */
export function traceFor(cluster: Cluster, walk: WalkSpec, epoch = 0): Trace | undefined {
  const tracing = loadedTracing();
  if (!tracing) return undefined;
  const key = `${epoch}|${JSON.stringify(walk)}`;
  let m = traceMemo.get(cluster);
  if (!m) {
    m = new Map();
    traceMemo.set(cluster, m);
  }
  const hit = m.get(key);
  if (hit) return hit;
  let t: Trace;
  try {
    t = tracing.trace(cluster, walk);
  } catch (e) {
    t = {
      verdict: 'unreachable',
      reason: `The simulator failed on this walk: ${(e as Error).message}`,
      candidates: [],
      masqueraded: false,
      hops: [],
    };
  }
  m.set(key, t);
  return t;
}

export const selectTrace = (s: AppState): Trace | undefined =>
  s.walk && s.tracingReady ? traceFor(selectCluster(s), s.walk, s.proxyEpoch) : undefined;
