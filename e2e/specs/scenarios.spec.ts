/**
 * The scenario as a document: share links (round trip in a fresh browser, broken links), the
 * autosave, undo/redo of an edit, the preset gallery, and names that look like HTML.
 */
import type { Browser, Page } from '@playwright/test';

import { encodeShareLink, presetById } from '../../src/scenario/index';
import { expect, test } from '../fixtures';
import { openPreset } from '../pages/presets';
import { TracePanel } from '../pages/TracePanel';

const AUTOSAVE_KEY = 'k8snet.scenario.v1';
const EVIL = '<img src=x onerror=alert(1)>';

/** Adds a pod in namespace default with the "+ Pod" dialog. */
async function addPod(page: Page, name: string, node = 'node-2'): Promise<void> {
  await page.getByTestId('add.pod').click();
  const dialog = page.getByTestId('dialog.add-pod');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Node', { exact: true }).selectOption(node);
  await page.getByTestId('add-pod.submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`element-list.item.pod:default/${name}`)).toBeVisible();
}

/** Waits until the autosave (debounced) holds this text. */
async function autosaved(page: Page, text: string): Promise<void> {
  await expect
    .poll(() => page.evaluate((k) => localStorage.getItem(k) ?? '', AUTOSAVE_KEY))
    .toContain(text);
}

/** A page in a new browser context (no autosave, no history), opened at `url`. */
async function freshPage(browser: Browser, url: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(url);
  await page.waitForFunction(() => (window.__explorer?.cy?.nodes().length ?? 0) > 0);
  return page;
}

const graphHas = (page: Page, id: string) =>
  page.evaluate((i) => window.__explorer!.cy!.getElementById(i).nonempty(), id);

/** Opens the share dialog and returns the link it offers. */
async function shareLink(page: Page): Promise<string> {
  await page.getByTestId('toolbar.share').click();
  const url = await page.getByTestId('share.url').inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=\d+\./);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('dialog.share')).toBeHidden();
  return url;
}

