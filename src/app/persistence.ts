/**
 * Where the document lives outside the store: the URL fragment (a share link, kept current with
 * `history.replaceState`) and localStorage (autosave). Reading them back (which needs the
 * schema validator) is in restoreLinks.ts, loaded only when there is something to read; the link
 * encoder (linkFor.ts) loads with the first save.
 */
import type { Scenario } from '@/sim';
import type { AppStore } from '@/state';

export const AUTOSAVE_KEY = 'k8snet.scenario.v1';

/** Keeps the URL and the autosave current (debounced), and follows links pasted into the URL bar. */
export function installPersistence(store: AppStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastHash = '';
  let saved: Scenario | undefined;
  let toldTooLong: Scenario | undefined;
  const flush = (): void => {
    const s = store.getState();
    // A large cluster still being read: the store holds a placeholder, not the user's work.
    if (s.loading) return;
    // A walk or a step changes only the link: the autosave is written when the scenario changed.
    if (s.scenario !== saved) {
      saved = s.scenario;
      try {
        localStorage.setItem(AUTOSAVE_KEY, JSON.stringify(s.scenario));
      } catch {
        /* quota or privacy mode: the link still carries the scenario */
      }
    }
    void import('./linkFor').then(({ linkFor, MAX_LINK_CHARS }) => {
      const now = store.getState();
      const hash = `#${linkFor(now)}`;
      if (hash.length > MAX_LINK_CHARS) {
        // No browser takes a link this long (and the app would refuse it): leave it out of the
        // address bar, so a reload opens the autosave, and say how to share it instead.
        lastHash = '';
        if (location.hash) history.replaceState(null, '', location.pathname + location.search);
        if (toldTooLong !== now.scenario) {
          toldTooLong = now.scenario;
          now.notify(
            'info',
            `This cluster is too large for a share link (${Math.round(hash.length / 1024).toLocaleString('en-US')} KB; links up to 1 MB open). It is kept in this browser; to share it, use Export → Scenario JSON and Import on the other side.`,
          );
        }
        return;
      }
      const search = querySearch(location.search, now.lesson);
      if (hash !== location.hash || search !== location.search) {
        lastHash = hash;
        history.replaceState(null, '', `${location.pathname}${search}${hash}`);
      }
    });
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

/**
 * The page's query after a save: an open lesson is in it (?lesson=…&step=…, so a reload reopens
 * it at its step); anything else the page was opened with (?renderer=webgl) stays.
 * @example querySearch('?renderer=webgl', undefined) // "?renderer=webgl"
 */
export function querySearch(
  current: string,
  lesson: { readonly id: string; readonly step: number } | undefined,
): string {
  const q = new URLSearchParams(current);
  q.delete('lesson');
  q.delete('step');
  let out = q.toString();
  if (lesson)
    out += `${out ? '&' : ''}lesson=${encodeURIComponent(lesson.id)}&step=${lesson.step + 1}`;
  return out ? `?${out}` : '';
}
