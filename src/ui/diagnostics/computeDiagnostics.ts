/** The validator, in its own chunk: only loaded once the first screen is drawn. */
import { validate, type Diagnostic, type Scenario } from '@/sim';

export function computeDiagnostics(s: Scenario): readonly Diagnostic[] {
  return validate(s);
}
