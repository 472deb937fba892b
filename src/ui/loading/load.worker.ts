/// <reference lib="webworker" />
/**
 * Reads large inputs off the main thread, so the page stays responsive and shows progress: a
 * pasted or dropped manifest dump, a scenario file, or the share link the page opens with. Posts
 * progress, then the result as soon as it is read (the page can start drawing), then the
 * diagnostics it computes from the same scenario (the page then need not validate it again).
 */
import { loadScenarioText } from '@/scenario';
import { deriveCluster, loadDatapath, validate, type Diagnostic, type Scenario } from '@/sim';

import type { LoadRequest, LoadResponse } from './loadTypes';
import { startupFrom } from './startup';

const post = (m: LoadResponse): void => (self as unknown as Worker).postMessage(m);

const kb = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} KB`;

const countObjects = (s: Scenario): string =>
  `${s.nodes.length.toLocaleString('en-US')} nodes, ${(s.pods.length + s.workloads.length).toLocaleString('en-US')} pods and workloads, ${s.services.length.toLocaleString('en-US')} Services`;

/** Derives and validates `s` once its CNI's datapath (loaded on demand) is here. */
function check(id: number, s: Scenario): void {
  loadDatapath(s.cluster.cni.mode)
    .then(() => checkLoaded(id, s))
    .catch((err: unknown) =>
      post({ id, type: 'error', error: err instanceof Error ? err.message : String(err) }),
    );
}

function checkLoaded(id: number, s: Scenario): void {
  post({ id, type: 'progress', step: 3, of: 4, text: `Deriving ${countObjects(s)}…` });
  const c = deriveCluster(s);
  post({
    id,
    type: 'progress',
    step: 4,
    of: 4,
    text: `Derived ${c.nodes.length.toLocaleString('en-US')} nodes and ${c.pods.length.toLocaleString('en-US')} pods; checking the address plan…`,
  });
  const diagnostics: readonly Diagnostic[] = validate(s);
  post({ id, type: 'diagnostics', diagnostics: [...diagnostics] });
}

self.onmessage = (e: MessageEvent<LoadRequest>) => {
  const r = e.data;
  try {
    if (r.kind === 'startup') {
      post({
        id: r.id,
        type: 'progress',
        step: 1,
        of: 4,
        text: `Reading the link (${kb(r.hash.length)})…`,
      });
      const start = startupFrom(r.hash, r.autosave);
      const s = start.opened ?? start.scenario;
      post({ id: r.id, type: 'progress', step: 2, of: 4, text: `Read ${countObjects(s)}` });
      post({ id: r.id, type: 'startup', start });
      check(r.id, s);
      return;
    }
    post({ id: r.id, type: 'progress', step: 1, of: 4, text: `Reading ${kb(r.text.length)}…` });
    const loaded = loadScenarioText(r.text, r.fileName);
    if (!loaded.ok) {
      post({ id: r.id, type: 'error', error: loaded.error });
      return;
    }
    post({
      id: r.id,
      type: 'progress',
      step: 2,
      of: 4,
      text: `Read ${countObjects(loaded.value.scenario)}`,
    });
    post({ id: r.id, type: 'loaded', loaded: loaded.value });
    check(r.id, loaded.value.scenario);
  } catch (err) {
    post({ id: r.id, type: 'error', error: err instanceof Error ? err.message : String(err) });
  }
};
