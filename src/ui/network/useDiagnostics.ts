import { useMemo } from 'react';

import { validate, type Diagnostic } from '@/sim';
import { useAppStore } from '@/state';

/** Diagnostics of the current document (recomputed only when it changes). */
export function useDiagnostics(): readonly Diagnostic[] {
  const scenario = useAppStore((s) => s.scenario);
  return useMemo(() => validate(scenario), [scenario]);
}
