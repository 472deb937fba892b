/** For the CLI's tests: runs `k8snet` in-process (stdout and stderr lines) on temporary files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll } from 'vitest';

import { loadServiceProxy, type Scenario } from '@/sim';

import { run } from './main';

// What the command line's entry point does before running a command.
await loadServiceProxy('nftables');

export interface Ran {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

export function k8snet(...argv: string[]): Ran {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out, err };
}

/** Everything printed, split into lines (a command may print several lines in one call). */
export const lines = (r: Ran): string[] => r.out.join('\n').split('\n');

const dir = mkdtempSync(join(tmpdir(), 'k8snet-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A temporary input file with this content (removed after the test file). */
export function file(content: string, ext = 'json'): string {
  const path = join(dir, `f${++n}.${ext}`);
  writeFileSync(path, content);
  return path;
}
export const scenarioFile = (s: Scenario): string => file(JSON.stringify(s, null, 2));
