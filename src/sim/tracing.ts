/**
 * Loads the walk on demand (see tracingApi.ts): the first screen draws the cluster without the
 * tracer, the rule generator and the netfilter engine, and the app brings them in when it is idle
 * or when a walk is asked for — whichever comes first.
 * @example const { trace } = await loadTracing(); trace(cluster, { from, to })
 */
import type * as TracingApi from './tracingApi';

export type Tracing = typeof TracingApi;

let loaded: Tracing | undefined;
let pending: Promise<Tracing> | undefined;

/** The tracer and rule views, loading them if needed (one import, however often it is called). */
export function loadTracing(): Promise<Tracing> {
  if (loaded) return Promise.resolve(loaded);
  pending ??= import('./tracingApi').then((m) => (loaded = m));
  return pending;
}

/** The tracer and rule views if they are loaded, else undefined (see loadTracing). */
export function loadedTracing(): Tracing | undefined {
  return loaded;
}
