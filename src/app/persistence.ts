/**
 * Where the document lives outside the store: the URL fragment (a share link, kept current with
 * `history.replaceState`) and localStorage (autosave). Reading them back (which needs the
 * schema validator) is in restoreLinks.ts, loaded only when there is something to read.
 */
import { encodeShareLink, type ShareWalk } from '@/scenario';
import type { Scenario } from '@/sim';
import type { AppStore, WalkSpec } from '@/state';

export const AUTOSAVE_KEY = 'k8snet.scenario.v1';

/** The share link (fragment) for the current state. */
export function linkFor(s: {
  scenario: Scenario;
  walk: WalkSpec | undefined;
  step: number;
  expanded: readonly string[];
}): string {
  const walk: ShareWalk | undefined = s.walk ? { ...s.walk, step: s.step } : undefined;
  return encodeShareLink(s.scenario, walk, { expanded: s.expanded });
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
    // An open lesson is in the query (?lesson=…&step=…), so a reload reopens it at its step.
    const search = s.lesson
      ? `?lesson=${encodeURIComponent(s.lesson.id)}&step=${s.lesson.step + 1}`
      : '';
    if (hash !== location.hash || search !== location.search) {
      lastHash = hash;
      history.replaceState(null, '', `${location.pathname}${search}${hash}`);
    }
  };
  const unsub = store.subscribe((s, prev) => {
    if (
      s.scenario === prev.scenario &&
      s.walk === prev.walk &&
      s.step === prev.step &&
      s.lesson?.id === prev.lesson?.id &&
      s.lesson?.step === prev.lesson?.step &&
      s.expanded === prev.expanded
    )
      return;
    clearTimeout(timer);
    timer = setTimeout(flush, 250);
  });
  const onHash = (): void => {
    if (location.hash === lastHash) return;
    const hash = location.hash;
    void import('./restoreLinks').then(({ openLink }) => openLink(store, hash));
  };
  window.addEventListener('hashchange', onHash);
  // The first save waits for an idle moment: encoding a large scenario into the link would
  // otherwise delay the first paint of the graph.
  const idle = window.requestIdleCallback?.bind(window);
  if (idle) idle(() => flush(), { timeout: 2000 });
  else timer = setTimeout(flush, 250);
  return () => {
    clearTimeout(timer);
    unsub();
    window.removeEventListener('hashchange', onHash);
  };
}
