import { useCallback, useSyncExternalStore } from 'react';

import type { Diagnostic } from '@/sim';
import { useAppStore } from '@/state';

import { diagnosticsFor, subscribeDiagnostics } from './diagnosticsStore';

/** Diagnostics of the current document; undefined while they are being computed. */
export function useDiagnostics(): readonly Diagnostic[] | undefined {
  const scenario = useAppStore((s) => s.scenario);
  const get = useCallback(() => diagnosticsFor(scenario), [scenario]);
  return useSyncExternalStore(subscribeDiagnostics, get, get);
}
