/**
 * Reads what the user pasted, picked or dropped, in the loading worker (a cluster dump can be
 * megabytes: the dialog stays responsive and shows progress), a moment after they stop typing.
 * Then the diagnostics the worker found arrive for the same scenario.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

import type { Diagnostic } from '@/sim';

import { diagnosticsKnown, subscribeDiagnostics } from '../diagnostics/diagnosticsStore';
import { runLoad, type LoadProgress, type LoadResult } from '../loading/loadClient';

const TYPING_PAUSE_MS = 250;
const READING: LoadProgress = { step: 0, of: 4, text: 'Reading…' };

export interface LoadState {
  readonly result?: LoadResult;
  readonly progress?: LoadProgress;
  readonly diagnostics?: readonly Diagnostic[];
}

interface Keyed {
  readonly text: string;
  readonly fileName: string | undefined;
  readonly result?: LoadResult;
  readonly progress?: LoadProgress;
}

export function useLoadText(text: string, fileName: string | undefined): LoadState {
  // What was read, for which input: a stale answer (the text changed since) is never shown.
  const [state, setState] = useState<Keyed | undefined>();
  useEffect(() => {
    if (!text.trim()) return;
    let live = true;
    const t = setTimeout(() => {
      const input = { kind: 'text', text, ...(fileName ? { fileName } : {}) } as const;
      // The worker goes on (deriving, validating) after the result: its progress keeps the result.
      void runLoad(input, (progress) => {
        if (live)
          setState((s) => ({
            text,
            fileName,
            progress,
            ...(s?.result && s.text === text && s.fileName === fileName
              ? { result: s.result }
              : {}),
          }));
      }).then((result) => {
        if (live) setState({ text, fileName, result });
      });
    }, TYPING_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text, fileName]);
  const current = state && state.text === text && state.fileName === fileName ? state : undefined;
  // The worker's diagnostics for the scenario just read, when they come.
  const scenario = current?.result?.ok ? current.result.loaded?.scenario : undefined;
  const get = useCallback(() => (scenario ? diagnosticsKnown(scenario) : undefined), [scenario]);
  const diagnostics = useSyncExternalStore(subscribeDiagnostics, get, get);
  if (!text.trim()) return {};
  if (!current) return { progress: READING };
  return {
    ...(current.result ? { result: current.result } : {}),
    ...(current.progress && !current.result ? { progress: current.progress } : {}),
    ...(diagnostics ? { diagnostics } : {}),
  };
}
