/**
 * What `npm run bench:app` times inside the page, as scripts passed in as text (tsx's transpiler
 * adds helpers that do not exist in the page). Every timing starts at the user's input event
 * (its `timeStamp`) and ends two animation frames after the answer is on screen, so it covers
 * the work and the paint that follows it.
 */
import type { CDPSession, Page } from 'playwright-core';

/** Resolves when `cond` (an expression) holds, two frames later, with performance.now(). */
const settle = (cond: string): string => `new Promise((resolve) => {
  const check = () => {
    if (${cond}) requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
    else setTimeout(check, 5);
  };
  check();
})`;

/** The graph is drawn and no loading overlay is left. */
export const GRAPH_READY = `(window.__explorer && window.__explorer.cy && window.__explorer.cy.nodes().length > 0
  && !document.querySelector('[data-testid="loading"]'))`;

export async function waitOpen(page: Page): Promise<number> {
  return page.evaluate<number>(settle(GRAPH_READY));
}

/** Arms a one-shot listener that records the timeStamp of the next event of this type. */
async function armInput(page: Page, type: 'click' | 'keydown'): Promise<void> {
  await page.evaluate(`(() => {
    window.__benchT0 = undefined;
    document.addEventListener(${JSON.stringify(type)}, (e) => { window.__benchT0 = e.timeStamp; },
      { capture: true, once: true });
  })()`);
}

async function since(page: Page, cond: string): Promise<number> {
  return page.evaluate<number>(
    `${settle(`window.__benchT0 !== undefined && (${cond})`)}.then((t) => t - window.__benchT0)`,
  );
}

/** Main-thread busy time (ms) since `start` (CDP Performance TaskDuration): less load-sensitive. */
export interface Timed {
  readonly ms: number;
  readonly taskMs: number;
}

async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** Runs `act` (the user's input, then the wait for its answer) with the main thread's busy time. */
export async function withTask(
  cdp: CDPSession,
  act: () => Promise<number>,
  /** A navigation: the new page's counter starts at its own zero. */
  navigation = false,
): Promise<Timed> {
  await cdp.send('Performance.enable');
  const t0 = navigation ? 0 : await taskMs(cdp);
  const ms = await act();
  return { ms, taskMs: round((await taskMs(cdp)) - t0) };
}

/** Search the pod in the element list, click it: time until the inspector shows it. */
export async function selectPod(page: Page, key: string, cdp?: CDPSession): Promise<Timed> {
  const [, name] = key.split('/');
  await page.getByTestId('element-list.search').fill(name ?? key);
  const item = page.getByTestId(`element-list.item.pod:${key}`);
  await item.waitFor();
  await armInput(page, 'click');
  const act = async (): Promise<number> => {
    await item.click();
    return since(
      page,
      `(document.querySelector('[data-testid="inspector.title"]')?.textContent ?? '').includes(${JSON.stringify(name)})`,
    );
  };
  return cdp ? withTask(cdp, act) : { ms: await act(), taskMs: 0 };
}

/** Type a walk in the toolbar and press Enter: time until its verdict is shown. */
export async function walk(page: Page, from: string, to: string, cdp?: CDPSession): Promise<Timed> {
  await page.getByTestId('walk.from').fill(from);
  await page.getByTestId('walk.to').fill(to);
  await armInput(page, 'keydown');
  const act = async (): Promise<number> => {
    await page.getByTestId('walk.to').press('Enter');
    return since(page, `document.querySelector('[data-testid="trace.verdict"]') !== null`);
  };
  return cdp ? withTask(cdp, act) : { ms: await act(), taskMs: 0 };
}

/**
 * Frame times while something moves for `ms`: the gaps between animation frames (what the user
 * sees as smoothness). `mode` "pan" pans the viewport every frame (as a drag does), "wheel" zooms
 * with the mouse wheel over the canvas, "walk" plays the open walk from its first hop.
 */
export async function frames(
  page: Page,
  mode: 'pan' | 'wheel' | 'walk',
  ms: number,
): Promise<{ p50: number; p95: number; count: number }> {
  const box = await page.evaluate<{ x: number; y: number; width: number; height: number }>(
    `(() => { const r = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height }; })()`,
  );
  if (mode === 'walk')
    await page.evaluate(`(() => { const s = window.__explorer.store.getState();
      s.setStep(0); s.setPlaying(true); })()`);
  const collect = page.evaluate<number[]>(`new Promise((resolve) => {
    const gaps = []; let last = performance.now(); const end = last + ${ms};
    const cy = window.__explorer.cy; let dir = 1;
    const tick = (t) => {
      gaps.push(t - last); last = t;
      if (${JSON.stringify(mode)} === 'pan') { cy.panBy({ x: 6 * dir, y: 3 * dir }); if (gaps.length % 40 === 0) dir = -dir; }
      if (t < end) requestAnimationFrame(tick); else resolve(gaps.slice(1));
    };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
  })`);
  if (mode === 'wheel') {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const end = Date.now() + ms;
    for (let i = 0; Date.now() < end; i++) await page.mouse.wheel(0, i % 20 < 10 ? -60 : 60);
  }
  const gaps = (await collect).sort((a, b) => a - b);
  if (mode === 'walk') await page.evaluate(`window.__explorer.store.getState().setPlaying(false)`);
  const at = (q: number): number =>
    gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? 0;
  return { p50: round(at(0.5)), p95: round(at(0.95)), count: gaps.length };
}

/** Used JS heap after a full garbage collection, in MB. */
export async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return Math.round(usedSize / 1e5) / 10;
}

const round = (x: number): number => Math.round(x * 10) / 10;
