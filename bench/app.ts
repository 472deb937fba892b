/**
 * `npm run bench:app`: how long the production build takes to open generated clusters in headless
 * Chromium, as JSON lines like `npm run bench`. The scenario is put where the app's autosave
 * keeps it, so the page opens it as a returning user would. Reports the time from navigation to
 * the first frame with the whole graph drawn (`open_ms`), and how long a click on a pod in the
 * element list takes to show it in the inspector (`select_ms`). Pass --profile (or --profile=N
 * for the N-node cluster) to print the functions that took the most time while opening it (the
 * whole profile goes to test-results/app-open.cpuprofile, for Chrome DevTools).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

import { chromium, type Browser } from 'playwright-core';

import { generatedCluster } from './generate';

const PORT = 4199;
/** src/app/persistence.ts's AUTOSAVE_KEY (that module needs the DOM, this script runs in Node). */
const AUTOSAVE_KEY = 'k8snet.scenario.v1';
const SIZES: readonly [nodes: number, podsPerNode: number, services: number][] = [
  [10, 30, 100],
  [50, 20, 300],
  [100, 30, 1000],
];
const RUNS = 3;

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

async function openOnce(browser: Browser, json: string, profile: boolean) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // Scripts go in as text: tsx's transpiler adds helpers that do not exist in the page.
  await context.addInitScript(
    `if (!sessionStorage.getItem('bench.seeded')) {
       localStorage.setItem(${JSON.stringify(AUTOSAVE_KEY)}, ${JSON.stringify(json)});
       sessionStorage.setItem('bench.seeded', '1');
     }`,
  );
  const page = await context.newPage();
  const cdp = profile ? await context.newCDPSession(page) : undefined;
  if (cdp) {
    mkdirSync('test-results', { recursive: true });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const open = await page.evaluate<number>(`new Promise((resolve) => {
    const check = () => {
      const cy = window.__explorer && window.__explorer.cy;
      if (cy && cy.nodes().length > 0)
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
      else setTimeout(check, 10);
    };
    check();
  })`);
  let hot: string[] = [];
  if (cdp) {
    const { profile: p } = await cdp.send('Profiler.stop');
    writeFileSync('test-results/app-open.cpuprofile', JSON.stringify(p));
    const self = new Map<string, number>();
    const dt = new Map<number, number>();
    p.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (p.timeDeltas?.[i] ?? 0)));
    for (const n of p.nodes) {
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
    }
    hot = [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${k}`);
  }
  const item = page.locator('[data-testid^="element-list.item.pod:"]').first();
  const t0 = Date.now();
  await item.click();
  await page.getByTestId('inspector.title').waitFor();
  const select = Date.now() - t0;
  await context.close();
  return { open, select, hot };
}

async function main(): Promise<void> {
  // --profile profiles the largest cluster; --profile=N the one with N nodes.
  const flag = process.argv.find((a) => a.startsWith('--profile'));
  const profileNodes = flag
    ? Number(flag.split('=')[1] ?? SIZES[SIZES.length - 1]?.[0])
    : undefined;
  if (!existsSync('dist/index.html')) throw new Error('run `npm run build` first');
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
      args: exe ? ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] : [],
    });
    const only = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1];
    for (const [nodes, per, svcs] of SIZES.filter(([n]) => !only || String(n) === only)) {
      const json = JSON.stringify(generatedCluster(nodes, per, svcs, 0));
      const opens: number[] = [];
      const selects: number[] = [];
      let hot: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        const last = i === RUNS - 1 && nodes === profileNodes;
        const r = await openOnce(browser, json, last);
        opens.push(r.open);
        selects.push(r.select);
        if (last) hot = r.hot;
      }
      const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
      console.log(
        JSON.stringify({
          name: `app/open-${nodes}-nodes-${nodes * per}-pods`,
          open_ms: Math.round(med(opens)),
          select_ms: Math.round(med(selects)),
          runs: RUNS,
        }),
      );
      for (const h of hot) console.log(h);
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
