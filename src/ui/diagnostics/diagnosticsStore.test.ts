/**
 * Diagnostics computed while the scenario's CNI datapath was still loading are not served once it
 * is here (they would say "the cilium datapath is still loading" for ever); the worker's lists,
 * computed with the datapath loaded there, stay good.
 */
import { describe, expect, it } from 'vitest';

import {
  applyCniChoice,
  cniChoiceById,
  datapathGeneration,
  DEFAULT_SCENARIO,
  type Diagnostic,
} from '@/sim';

import { diagnosticsKnown, seedDiagnostics } from './diagnosticsStore';

const cilium = () => applyCniChoice(DEFAULT_SCENARIO, cniChoiceById('cilium-vxlan-kpr')!);
const stale: Diagnostic[] = [
  {
    severity: 'warning',
    code: 'cni-loading',
    message: 'The cilium datapath is still loading',
    ranges: [],
    objects: [],
  },
];

describe('diagnostics memo', () => {
  it('a list computed under an older datapath generation is recomputed', () => {
    const s = cilium();
    seedDiagnostics(s, stale, datapathGeneration() - 1);
    expect(diagnosticsKnown(s)).toBeUndefined();
  });

  it('a list computed under the current generation, or by the worker, is served', () => {
    const s = cilium();
    seedDiagnostics(s, stale, datapathGeneration());
    expect(diagnosticsKnown(s)).toBe(stale);
    const t = cilium();
    seedDiagnostics(t, stale);
    expect(diagnosticsKnown(t)).toBe(stale);
  });
});
