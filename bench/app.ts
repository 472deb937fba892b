/**
 * `npm run bench:app`: the production build in headless Chromium, on the default scenario and on
 * generated clusters of 300, 3,000 and 10,000 pods opened from a share link (as `k8snet link`
 * makes them). JSON lines like `npm run bench`, one per cluster, medians over interleaved rounds:
 * - `open_ms`: navigation → the graph drawn (two frames after it is in the page);
 * - `select_ms`: click on a pod found with the element list's search → the inspector shows it;
 * - `walk_ms`: Enter in the toolbar's walk form (two pods on different nodes) → the verdict shown;
 * - `frame_*_p95_ms`: 95th percentile of the gaps between frames while the view pans every frame,
 *   while the mouse wheel zooms, and while the walk animates;
 * - `heap_mb`: JS heap after a garbage collection, with the walk open;
 * - `*_task_ms`: the page's main-thread busy time over the same span (CDP TaskDuration): it grows
 *   less than the wall-clock time when other processes load the machine;
 * - `vs_default`: open time ÷ the default scenario's, same run (DESIGN.md §7: ≤ 2 at 3,000 pods).
 * `--only=N` runs the default scenario and the N-pod cluster; `--runs=N` sets the rounds;
 * `--webgl` opens the page with `?renderer=webgl` (Cytoscape's WebGL renderer, on SwiftShader
 * here: this machine has no GPU) and reports `webgl: 1` if the renderer really drew with it;
 * `--profile=N` writes the N-pod cluster's open as test-results/app-open.cpuprofile and prints
 * the functions that took longest (`--profile=N:select`, `--profile=N:walk`: that step). BENCH_PORT chooses the preview server's port (4199).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

import { chromium, type Browser } from 'playwright-core';

import { encodeShareLink } from '../src/scenario/shareLink';

import { frames, heapMB, selectPod, waitOpen, walk, withTask } from './appPage';
import { generatedCluster, NAMESPACES } from './generate';

const PORT = Number(process.env.BENCH_PORT ?? 4199);

interface Case {
  readonly name: string;
  readonly pods: number;
  /** URL fragment (a share link), or '' for the default scenario. */
  readonly hash: string;
  readonly select: string;
  readonly walk: readonly [string, string];
}

/** nodes × pods per node, Services: 300, 3,000 and 10,000 pods. */
const SIZES: readonly [nodes: number, perNode: number, services: number][] = [
  [10, 30, 100],
  [100, 30, 1000],
  [500, 20, 2000],
];

function generatedCase(nodes: number, per: number, services: number): Case {
  const link = encodeShareLink(generatedCluster(nodes, per, services, 10));
  const key = (i: number): string => `${NAMESPACES[i % NAMESPACES.length]}/app-${i}`;
  // A pod on the 8th node; a walk from node-1's first pod to a pod of its namespace on node-4.
  const sel = per * Math.min(7, nodes - 1) + 1;
  const dst = per * 3 + ((NAMESPACES.length - ((per * 3) % NAMESPACES.length)) % NAMESPACES.length);
  return {
    name: `app/${nodes}-nodes-${nodes * per}-pods`,
    pods: nodes * per,
    hash: link,
    select: key(sel),
    walk: [`pod/${key(0)}`, `pod/${key(dst)}`],
  };
}

const DEFAULT_CASE: Case = {
  name: 'app/default-scenario',
  pods: 6,
  hash: '',
  select: 'shop/cart',
  walk: ['pod/default/client', 'pod/default/web'],
};

