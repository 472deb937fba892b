/**
 * The current document's diagnostics, computed off the first paint: the validator is loaded on
 * demand and runs when the browser is idle (validating 10,000 pods takes a while), or arrives
 * ready-made from the loading worker (seedDiagnostics). Memoised per scenario object; listeners
 * hear when a scenario's diagnostics are ready.
 */
import type { Diagnostic, Scenario } from '@/sim';

const memo = new WeakMap<Scenario, readonly Diagnostic[]>();
const pending = new WeakSet<Scenario>();
const listeners = new Set<() => void>();

const notify = (): void => {
  for (const l of listeners) l();
};

export function subscribeDiagnostics(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The scenario's diagnostics if they are known (never starts computing them). */
export const diagnosticsKnown = (s: Scenario): readonly Diagnostic[] | undefined => memo.get(s);

/** Diagnostics computed elsewhere (the loading worker) for this scenario object. */
export function seedDiagnostics(s: Scenario, list: readonly Diagnostic[]): void {
  memo.set(s, list);
  notify();
}

/**
 * Diagnostics for this scenario are being computed elsewhere (the loading worker): do not compute
 * them here meanwhile — unless they have not come after a while.
 */
export function expectDiagnostics(s: Scenario): void {
  pending.add(s);
  setTimeout(() => {
    if (memo.has(s)) return;
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
  const hit = memo.get(s);
  if (hit || pending.has(s)) return hit;
  pending.add(s);
  void import('./computeDiagnostics').then(({ computeDiagnostics }) =>
    idle(() => {
      if (!memo.has(s)) memo.set(s, computeDiagnostics(s));
      notify();
    }),
  );
  return undefined;
}