test.describe('share links', () => {
  test('a copied link reopens the same scenario at the same hop in a new browser', async ({
    page,
    canvas,
    browser,
  }) => {
    await page.goto('/');
    await canvas.ready();
    await addPod(page, 'extra');
    const trace = new TracePanel(page);
    await trace.walk('pod/default/client', 'svc/shop/frontend');
    await trace.select(5);
    const position = await page.getByTestId('trace.position').innerText();
    expect(position).toMatch(/^6 \/ \d+$/);
    const hopText = (await trace.hop(5).textContent()) ?? '';
    const summary = await page.getByTestId('trace.summary').innerText();

    const url = await shareLink(page);
    expect(url).toContain('step=5');
    const other = await freshPage(browser, url);
    await expect(other.getByTestId('element-list.item.pod:default/extra')).toBeVisible();
    expect(await graphHas(other, 'pod:default/extra')).toBe(true);
    await expect(other.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');
    await expect(other.getByTestId('trace.summary')).toHaveText(summary);
    await expect(other.getByTestId('trace.position')).toHaveText(position);
    await expect(other.getByTestId('trace.hop.5')).toHaveAttribute('aria-selected', 'true');
    await expect(other.getByTestId('trace.hop.5')).toHaveText(hopText);
    await other.context().close();
  });

  test('a link keeps the endpoint the walk follows', async ({ page, canvas, browser }) => {
    await page.goto('/');
    await canvas.ready();
    const trace = new TracePanel(page);
    await trace.walk('pod/default/client', 'svc/shop/frontend');
    await page
      .getByTestId('trace.candidates')
      .getByRole('button', { name: /^10\.244\.2\.2:8080/ })
      .click();
    const dnat = await trace.selectKind('dnat');
    expect(dnat.text).toContain('10.244.2.2:8080');
    const position = await page.getByTestId('trace.position').innerText();

    const url = await shareLink(page);
    expect(url).toContain('endpoint=10.244.2.2:8080');
    const other = await freshPage(browser, url);
    await expect(other.getByTestId('trace.position')).toHaveText(position);
    await expect(other.getByTestId(`trace.hop.${dnat.index}`)).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(other.getByTestId(`trace.hop.${dnat.index}`)).toContainText('10.244.2.2:8080');
    await other.context().close();
  });

  test('a link pasted into Import opens its walk: entry node and hop', async ({
    page,
    canvas,
    browser,
  }) => {
    const trace = await openPreset(page, canvas, 'external-loadbalancer-local');
    await expect(page.getByTestId('walk.node')).toHaveValue('node-1');
    const dnat = await trace.selectKind('dnat');
    const position = await page.getByTestId('trace.position').innerText();
    const url = await shareLink(page);
    expect(url).toContain('node=node-1');

    const other = await freshPage(browser, new URL(url).origin + '/');
    await other.getByTestId('toolbar.import').click();
    await other.getByTestId('import.text').fill(url);
    await expect(other.getByTestId('import.status')).toContainText('1 pods');
    await other.getByTestId('import.open').click();
    await expect(other.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');
    await expect(other.getByTestId('walk.node')).toHaveValue('node-1');
    await expect(other.getByTestId('trace.position')).toHaveText(position);
    await expect(other.getByTestId(`trace.hop.${dnat.index}`)).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await other.context().close();
  });

  test('a broken link shows an error and keeps the scenario', async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    await addPod(page, 'extra');
    await autosaved(page, '"extra"');
    const real = await shareLink(page);

    // Pasted into the address bar of the open app (the fragment changes, no reload).
    await page.goto('/#s=1.garbage');
    const error = page.getByTestId('notice.error');
    await expect(error).toContainText('This link could not be opened');
    await expect(error).toContainText('Your current scenario is kept');
    await expect(page.getByTestId('element-list.item.pod:default/extra')).toBeVisible();
    expect(await graphHas(page, 'pod:default/extra')).toBe(true);

    // A real link cut in half, opened in a new tab: the autosaved scenario opens instead.
    const cut = real.slice(
      0,
      Math.floor(real.indexOf('#') + (real.length - real.indexOf('#')) / 2),
    );
    const tab = await page.context().newPage();
    await tab.goto(cut);
    await tab.waitForFunction(() => (window.__explorer?.cy?.nodes().length ?? 0) > 0);
    await expect(tab.getByTestId('notice.error')).toContainText('truncated or corrupted');
    await expect(tab.getByTestId('notice.error')).toContainText('Your previous scenario is kept');
    await expect(tab.getByTestId('element-list.item.pod:default/extra')).toBeVisible();
    await expect(tab.getByTestId('element-list.item.pod:default/web')).toBeVisible();
    await tab.close();
  });
});

test.describe('editing the scenario', () => {
  test('edits survive a reload and a new tab (autosave)', async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    await addPod(page, 'extra');
    await autosaved(page, '"extra"');
    await page.reload();
    await canvas.ready();
    await expect(page.getByTestId('element-list.item.pod:default/extra')).toBeVisible();
    expect(await graphHas(page, 'pod:default/extra')).toBe(true);

    // Without the link in the URL, the autosave alone brings it back.
    const tab = await page.context().newPage();
    await tab.goto('/');
    await tab.waitForFunction(() => (window.__explorer?.cy?.nodes().length ?? 0) > 0);
    await expect(tab.getByTestId('element-list.item.pod:default/extra')).toBeVisible();
    await tab.close();
  });

  test('a link opened over your own autosave keeps it one Undo away', async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    const shared = await shareLink(page); // the default scenario
    await addPod(page, 'mine');
    await autosaved(page, '"mine"');

    // Someone's link opens in a new tab of the same browser: their scenario, not a merge…
    const tab = await page.context().newPage();
    await tab.goto(shared);
    await tab.waitForFunction(() => (window.__explorer?.cy?.nodes().length ?? 0) > 0);
    await expect(tab.getByTestId('element-list.item.pod:default/mine')).toHaveCount(0);
    await expect(tab.getByText('Undo (Ctrl/Cmd+Z) brings it back')).toBeVisible();

    // …and the user's own work is one Undo away, not overwritten.
    await tab.getByTestId('toolbar.undo').click();
    await expect(tab.getByTestId('element-list.item.pod:default/mine')).toBeVisible();
    await tab.close();
  });

  test('a reload of the page’s own link adds no undo step', async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    await addPod(page, 'mine');
    await autosaved(page, '"mine"');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=/);
    await page.reload();
    await canvas.ready();
    await expect(page.getByTestId('element-list.item.pod:default/mine')).toBeVisible();
    await expect(page.getByTestId('toolbar.undo')).toBeDisabled();
  });

  test('adding a pod can be undone and redone, by button and keyboard', async ({
    page,
    canvas,
  }) => {
    await page.goto('/');
    await canvas.ready();
    const item = page.getByTestId('element-list.item.pod:default/extra');
    await expect(page.getByTestId('toolbar.undo')).toBeDisabled();
    await addPod(page, 'extra');
    expect(await canvas.idsOfKind('pod')).toContain('pod:default/extra');
    await expect(page.getByTestId('toolbar.redo')).toBeDisabled();

    await page.getByTestId('toolbar.undo').click();
    await expect(item).toHaveCount(0);
    expect(await canvas.idsOfKind('pod')).not.toContain('pod:default/extra');
    await expect(page.getByTestId('toolbar.undo')).toBeDisabled();

    await page.getByTestId('toolbar.redo').click();
    await expect(item).toBeVisible();
    expect(await canvas.idsOfKind('pod')).toContain('pod:default/extra');

    await page.keyboard.press('ControlOrMeta+z');
    await expect(item).toHaveCount(0);
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(item).toBeVisible();
    expect(await canvas.idsOfKind('pod')).toContain('pod:default/extra');
  });

  test('a preset opens with its walk, and undo brings the previous scenario back', async ({
    page,
    canvas,
  }) => {
    await page.goto('/');
    await canvas.ready();
    await page.getByTestId('toolbar.presets').click();
    const dialog = page.getByTestId('dialog.presets');
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('[data-testid^="preset."][data-testid$=".open"]')).toHaveCount(13);
    await expect(page.getByTestId('preset.pod-to-service')).toContainText(
      'Pod to Service: ClusterIP and DNAT',
    );
    // Commands in a summary read as code, not as markdown backticks.
    const routes = page.getByTestId('preset.pod-to-pod-routes');
    await expect(routes.locator('code')).toHaveText('10.244.2.0/24 via 192.168.1.12 dev eth0');
    await expect(routes).not.toContainText('`');
    await page.screenshot({ path: 'docs/screenshot-presets.png' });

    await page.getByTestId('preset.pod-to-service.open').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('notice.success')).toContainText('Opened');
    await expect(page.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');
    await expect(page.getByTestId('trace.summary')).toContainText('shop/cart');
    await expect(page.getByTestId('trace.candidates')).toContainText(':7070');
    const kinds = (await new TracePanel(page).hops()).map((h) => h.kind);
    // (The un-NAT of the reply is services.spec.ts's subject.)
    expect(kinds).toEqual(expect.arrayContaining(['netfilter', 'dnat', 'deliver']));
    expect(kinds.at(-1)).toBe('deliver');
    await expect(page.getByTestId('element-list.item.pod:shop/cart-1')).toBeVisible();
    await expect(page.getByTestId('element-list.item.pod:default/web')).toHaveCount(0);

    await page.getByTestId('toolbar.undo').click();
    await expect(page.getByTestId('element-list.item.pod:default/web')).toBeVisible();
    await expect(page.getByTestId('element-list.item.pod:shop/cart-1')).toHaveCount(0);
  });
});

