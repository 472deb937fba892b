/** The loading worker's job on the page itself (no Web Workers: tests, old browsers). */
import { loadScenarioText } from '@/scenario';

import type { LoadInput, LoadResult } from './loadClient';
import { startupFrom } from './startup';

export function loadInline(input: LoadInput): LoadResult {
  if (input.kind === 'startup') return { ok: true, start: startupFrom(input.hash, input.autosave) };
  const r = loadScenarioText(input.text, input.fileName);
  return r.ok ? { ok: true, loaded: r.value } : { ok: false, error: r.error };
}
