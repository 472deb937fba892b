/**
 * Matching import warnings with validation diagnostics, so `validate` reports each problem once:
 * the importer's "ServiceAccount default/frontend is not modelled; kept for export" and the
 * validator's unsupported-kind diagnostic for `serviceaccount/frontend` are the same finding.
 */
import type { Diagnostic } from '@/sim';

/** "kind/namespace/name" with the namespace `default` when none is written. */
const objectKey = (kind: string, id: string): string =>
  `${kind.toLowerCase()}/${id.includes('/') ? id : `default/${id}`}`;

/** "code|object" for each object of each diagnostic, and each diagnostic's message. */
export function diagnosticKeys(diagnostics: readonly Diagnostic[]): Set<string> {
  const keys = new Set<string>();
  for (const d of diagnostics) {
    keys.add(d.message);
    for (const o of d.objects) {
      const slash = o.indexOf('/');
      if (slash > 0) keys.add(`${d.code}|${objectKey(o.slice(0, slash), o.slice(slash + 1))}`);
    }
  }
  return keys;
}

/** The "code|object" an import warning is about, when it names one the validator also reports. */
export function importWarningKey(warning: string): string | undefined {
  const m = /^(\S+) (\S+) is not modelled; kept for export$/.exec(warning);
  return m?.[1] && m[2] ? `unsupported-kind|${objectKey(m[1], m[2])}` : undefined;
}
