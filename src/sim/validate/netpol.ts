/**
 * NetworkPolicy rules the API server enforces (`netpol-invalid`): empty peers, ipBlock mixed with
 * selectors, `except` blocks outside their `cidr`, `endPort` with a named or larger port, bad
 * protocols and selector operators. The checks themselves live in netpol/specChecks.ts, shared
 * with the YAML editor; CIDRs that do not parse are cidrLists.ts's `cidr-invalid`.
 */
import { keyOf } from '../model/labels';
import { checkPolicySpec, formatFieldPath } from '../netpol/specChecks';

import { diagnostic, type Diagnostic, type ValidateContext } from './types';

/** One `netpol-invalid` error per rejected field, naming the policy, the field and the fix. */
export function checkNetworkPolicies({ scenario }: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  (scenario.networkPolicies ?? []).forEach((np, i) => {
    const key = keyOf(np.metadata);
    for (const p of checkPolicySpec(np)) {
      if (p.kind === 'cidr') continue;
      const where = formatFieldPath(p.path);
      out.push(
        diagnostic('error', 'netpol-invalid', `NetworkPolicy ${key} ${where}: ${p.message}.`, {
          objects: [`netpol/${key}`],
          field: `networkPolicies[${i}].${where}`,
        }),
      );
    }
  });
  return out;
}
