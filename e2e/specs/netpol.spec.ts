/**
 * NetworkPolicies from the Policies tab: a default-deny ingress policy drops a walk at the
 * destination pod and names itself; an allow rule lets it through and names the rule; the
 * connectivity matrix follows both changes.
 */
import type { Page } from '@playwright/test';

import { expect, test } from '../fixtures';
import { TracePanel } from '../pages/TracePanel';

const cell = (page: Page, src: string, dst: string) =>
  page.getByTestId(`matrix.cell.${src}.${dst}`);

/** The matrix cell for src → dst says allowed (true) or denied (false). */
async function expectMatrix(page: Page, pairs: [string, string, boolean][]): Promise<void> {
  await page.getByTestId('tab.matrix').click();
  await expect(page.getByTestId('matrix.table')).toBeVisible();
  for (const [src, dst, allowed] of pairs)
    await expect(cell(page, src, dst), `${src} → ${dst}`).toHaveAttribute(
      'data-allowed',
      String(allowed),
    );
}

/** Opens "+ New policy" and fills the form for namespace default. */
async function newPolicy(
  page: Page,
  opts: { shape: string; name?: string; labels?: string; target?: string },
): Promise<void> {
  await page.getByTestId('tab.policies').click();
  await page.getByTestId('policies.new').click();
  const dialog = page.getByTestId('dialog.policy-form');
  await expect(dialog).toBeVisible();
  await page.getByTestId('pf.namespace').selectOption('default');
  await page.getByTestId('pf.shape').selectOption(opts.shape);
  if (opts.name !== undefined) await page.getByTestId('pf.name').fill(opts.name);
  if (opts.target !== undefined) await page.getByTestId('pf.target').fill(opts.target);
  if (opts.labels !== undefined) await page.getByTestId('pf.labels').fill(opts.labels);
}

async function submitPolicy(page: Page): Promise<void> {
  await page.getByTestId('pf.submit').click();
  await expect(page.getByTestId('dialog.policy-form')).toBeHidden();
}

