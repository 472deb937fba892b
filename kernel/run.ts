/**
 * `npm run test:kernel`: the kernel-differential suite. Generated clusters are built for real in
 * network namespaces (`k8snet lab`) and probed with TCP and UDP connections; every connection is
 * compared with `k8snet trace` for the same query. Prints one line per scenario, each
 * disagreement in full, and a summary; `--json FILE` writes {passed, failed, skipped, …} for
 * `npm test`. Where the machine cannot build labs it says why and counts every scenario as
 * skipped. Afterwards the host's namespaces and iptables rules must be what they were before.
 *
 *   KERNEL_SCENARIOS (default 50), KERNEL_SEED (first seed, default 1), KERNEL_JOBS (scenarios at
 *   a time, default 3), KERNEL_TIMEOUT (connect timeout in seconds, default 1)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { hostState, whySkipped } from './host';
import { active, runScenario, type ScenarioReport } from './scenario';

const num = (v: string | undefined, d: number): number => (v && Number(v) > 0 ? Number(v) : d);
const count = num(process.env.KERNEL_SCENARIOS, 50);
const first = num(process.env.KERNEL_SEED, 1);
const jobs = num(process.env.KERNEL_JOBS, 3);
const timeout = num(process.env.KERNEL_TIMEOUT, 1);
const jsonAt = process.argv.indexOf('--json');
const jsonFile = jsonAt > 0 ? process.argv[jsonAt + 1] : undefined;

/** CPU seconds used by this process and the children it has waited for (/proc/self/stat). */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    children = (Number(f[13]) + Number(f[14])) / 100; // cutime + cstime, in USER_HZ (100)
  } catch {
    /* not Linux */
  }
  return (own.user + own.system) / 1e6 + children;
}

function report(r: object): void {
  if (!jsonFile) return;
  mkdirSync(dirname(jsonFile), { recursive: true });
  writeFileSync(jsonFile, JSON.stringify(r, null, 2));
}

async function main(): Promise<number> {
  const skipped = whySkipped();
  if (skipped) {
    console.log(`kernel: skipped: ${skipped} — ${count} scenarios not run`);
    report({ passed: 0, failed: 0, skipped: count, reason: skipped });
    return 0;
  }
  const before = hostState();
  const dir = mkdtempSync(join(tmpdir(), 'k8snet-kernel-'));
  const started = performance.now();
  const seeds = Array.from({ length: count }, (_, i) => first + i);
  const reports: ScenarioReport[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, seeds.length) }, async () => {
      while (next < seeds.length) {
        const seed = seeds[next++] as number;
        const r = await runScenario(seed, dir, timeout);
        reports.push(r);
        const ok = r.disagreements.length === 0;
        console.log(
          `${ok ? '✓' : '✗'} kernel-${seed}: ${r.summary} — ${r.queries} queries, ${r.connections} connections${r.retried ? ` (${r.retried} asked again)` : ''}, ${r.disagreements.length} disagreements (${r.seconds.toFixed(1)} s)`,
        );
        for (const d of r.disagreements) console.log(`    ✗ ${d}`);
      }
    }),
  );
  rmSync(dir, { recursive: true, force: true });
  const after = hostState();
  const host: string[] = [];
  if (after.netns !== before.netns)
    host.push(`ip netns list is not as before the suite:\n${after.netns || '(empty)'}`);
  if (after.rules !== before.rules) host.push("the host's iptables/nftables rules changed");
  const failed = reports.filter((r) => r.disagreements.length > 0).length + host.length;
  const passed = reports.length - reports.filter((r) => r.disagreements.length > 0).length;
  const seconds = (performance.now() - started) / 1000;
  const connections = reports.reduce((n, r) => n + r.connections, 0);
  const disagreements = reports.reduce((n, r) => n + r.disagreements.length, 0);
  const kinds: Record<string, number> = {};
  for (const r of reports)
    for (const [k, v] of Object.entries(r.kinds)) kinds[k] = (kinds[k] ?? 0) + v;
  for (const h of host) console.log(`✗ host: ${h}`);
  if (!host.length)
    console.log(
      `host: ip netns list ${after.netns ? 'as before' : 'empty'}; iptables and nftables rules unchanged`,
    );
  console.log(
    `kernel: ${reports.length} scenarios, ${reports.reduce((n, r) => n + r.queries, 0)} queries, ${connections} connections, ${disagreements} disagreements in ${seconds.toFixed(0)} s (${jobs} at a time; ${cpuSeconds().toFixed(0)} s of CPU; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  report({
    passed,
    failed,
    skipped: 0,
    scenarios: reports.length,
    connections,
    disagreements,
    seconds,
    kinds,
  });
  return failed === 0 ? 0 : 1;
}

// Interrupted: take down the labs that are up (their namespaces and processes), then stop.
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    for (const [lab, env] of active)
      spawnSync('bash', [lab, 'down'], { env: { ...process.env, ...env }, stdio: 'inherit' });
    process.exit(130);
  });

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    report({ passed: 0, failed: 1, skipped: 0, error: String(e) });
    process.exit(1);
  },
);
