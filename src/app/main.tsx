import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { createAppStore, type AppStore } from '@/state';
import { runLoad, type Startup } from '@/ui';

import { App } from './App';
import { installDebugHandle } from './debugHandle';
import { AUTOSAVE_KEY } from './persistence';
import { initialTheme } from './preferences';
import './index.css';

/** Larger than this, a link or an autosave is read in the loading worker, with progress. */
const BIG_LINK_CHARS = 200_000;
const BIG_SAVE_CHARS = 1_500_000;

const hasLink = /(^#?|[&#])s=/.test(location.hash);
const readSaved = (): string | null => {
  try {
    return localStorage.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
};
const saved = readSaved();
const big =
  (hasLink && location.hash.length > BIG_LINK_CHARS) ||
  (saved !== null && saved.length > BIG_SAVE_CHARS);

/** What the page opens with goes into the store: a link over an autosave is one undo away. */
function applyStartup(store: AppStore, start: Startup): void {
  const s = store.getState();
  if (start.opened) s.loadScenario(start.opened);
  if (start.walk) s.setWalk(start.walk, { step: start.step ?? 0 });
  if (start.expanded) s.setExpanded(start.expanded);
  for (const m of start.messages) s.notify(m.kind, m.text);
}

// Small inputs are read right here (the reader loads only when there is something to read).
const start =
  !big && (hasLink || saved !== null)
    ? (await import('./restoreLinks')).startup(location.hash)
    : undefined;
const store = createAppStore(start?.scenario, { theme: initialTheme() });
if (start) applyStartup(store, start);
const handle = installDebugHandle(store);
// The packet walker is not part of the first screen: it loads once the page is idle (or as soon
// as a walk asks for it).
const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 200));
idle(() => store.getState().ensureTracing());
// The query is read now: the link updater may rewrite the URL before the lessons have loaded.
const search = location.search;

/** Settles once a big link or autosave read in the worker is in the store (or has failed). */
let startupLoaded: Promise<void> = Promise.resolve();
if (big) {
  const title = hasLink ? 'Opening the shared cluster' : 'Opening your saved cluster';
  store.getState().setLoading({ title, text: 'Starting…', step: 0, of: 4 });
  startupLoaded = runLoad({ kind: 'startup', hash: location.hash, autosave: saved }, (p) =>
    store.getState().setLoading({ title, ...p }),
  ).then(async (r) => {
    if (!r.ok || !r.start) {
      store.getState().setLoading(undefined);
      store
        .getState()
        .notify('error', `The cluster could not be read: ${r.ok ? 'no result' : r.error}`);
      return;
    }
    const opened = r.start.opened ?? r.start.scenario;
    store.getState().setLoading({
      title,
      text: `Drawing ${opened.nodes.length.toLocaleString('en-US')} nodes…`,
      step: 4,
      of: 4,
    });
    // Let the overlay show the last step before the page is busy drawing.
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    store.setState({ scenario: r.start.scenario });
    store.temporal.getState().clear();
    applyStartup(store, r.start);
    if (hasLink) void import('./linkFor').then((m) => m.rememberLink(opened, location.hash));
    store.getState().setLoading(undefined);
  });
}

// A lesson link (?lesson=…&step=…) opens that lesson over whatever else would open — after a big
// link or autosave has been read in the worker, which would otherwise replace the lesson's cluster.
if (new URLSearchParams(search).has('lesson'))
  void import('./lessonLink').then((m) => m.openLessonLink(store, search, startupLoaded));

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App store={store} handle={handle} />
    </StrictMode>,
  );
}
