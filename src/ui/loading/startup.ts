/**
 * What the page opens with (pure, so the loading worker can run it on a large link): the share
 * link in the URL wins; the autosave (its JSON text) is what the store starts from, and a link
 * that differs from it opens on top as one undoable step. A bad link never replaces anything.
 */
import { decodeShareLink, restore, type ShareWalk } from '@/scenario';
import { DEFAULT_SCENARIO, type Scenario } from '@/sim';
import type { WalkSpec } from '@/state';

export interface Startup {
  /** What the store starts with (the autosave, else the default scenario). */
  readonly scenario: Scenario;
  /**
   * A link's scenario that differs from the autosave: opened on top of it as one undoable step,
   * so the user's own work is one Ctrl+Z away instead of overwritten.
   */
  readonly opened?: Scenario | undefined;
  readonly walk?: WalkSpec | undefined;
  readonly step?: number | undefined;
  /** Nodes the link opens in full (large clusters' overview). */
  readonly expanded?: readonly string[] | undefined;
  readonly messages: readonly { kind: 'error' | 'info'; text: string }[];
}

export function fromWalk(w: ShareWalk | undefined): WalkSpec | undefined {
  if (!w) return undefined;
  return {
    from: w.from,
    to: w.to,
    ...(w.port !== undefined ? { port: w.port } : {}),
    ...(w.protocol ? { protocol: w.protocol } : {}),
    ...(w.seed !== undefined ? { seed: w.seed } : {}),
    ...(w.endpoint ? { endpoint: w.endpoint } : {}),
    ...(w.node ? { node: w.node } : {}),
  };
}

/** The autosave's JSON text → its scenario, or why it cannot be read. */
export function parseAutosave(raw: string | null | undefined): {
  scenario?: Scenario;
  error?: string;
} {
  if (!raw) return {};
  try {
    const r = restore(JSON.parse(raw));
    return r.ok ? { scenario: r.value.scenario } : { error: r.error };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** What to open: the link in the URL, else the autosave, else the default scenario. */
export function startupFrom(hash: string, autosave: string | null | undefined): Startup {
  const messages: { kind: 'error' | 'info'; text: string }[] = [];
  const saved = parseAutosave(autosave);
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
      const linked = r.value.scenario;
      // A reload gives back the page's own link (the URL follows every edit): nothing to keep.
      const differs = saved.scenario && JSON.stringify(saved.scenario) !== JSON.stringify(linked);
      if (differs)
        messages.push({
          kind: 'info',
          text: `Opened the shared scenario “${linked.meta.name}”. Your own scenario is kept: Undo (Ctrl/Cmd+Z) brings it back.`,
        });
      return {
        scenario: differs && saved.scenario ? saved.scenario : linked,
        opened: differs ? linked : undefined,
        walk: fromWalk(r.value.walk),
        step: r.value.walk?.step,
        expanded: r.value.view?.expanded,
        messages,
      };
    }
    messages.push({
      kind: 'error',
      text: `This link could not be opened: ${sentence(r.error)} ${saved.scenario ? 'Your previous scenario is kept.' : 'The default scenario is open instead.'}`,
    });
  }
  return { scenario: fallback, messages };
}

/** Ends a message with a full stop, so two messages never run together. */
export function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
