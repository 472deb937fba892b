/**
 * Reading the document back: the share link in the URL (it wins) or the autosave; a bad link
 * never replaces anything — it is reported and the saved (or default) scenario stays. Loaded on
 * demand, as it brings the schema validator. The decision itself is ui/loading's startupFrom
 * (the loading worker runs it for large links).
 */
import { decodeShareLink } from '@/scenario';
import type { AppStore } from '@/state';
import { fromWalk, sentence, startupFrom, type Startup } from '@/ui';

import { AUTOSAVE_KEY } from './persistence';

export type { Startup };

/** The autosave's text, if the browser lets us read it. */
export function readAutosave(): string | null {
  try {
    return localStorage.getItem(AUTOSAVE_KEY);
  } catch {
    return null;
  }
}

/** What to open: the link in the URL, else the autosave, else the default scenario. */
export function startup(hash: string): Startup {
  return startupFrom(hash, readAutosave());
}

/** Opens a link pasted into the address bar (undoable); a bad one keeps the current scenario. */
export function openLink(store: AppStore, hash: string): void {
  const r = decodeShareLink(hash);
  const s = store.getState();
  if (!r.ok) {
    s.notify(
      'error',
      `This link could not be opened: ${sentence(r.error)} Your current scenario is kept.`,
    );
    return;
  }
  s.loadScenario(r.value.scenario);
  s.setWalk(fromWalk(r.value.walk), { step: r.value.walk?.step ?? 0 });
  s.setExpanded(r.value.view?.expanded ?? []);
}
