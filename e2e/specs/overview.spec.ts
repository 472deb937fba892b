/**
 * Large clusters (issue 10, DESIGN.md §9): a 100-node, 3,000-pod cluster opens as an overview of
 * node tiles; picking a pod opens its node, a walk opens the nodes it crosses and frames them,
 * and the nodes the user opened survive the walk and the share link.
 */
import type { Page } from '@playwright/test';

import { generatedCluster } from '../../bench/generate';
import { encodeShareLink } from '../../src/scenario/index';
import { expect, test } from '../fixtures';
import { TracePanel } from '../pages/TracePanel';

const BIG = `/#${encodeShareLink(generatedCluster(100, 30, 1000, 10))}`;

interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Rendered boxes (relative to the canvas) of the elements matching a selector. */
async function boxes(page: Page, selector: string): Promise<Rect[]> {
  return page.evaluate(
    (sel) =>
      window.__explorer!.cy!.$(sel).map((e) => {
        const b = e.renderedBoundingBox({ includeLabels: false });
        return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
      }),
    selector,
  );
}

async function canvasSize(page: Page): Promise<{ w: number; h: number }> {
  return page.evaluate(() => ({
    w: window.__explorer!.cy!.width(),
    h: window.__explorer!.cy!.height(),
  }));
}

const inside = (r: Rect, s: { w: number; h: number }, slack = 2): boolean =>
  r.x1 >= -slack && r.y1 >= -slack && r.x2 <= s.w + slack && r.y2 <= s.h + slack;

async function openBig(page: Page): Promise<void> {
  await page.goto(BIG);
  await page.waitForFunction(
    () => (window.__explorer?.cy?.$('[kind = "node-tile"]').length ?? 0) > 0,
  );
}

test.describe('a 3,000-pod cluster', () => {
  // Each test opens a 13,000-element share link (one twice): on a loaded 2-core machine that is
  // tens of seconds, so these get the slow-test allowance (no time is asserted).
  test.slow();
  test('opens as a grid of node tiles that fits the canvas (README screenshots)', async ({
    page,
  }) => {
    await openBig(page);
    const tiles = await boxes(page, '[kind = "node-tile"]');
    expect(tiles).toHaveLength(100);
    const size = await canvasSize(page);
    expect(new Set(tiles.map((t) => Math.round(t.y1))).size).toBeGreaterThan(1);
    for (const t of tiles) expect(inside(t, size)).toBe(true);
    // No node's datapath is drawn: the overview is a few hundred elements, not 14,000.
    expect(await page.evaluate(() => window.__explorer!.cy!.elements().length)).toBeLessThan(400);
    await expect(page.getByTestId('diagnostics.errors')).toHaveText('0 ⚠');
    await page.screenshot({ path: 'docs/screenshot-overview.png' });
    await page.getByTestId('toolbar.theme').click();
    await page.screenshot({ path: 'docs/screenshot-overview-dark.png' });
  });

  test('picking a pod in the list opens its node and shows the pod', async ({ page, canvas }) => {
    await openBig(page);
    await page.getByTestId('element-list.search').fill('app-250');
    await page.getByTestId('element-list.item.pod:default/app-250').click();
    await expect(page.getByTestId('inspector.title')).toHaveText('default/app-250');
    await expect(page.getByTestId('inspector.pod.fields.node')).toHaveText('node-9');
    const pod = await boxes(page, '[id = "pod:default/app-250"]');
    expect(pod).toHaveLength(1);
    expect(inside(pod[0]!, await canvasSize(page))).toBe(true);
    expect(await canvas.classesOf('pod:default/app-250')).toContain('is-selected');
    expect(await canvas.classesOf('tile:node-9')).toContain('expanded');
    // Only that node is drawn in full.
    expect(await canvas.idsOfKind('k8s-node')).toEqual(['node:node-9']);
  });

  test('a walk between pods on two nodes opens both and frames them; closing it restores (README screenshots)', async ({
    page,
    canvas,
  }) => {
    await openBig(page);
    await page.getByTestId('element-list.item.node:node-7').click();
    await page.getByTestId('inspector.node.expand').click();
    await expect.poll(() => canvas.idsOfKind('k8s-node')).toEqual(['node:node-7']);
    const trace = new TracePanel(page);
    await page.getByTestId('walk.from').fill('pod/default/app-0');
    await page.getByTestId('walk.to').fill('pod/default/app-95');
    await page.getByTestId('walk.to').press('Enter');
    await expect(trace.verdict).toContainText('Delivered');
    expect((await canvas.idsOfKind('k8s-node')).sort()).toEqual([
      'node:node-1',
      'node:node-4',
      'node:node-7',
    ]);
    const size = await canvasSize(page);
    const framed = await boxes(page, '[id = "node:node-1"], [id = "node:node-4"]');
    for (const b of framed) expect(inside(b, size, 12)).toBe(true);
    // Framed, and readable: each column is a good part of the canvas.
    for (const b of framed) expect(b.x2 - b.x1).toBeGreaterThan(size.w / 4);
    await page.screenshot({ path: 'docs/screenshot-overview-walk.png' });
    await page.getByTestId('toolbar.theme').click();
    await page.screenshot({ path: 'docs/screenshot-overview-walk-dark.png' });
    await page.getByTestId('toolbar.theme').click();
    await page.getByTestId('trace.close').click();
    await expect.poll(() => canvas.idsOfKind('k8s-node')).toEqual(['node:node-7']);
  });

  test('double-click and Enter open and close a node; the link keeps what is open', async ({
    page,
    canvas,
  }) => {
    await openBig(page);
    const tile = await canvas.point('tile:node-12');
    await page.mouse.dblclick(tile.x, tile.y);
    await expect.poll(() => canvas.idsOfKind('k8s-node')).toEqual(['node:node-12']);
    await expect(page.getByTestId('inspector.title')).toHaveText('node-12');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('&expand=node-12');
    const again = await page.context().newPage();
    await again.goto(`/${await page.evaluate(() => location.hash)}`);
    await again.waitForFunction(() => window.__explorer?.cy?.$id('node:node-12').nonempty());
    await again.close();
    await page.getByTestId('canvas').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => canvas.idsOfKind('k8s-node')).toEqual([]);
    await expect(page.getByTestId('inspector.node.expand')).toHaveText(/Expand/);
  });
});
