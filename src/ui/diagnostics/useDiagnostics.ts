import { useCallback, useSyncExternalStore } from 'react';

import type { Diagnostic } from '@/sim';
import { useAppStore } from '@/state';

import { diagnosticsFor, subscribeDiagnostics } from './diagnosticsStore';

/** Diagnostics of the current document; undefined while they are being computed. */
export function useDiagnostics(): readonly Diagnostic[] | undefined {
  const scenario = useAppStore((s) => s.scenario);
  // A CNI datapath arriving (datapathEpoch) makes diagnostics computed without it stale.
  const epoch = useAppStore((s) => s.datapathEpoch);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- epoch: re-read after a datapath loads
  const get = useCallback(() => diagnosticsFor(scenario), [scenario, epoch]);
  return useSyncExternalStore(subscribeDiagnostics, get, get);
}