function executable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const own = chromium.executablePath();
  if (own && existsSync(own)) return undefined;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not start on ${url}`);
}

type Sample = Record<string, number>;

type Phase = 'open' | 'select' | 'walk';

const WEBGL = process.argv.includes('--webgl');

async function runOnce(browser: Browser, c: Case, profile: Phase | undefined): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // The largest clusters took minutes to open before the overview: wait for them.
  page.setDefaultTimeout(600_000);
  const cdp = await context.newCDPSession(page);
  const profiled = async <T>(phase: Phase, run: () => Promise<T>): Promise<T> => {
    if (profile !== phase) return run();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    const out = await run();
    const { profile: p } = await cdp.send('Profiler.stop');
    mkdirSync('test-results', { recursive: true });
    writeFileSync(`test-results/app-${phase}.cpuprofile`, JSON.stringify(p));
    printHot(p);
    return out;
  };
  const open = await profiled('open', () =>
    withTask(
      cdp,
      async () => {
        const query = WEBGL ? '?renderer=webgl' : '';
        await page.goto(`http://127.0.0.1:${PORT}/${query}${c.hash ? `#${c.hash}` : ''}`);
        return waitOpen(page);
      },
      true,
    ),
  );
  const elements = await page.evaluate<number>('window.__explorer.cy.elements().length');
  const webgl = await page.evaluate<boolean>('window.__explorer.cy.renderer().webgl === true');
  const pan = await frames(page, 'pan', 2000);
  const wheel = await frames(page, 'wheel', 2000);
  const select = await profiled('select', () => selectPod(page, c.select, cdp));
  const walked = await profiled('walk', () => walk(page, c.walk[0], c.walk[1], cdp));
  const walkFrames = await frames(page, 'walk', 2000);
  const heap = await heapMB(cdp);
  await context.close();
  return {
    open_ms: open.ms,
    select_ms: select.ms,
    walk_ms: walked.ms,
    open_task_ms: open.taskMs,
    select_task_ms: select.taskMs,
    walk_task_ms: walked.taskMs,
    frame_pan_p95_ms: pan.p95,
    frame_wheel_p95_ms: wheel.p95,
    frame_walk_p95_ms: walkFrames.p95,
    heap_mb: heap,
    elements,
    ...(WEBGL ? { webgl: webgl ? 1 : 0 } : {}),
  };
}

function printHot(p: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}): void {
  const self = new Map<string, number>();
  const dt = new Map<number, number>();
  p.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (p.timeDeltas?.[i] ?? 0)));
  for (const n of p.nodes) {
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
  }
  for (const [k, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.error(`${ms.toFixed(0).padStart(6)} ms  ${k}`);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[s.length >> 1] ?? 0) * 10) / 10;
};

async function main(): Promise<void> {
  const arg = (k: string): string | undefined =>
    process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1];
  const only = arg('only');
  // --profile=3000 profiles the open; --profile=3000:walk (or :select) that step.
  const [profilePods, profilePhase = 'open'] = (arg('profile') ?? '').split(':');
  const runs = Number(arg('runs') ?? 3);
  if (!existsSync('dist/index.html')) throw new Error('run `npm run build` first');
  const cases = [
    DEFAULT_CASE,
    ...SIZES.filter(([n, per]) => !only || String(n * per) === only).map(([n, per, s]) =>
      generatedCase(n, per, s),
    ),
  ];
  // vite itself, not through npx: killing npx would leave the server running.
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort'],
    { stdio: 'ignore' },
  );
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/`);
    const exe = executable();
    const browser = await chromium.launch({
      ...(exe ? { executablePath: exe } : {}),
      // No GPU here: WebGL runs on SwiftShader (software), the 2D canvas without the GPU.
      args: exe
        ? [
            '--no-sandbox',
            '--disable-background-networking',
            ...(WEBGL
              ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader']
              : ['--disable-gpu']),
          ]
        : [],
    });
    const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
    // Interleaved rounds: a burst of load from other processes hits every cluster alike.
    for (let r = 0; r < runs; r++)
      for (const c of cases) {
        const profile =
          r === runs - 1 && profilePods === String(c.pods) ? (profilePhase as Phase) : undefined;
        samples.get(c.name)?.push(await runOnce(browser, c, profile));
      }
    const defaultOpen = median((samples.get(DEFAULT_CASE.name) ?? []).map((s) => s.open_ms ?? 0));
    for (const c of cases) {
      const list = samples.get(c.name) ?? [];
      const out: Record<string, unknown> = { name: c.name, pods: c.pods };
      for (const k of Object.keys(list[0] ?? {})) out[k] = median(list.map((s) => s[k] ?? 0));
      out.vs_default = Math.round(((out.open_ms as number) / defaultOpen) * 100) / 100;
      out.runs = runs;
      console.log(JSON.stringify(out));
    }
    await browser.close();
  } finally {
    server.kill();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
