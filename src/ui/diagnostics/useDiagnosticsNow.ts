import { useMemo } from 'react';

import { datapathGeneration, type Diagnostic } from '@/sim';
import { useAppStore } from '@/state';

import { computeDiagnostics } from './computeDiagnostics';
import { diagnosticsFor, seedDiagnostics } from './diagnosticsStore';

/**
 * Diagnostics computed right away, for editors that show them as the user types (loads the
 * validator with the editor); shares the memo with useDiagnostics.
 */
export function useDiagnosticsNow(): readonly Diagnostic[] {
  const scenario = useAppStore((s) => s.scenario);
  // A CNI datapath arriving (datapathEpoch) makes diagnostics computed without it stale.
  const epoch = useAppStore((s) => s.datapathEpoch);
  return useMemo(() => {
    const known = diagnosticsFor(scenario);
    if (known) return known;
    const list = computeDiagnostics(scenario);
    seedDiagnostics(scenario, list, datapathGeneration());
    return list;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- epoch: recompute after a datapath loads
  }, [scenario, epoch]);
}