test.describe('NetworkPolicy', () => {
  test('default deny drops the walk; an allow rule lets it through; the matrix follows', async ({
    page,
    canvas,
  }) => {
    await page.goto('/');
    await canvas.ready();
    const trace = new TracePanel(page);

    // Without policies every pod reaches every pod.
    await expectMatrix(page, [
      ['default/client', 'default/web', true],
      ['default/web', 'default/client', true],
      ['shop/cart', 'default/web', true],
    ]);

    // A default-deny ingress policy for namespace default.
    await newPolicy(page, { shape: 'deny-ingress' });
    await expect(page.getByTestId('pf.name')).toHaveValue('default-deny-ingress');
    const preview = page.getByTestId('pf.preview');
    await expect(preview).toContainText('namespace: default');
    await expect(preview).toContainText('podSelector: {}');
    await expect(preview).toContainText('- Ingress');
    await expect(preview).not.toContainText('ingress:');
    await submitPolicy(page);
    const deny = page.getByTestId('policy.default/default-deny-ingress');
    await expect(deny).toContainText('default-deny-ingress');
    await expect(deny).toContainText('2 pods');
    await expect(deny).toContainText('denies all ingress');
    expect(await canvas.classesOf('pod:default/web')).toContain('is-isolated');
    expect(await canvas.classesOf('pod:shop/cart')).not.toContain('is-isolated');

    await trace.walk('pod/default/client', 'pod/default/web');
    await expect(trace.verdict).toHaveAttribute('data-verdict', 'dropped');
    await expect(page.getByTestId('trace.reason')).toContainText('default/default-deny-ingress');
    const hops = await trace.hops();
    expect(hops.at(-1)?.kind).toBe('drop');
    expect(hops.map((h) => h.kind)).not.toContain('deliver');
    await trace.selectKind('drop');
    await expect(trace.rule).toContainText('default/default-deny-ingress');
    await expect(trace.detail).toContainText(
      'default/web is isolated for ingress by default/default-deny-ingress',
    );
    expect(await canvas.classesOf('pod:default/web/eth0')).toEqual(
      expect.arrayContaining(['is-current', 'is-dropped']),
    );
    await page.screenshot({ path: 'docs/screenshot-netpol-drop.png' });

    await expectMatrix(page, [
      ['default/client', 'default/web', false],
      ['default/web', 'default/client', false],
      ['shop/cart', 'default/web', false],
      ['default/client', 'shop/cart', true],
    ]);

    // Allow ingress from pods labelled app=client.
    await newPolicy(page, {
      shape: 'allow-from-pods',
      name: 'allow-from-client',
      labels: 'app=client',
    });
    await expect(preview).toContainText('app: client');
    await submitPolicy(page);
    await expect(page.getByTestId('policy.default/allow-from-client')).toContainText(
      'ingress[0] from pods app=client',
    );

    await page.getByTestId('tab.trace').click();
    await expect(trace.verdict).toHaveAttribute('data-verdict', 'delivered');
    const allowed = await trace.selectKind('policy', { direction: 'request' });
    expect(allowed.text).toContain('allowed');
    await expect(trace.rule).toContainText('default/allow-from-client');
    await expect(trace.rule).toContainText('ingress[0] from pods app=client');
    await expect(trace.detail).toContainText('allows 10.244.1.2 (default/client) on TCP 80');
    expect((await trace.hops()).map((h) => h.kind)).not.toContain('drop');

    // Only app=client is admitted: web → client and cart → web stay denied.
    await expectMatrix(page, [
      ['default/client', 'default/web', true],
      ['default/web', 'default/client', false],
      ['shop/cart', 'default/web', false],
      ['default/client', 'shop/cart', true],
    ]);
    await expect(cell(page, 'default/client', 'default/web')).toHaveAttribute(
      'title',
      /allow-from-client/,
    );
    const readout = page.getByTestId('matrix.readout');
    await cell(page, 'default/web', 'default/client').hover();
    await expect(readout).toContainText('default/web → default/client: denied');
    await cell(page, 'default/client', 'default/web').hover();
    await expect(readout).toContainText('default/client → default/web: allowed');
    await expect(readout).toContainText('default/allow-from-client ingress[0]');
    await page.screenshot({ path: 'docs/screenshot-matrix.png' });

    // Deleting the allow policy closes the door again.
    await page.getByTestId('tab.policies').click();
    const item = page.getByTestId('policy.default/allow-from-client');
    // The policy just saved is the focused one: open, the pods it selects outlined on the graph.
    await expect(item.locator('button[aria-expanded]')).toHaveAttribute('aria-expanded', 'true');
    expect(await canvas.classesOf('pod:default/web')).toContain('is-policy-selected');
    expect(await canvas.classesOf('pod:shop/cart')).not.toContain('is-policy-selected');
    await item.getByTestId('policy.delete').click();
    await expect(page.getByTestId('policy.default/allow-from-client')).toHaveCount(0);
    await expectMatrix(page, [['default/client', 'default/web', false]]);
  });

  test('an allow policy from YAML names its rule in the walk', async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    const trace = new TracePanel(page);
    await newPolicy(page, { shape: 'deny-ingress' });
    await submitPolicy(page);

    // The YAML dialog's template: allow app=web ingress from app=client on TCP 80.
    await page.getByTestId('policies.new-yaml').click();
    await expect(page.getByTestId('policy-yaml.status')).toContainText(
      'Valid NetworkPolicy default/allow-from-client',
    );
    await page.getByTestId('policy-yaml.save').click();
    await expect(page.getByTestId('dialog.policy-yaml')).toBeHidden();
    await expect(page.getByTestId('policy.default/allow-from-client')).toBeVisible();

    await trace.walk('pod/default/client', 'pod/default/web', { port: 80 });
    await expect(trace.verdict).toHaveAttribute('data-verdict', 'delivered');
    await trace.selectKind('policy', { direction: 'request' });
    await expect(trace.rule).toContainText('default/allow-from-client');

    // The rule admits port 80 only: another port is dropped by the same isolation.
    await trace.walk('pod/default/client', 'pod/default/web', { port: 8080 });
    await expect(trace.verdict).toHaveAttribute('data-verdict', 'dropped');
    await trace.selectKind('drop');
    await expect(trace.detail).toContainText('default/allow-from-client');
  });
});
