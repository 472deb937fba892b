/**
 * The current document's diagnostics, computed off the first paint: the validator is loaded on
 * demand and runs when the browser is idle (validating 10,000 pods takes a while), or arrives
 * ready-made from the loading worker (seedDiagnostics). Memoised per scenario object and, for
 * lists computed here, per loaded datapath: a scenario validated while its CNI's datapath was still
 * loading (Calico, Cilium) is validated again once it is here. Listeners hear when a scenario's
 * diagnostics are ready.
 */
import { datapathGeneration, type Diagnostic, type Scenario } from '@/sim';

/** A list and the datapath generation it was computed under ('any': the worker loaded its own). */
interface Entry {
  readonly list: readonly Diagnostic[];
  readonly generation: number | 'any';
}
const memo = new WeakMap<Scenario, Entry>();
const current = (s: Scenario): readonly Diagnostic[] | undefined => {
  const e = memo.get(s);
  return e && (e.generation === 'any' || e.generation === datapathGeneration())
    ? e.list
    : undefined;
};
/** What is computing a scenario's diagnostics: 'worker', or this thread under a datapath generation. */
const pending = new WeakMap<Scenario, string>();
const listeners = new Set<() => void>();

const notify = (): void => {
  for (const l of listeners) l();
};

export function subscribeDiagnostics(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The scenario's diagnostics if they are known (never starts computing them). */
export const diagnosticsKnown = (s: Scenario): readonly Diagnostic[] | undefined => current(s);

/**
 * Diagnostics computed for this scenario object elsewhere (`generation` 'any': by the loading
 * worker, with the scenario's datapath loaded there) or right now on this thread.
 */
export function seedDiagnostics(
  s: Scenario,
  list: readonly Diagnostic[],
  generation: number | 'any' = 'any',
): void {
  memo.set(s, { list, generation });
  notify();
}

/**
 * Diagnostics for this scenario are being computed elsewhere (the loading worker): do not compute
 * them here meanwhile — unless they have not come after a while.
 */
export function expectDiagnostics(s: Scenario): void {
  pending.set(s, 'worker');
  setTimeout(() => {
    if (current(s)) return;
    pending.delete(s);
    notify();
  }, 30_000);
}

const idle = (fn: () => void): void => {
  const ric = (globalThis as { requestIdleCallback?: (f: () => void, o: object) => number })
    .requestIdleCallback;
  if (ric) ric(fn, { timeout: 1500 });
  else setTimeout(fn, 0);
};

/** The scenario's diagnostics if known; otherwise starts computing them and returns undefined. */
export function diagnosticsFor(s: Scenario): readonly Diagnostic[] | undefined {
  const hit = current(s);
  const key = `${datapathGeneration()}`;
  if (hit || pending.get(s) === key || pending.get(s) === 'worker') return hit;
  pending.set(s, key);
  void import('./computeDiagnostics').then(({ computeDiagnostics }) =>
    idle(() => {
      if (!current(s))
        memo.set(s, { list: computeDiagnostics(s), generation: datapathGeneration() });
      notify();
    }),
  );
  return undefined;
}