test.describe('names that look like HTML are text', () => {
  /** Fails the test if the page opens any dialog (alert/confirm/prompt) or throws. */
  function watch(page: Page): { dialogs: string[]; errors: string[] } {
    const seen = { dialogs: [] as string[], errors: [] as string[] };
    page.on('dialog', (d) => {
      seen.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => seen.errors.push(e.message));
    return seen;
  }

  test('a crafted share link', async ({ page, canvas }) => {
    const seen = watch(page);
    const base = presetById('pod-to-pod-same-node')!.scenario;
    const client = base.pods[0]!;
    const scenario = {
      ...base,
      meta: { name: EVIL, description: EVIL },
      pods: [
        ...base.pods,
        { ...client, metadata: { ...client.metadata, name: EVIL, labels: { app: 'x' } } },
      ],
    };
    const link = encodeShareLink(scenario, {
      from: `pod/default/${EVIL}`,
      to: 'pod/default/web',
      port: 80,
    });
    await page.goto(`/#${link}`);
    await canvas.ready();

    const item = page.getByTestId(`element-list.item.pod:default/${EVIL}`);
    await expect(item).toContainText(EVIL);
    expect(await graphHas(page, `pod:default/${EVIL}`)).toBe(true);
    await expect(page.getByTestId('trace.panel')).toContainText(EVIL);
    await item.click();
    await page.getByTestId('tab.inspector').click();
    await expect(page.getByTestId('inspector.title')).toHaveText(`default/${EVIL}`);
    await page.getByTestId('tab.matrix').click();
    await expect(page.getByTestId('matrix.table')).toContainText(EVIL);

    await page.waitForTimeout(300);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(seen).toEqual({ dialogs: [], errors: [] });
  });

  test('imported YAML and scenario JSON', async ({ page, canvas }) => {
    const seen = watch(page);
    await page.goto('/');
    await canvas.ready();

    await page.getByTestId('toolbar.import').click();
    await page
      .getByTestId('import.text')
      .fill(
        [
          'apiVersion: v1',
          'kind: Pod',
          'metadata:',
          `  name: "${EVIL}"`,
          '  labels: { app: web }',
          'spec:',
          '  containers:',
          `    - name: app`,
          `      image: "${EVIL}"`,
        ].join('\n'),
      );
    await expect(page.getByTestId('import.status')).toContainText('1 pods');
    await page.getByTestId('import.open').click();
    await expect(page.getByTestId('dialog.import')).toBeHidden();
    const item = page.getByTestId(`element-list.item.pod:default/${EVIL}`);
    await expect(item).toContainText(EVIL);
    await item.click();
    await expect(page.getByTestId('inspector.title')).toHaveText(`default/${EVIL}`);

    // A scenario JSON whose name is the same string: the "Opened …" notice shows it as text.
    const base = presetById('pod-to-pod-same-node')!.scenario;
    await page.getByTestId('toolbar.import').click();
    await page
      .getByTestId('import.text')
      .fill(JSON.stringify({ ...base, meta: { name: EVIL, description: EVIL } }));
    await page.getByTestId('import.open').click();
    await expect(page.getByTestId('notice.success').last()).toContainText(`Opened ${EVIL}`);

    await page.waitForTimeout(300);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(seen).toEqual({ dialogs: [], errors: [] });
  });
});
