#!/usr/bin/env node
// `npm test`: the unit tests (Vitest), the kernel-differential suite (generated clusters built
// in network namespaces and compared with `k8snet trace`; skipped where the machine cannot build
// them, and then counted as skipped, not passed) and the end-to-end tests (Playwright), then one
// summary line "N passed, N failed" over all three.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const VITEST_JSON = 'test-results/vitest.json';
const PW_JSON = 'test-results/playwright.json';
const KERNEL_JSON = 'test-results/kernel.json';
for (const f of [VITEST_JSON, PW_JSON, KERNEL_JSON]) rmSync(f, { force: true });

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const unitStatus = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${VITEST_JSON}`,
]);
run('node', ['scripts/ensure-lab-tools.mjs']);
const kernelStatus = run('npx', [
  'tsx',
  '--tsconfig',
  'tsconfig.cli.json',
  'kernel/run.ts',
  '--json',
  KERNEL_JSON,
]);
let e2eStatus = run('node', ['scripts/ensure-browser.mjs']);
if (e2eStatus === 0) {
  e2eStatus = run('npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: PW_JSON,
  });
}

const readJson = (f) => {
  try {
    return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : undefined;
  } catch {
    return undefined;
  }
};
const v = readJson(VITEST_JSON);
const unit = v
  ? {
      passed: v.numPassedTests,
      failed: v.numFailedTests + (unitStatus !== 0 && v.numFailedTests === 0 ? 1 : 0),
    }
  : { passed: 0, failed: 1 };
const p = readJson(PW_JSON);
const e2e = p
  ? {
      passed: (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0),
      failed: (p.stats?.unexpected ?? 0) + (e2eStatus !== 0 && !p.stats?.unexpected ? 1 : 0),
    }
  : { passed: 0, failed: 1 };

const k = readJson(KERNEL_JSON);
const kernel = k
  ? {
      passed: k.passed ?? 0,
      failed: (k.failed ?? 0) + (kernelStatus !== 0 && !k.failed ? 1 : 0),
      skipped: k.skipped ?? 0,
    }
  : { passed: 0, failed: 1, skipped: 0 };

console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed`);
console.log(
  `kernel: ${kernel.passed} passed, ${kernel.failed} failed, ${kernel.skipped} skipped${k?.reason ? ` (${k.reason})` : ''}`,
);
console.log(`e2e: ${e2e.passed} passed, ${e2e.failed} failed`);
const passed = unit.passed + kernel.passed + e2e.passed;
const failed = unit.failed + kernel.failed + e2e.failed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && unitStatus === 0 && kernelStatus === 0 && e2eStatus === 0 ? 0 : 1);
