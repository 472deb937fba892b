/** Reading a command's <file>: a path, or `-` for standard input; any format the app reads. */
import { readFileSync } from 'node:fs';

import { loadScenarioText } from '@/scenario';
import type { Scenario } from '@/sim';

import { UsageError } from './args';

/** A line printer (stdout or stderr). */
export type Out = (s: string) => void;

export interface Loaded {
  readonly scenario: Scenario;
  readonly warnings: readonly string[];
  readonly notes: readonly string[];
}

export function readText(file: string | undefined): string {
  if (file === undefined)
    throw new UsageError(
      'missing <file>: a scenario JSON, a share link, Kubernetes YAML/JSON, or - for stdin',
    );
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (e) {
    // `export <link-or-file>` (DESIGN.md §5): an argument that is no file but a share link is the input itself.
    if (!/\s/.test(file) && /(^|[#?&/])s=/.test(file)) return file;
    throw new UsageError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
}

/**
 * The command's input as a scenario. What the import filled in or decided (default nodes, DNS,
 * an inferred address plan) is printed on `note` as "note: …" lines — stderr, so that stdout stays
 * machine-readable.
 */
export function loadInput(file: string | undefined, note: Out = () => {}): Loaded {
  const text = readText(file);
  const r = loadScenarioText(text, file);
  if (!r.ok) throw new UsageError(`${file}: ${r.error}`);
  const notes = r.value.notes ?? [];
  for (const n of notes) note(`note: ${n}`);
  return { scenario: r.value.scenario, warnings: r.value.warnings, notes };
}
