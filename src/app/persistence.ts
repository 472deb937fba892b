/**
 * Where the document lives outside the store: the URL fragment (a share link, kept current with
 * `history.replaceState`) and localStorage (autosave). On start the URL wins over the autosave;
 * a bad link never replaces anything — it is reported and the saved scenario stays.
 */
import { decodeShareLink, encodeShareLink, restore, type ShareWalk } from '@/scenario';
import { DEFAULT_SCENARIO, type Scenario } from '@/sim';
import type { AppStore, WalkSpec } from '@/state';

export const AUTOSAVE_KEY = 'k8snet.scenario.v1';

export interface Startup {
  readonly scenario: Scenario;
  readonly walk?: WalkSpec | undefined;
  readonly step?: number | undefined;
  readonly messages: readonly { kind: 'error' | 'info'; text: string }[];
}

function fromWalk(w: ShareWalk | undefined): WalkSpec | undefined {
  if (!w) return undefined;
  return {
    from: w.from,
    to: w.to,
    ...(w.port !== undefined ? { port: w.port } : {}),
    ...(w.protocol ? { protocol: w.protocol } : {}),
    ...(w.node ? { node: w.node } : {}),
  };
}

export function loadAutosave(): { scenario?: Scenario; error?: string } {
  let raw: string | null;
  try {
    raw = localStorage.getItem(AUTOSAVE_KEY);
  } catch {
    return {};
  }
  if (!raw) return {};
  try {
    const r = restore(JSON.parse(raw));
    return r.ok ? { scenario: r.value.scenario } : { error: r.error };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** What to open: the link in the URL, else the autosave, else the default scenario. */
export function startup(hash: string): Startup {
  const messages: { kind: 'error' | 'info'; text: string }[] = [];
  const saved = loadAutosave();
  if (saved.error)
    messages.push({
      kind: 'error',
      text: `The autosaved scenario could not be read (${saved.error}); the default scenario is open instead.`,
    });
  const fallback = saved.scenario ?? DEFAULT_SCENARIO;
  if (/(^#?|[&#])s=/.test(hash)) {
    const r = decodeShareLink(hash);
    if (r.ok) {
      for (const w of r.value.warnings) messages.push({ kind: 'info', text: w });
      return {
        scenario: r.value.scenario,
        walk: fromWalk(r.value.walk),
        step: r.value.walk?.step,
        messages,
      };
    }
    messages.push({
      kind: 'error',
      text: `This link could not be opened: ${r.error} ${saved.scenario ? 'Your previous scenario is kept.' : 'The default scenario is open instead.'}`,
    });
  }
  return { scenario: fallback, messages };
}

/** The share link (fragment) for the current state. */
export function linkFor(s: {
  scenario: Scenario;
  walk: WalkSpec | undefined;
  step: number;
}): string {
  const walk: ShareWalk | undefined = s.walk ? { ...s.walk, step: s.step } : undefined;
  return encodeShareLink(s.scenario, walk);
}

/** Keeps the URL and the autosave current (debounced), and follows links pasted into the URL bar. */
export function installPersistence(store: AppStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastHash = '';
  const flush = (): void => {
    const s = store.getState();
    try {
      localStorage.setItem(AUTOSAVE_KEY, JSON.stringify(s.scenario));
    } catch {
      /* quota or privacy mode: the link still carries the scenario */
    }
    const hash = `#${linkFor(s)}`;
    if (hash !== location.hash) {
      lastHash = hash;
      history.replaceState(null, '', hash);
    }
  };
  const unsub = store.subscribe((s, prev) => {
    if (s.scenario === prev.scenario && s.walk === prev.walk && s.step === prev.step) return;
    clearTimeout(timer);
    timer = setTimeout(flush, 250);
  });
  const onHash = (): void => {
    if (location.hash === lastHash) return;
    const r = decodeShareLink(location.hash);
    const s = store.getState();
    if (!r.ok) {
      s.notify('error', `This link could not be opened: ${r.error} Your current scenario is kept.`);
      return;
    }
    s.loadScenario(r.value.scenario);
    s.setWalk(fromWalk(r.value.walk), { step: r.value.walk?.step ?? 0 });
  };
  window.addEventListener('hashchange', onHash);
  flush();
  return () => {
    clearTimeout(timer);
    unsub();
    window.removeEventListener('hashchange', onHash);
  };
}
