import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { createAppStore } from '@/state';

import { App } from './App';
import { installDebugHandle } from './debugHandle';
import { AUTOSAVE_KEY } from './persistence';
import { initialTheme } from './preferences';
import './index.css';

/** Only a link in the URL or an autosave needs the (lazily loaded) reader; else the default opens. */
function hasSomethingToRestore(): boolean {
  if (/(^#?|[&#])s=/.test(location.hash)) return true;
  try {
    return localStorage.getItem(AUTOSAVE_KEY) !== null;
  } catch {
    return false;
  }
}

const start = hasSomethingToRestore()
  ? (await import('./restoreLinks')).startup(location.hash)
  : undefined;
const store = createAppStore(start?.scenario, { theme: initialTheme() });
// A shared link over the user's own autosave: one undoable step, so nothing is lost.
if (start?.opened) store.getState().loadScenario(start.opened);
if (start?.walk) store.getState().setWalk(start.walk, { step: start.step ?? 0 });
if (start?.expanded) store.getState().setExpanded(start.expanded);
for (const m of start?.messages ?? []) store.getState().notify(m.kind, m.text);
const handle = installDebugHandle(store);
// The packet walker is not part of the first screen: it loads once the page is idle (or as soon
// as a walk asks for it).
const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 200));
idle(() => store.getState().ensureTracing());
// A lesson link (?lesson=…&step=…) opens that lesson over whatever else would open.
// The query is read now: the link updater may rewrite the URL before the lessons have loaded.
const search = location.search;
if (new URLSearchParams(search).has('lesson'))
  void import('./lessonLink').then((m) => m.openLessonLink(store, search));

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App store={store} handle={handle} />
    </StrictMode>,
  );
}
