/**
 * Runs a load in the loading worker (load.worker.ts): resolves with what was read as soon as it
 * is read, reports progress meanwhile, and hands the diagnostics the worker computes to the
 * diagnostics memo. Without Web Workers (tests) the same code runs inline.
 */
import type { Loaded } from '@/scenario';
import type { Diagnostic, Scenario } from '@/sim';

import { expectDiagnostics, seedDiagnostics } from '../diagnostics/diagnosticsStore';

import type { LoadRequest, LoadResponse } from './loadTypes';
import type { Startup } from './startup';

export interface LoadProgress {
  readonly step: number;
  readonly of: number;
  readonly text: string;
}

export type LoadInput =
  | { readonly kind: 'text'; readonly text: string; readonly fileName?: string }
  | { readonly kind: 'startup'; readonly hash: string; readonly autosave: string | null };

export type LoadResult =
  | { readonly ok: true; readonly loaded?: Loaded; readonly start?: Startup }
  | { readonly ok: false; readonly error: string };

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, (m: LoadResponse) => void>();

function getWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  if (!worker) {
    worker = new Worker(new URL('./load.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<LoadResponse>) => waiting.get(e.data.id)?.(e.data);
  }
  return worker;
}

/** Loads in the worker; `onProgress` hears each step, the promise settles once it is read. */
export function runLoad(
  input: LoadInput,
  onProgress: (p: LoadProgress) => void = () => {},
): Promise<LoadResult> {
  const w = getWorker();
  if (!w) return import('./loadInline').then((m) => m.loadInline(input));
  const id = nextId++;
  let scenario: Scenario | undefined;
  return new Promise<LoadResult>((resolve) => {
    const done = (): void => {
      waiting.delete(id);
    };
    waiting.set(id, (m) => {
      if (m.type === 'progress') onProgress(m);
      else if (m.type === 'error') {
        done();
        resolve({ ok: false, error: m.error });
      } else if (m.type === 'loaded' || m.type === 'startup') {
        scenario = m.type === 'loaded' ? m.loaded.scenario : (m.start.opened ?? m.start.scenario);
        // The worker goes on to validate it: the page need not do that work again.
        expectDiagnostics(scenario);
        resolve(
          m.type === 'loaded' ? { ok: true, loaded: m.loaded } : { ok: true, start: m.start },
        );
      } else if (m.type === 'diagnostics') {
        done();
        if (scenario) seedDiagnostics(scenario, m.diagnostics as readonly Diagnostic[]);
      }
    });
    const req: LoadRequest = { id, ...input };
    w.postMessage(req);
  });
}
