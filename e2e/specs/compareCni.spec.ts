/**
 * Compare datapaths (issue 15): from the trace panel, the current walk under another CNI, side by
 * side — flannel VXLAN against Calico IP-in-IP (cni0 vs cali…, flannel.1 UDP 8472 vs tunl0
 * protocol 4), then Cilium native routing picked by keyboard; light and dark, checked with axe.
 */
import type { Page } from '@playwright/test';

import { expectAccessible } from '../fixtures/axe';
import { expect, test, type Canvas } from '../fixtures';
import { TracePanel } from '../pages/TracePanel';

async function walkUnderVxlan(page: Page, canvas: Canvas, theme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
  await page.goto('/');
  await canvas.ready();
  if (theme === 'dark') await expect(page.locator('html')).toHaveClass(/dark/);
  await page.getByTestId('tab.network').click();
  await page.getByTestId('net.cni.vxlan').check();
  const trace = new TracePanel(page);
  await trace.walk('pod/default/client', 'pod/default/web', { port: 80 });
  await expect(trace.verdict).toHaveAttribute('data-verdict', 'delivered');
  await page.getByTestId('trace.compare-cni').click();
  const dialog = page.getByTestId('cmp.dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('cmp.facts')).toBeVisible();
  return dialog;
}

test('compare a walk under flannel VXLAN and Calico IP-in-IP, then Cilium native, by keyboard', async ({
  page,
  canvas,
}) => {
  test.slow(); // two datapaths loaded on demand and axe runs: room on a loaded CI machine
  const dialog = await walkUnderVxlan(page, canvas, 'light');
  await expect(page.getByTestId('cmp.other')).toHaveValue('calico-ipip');
  const devices = page.getByTestId('cmp.fact.devices');
  await expect(devices).toHaveAttribute('data-same', 'no');
  await expect(devices.locator('td').first()).toContainText('cni0 → flannel.1 → eth0');
  await expect(devices.locator('td').last()).toContainText(/cali[0-9a-f]{11} → tunl0 → eth0/);
  const encap = page.getByTestId('cmp.fact.encap');
  await expect(encap.locator('td').first()).toContainText('VXLAN UDP 8472, VNI 1');
  await expect(encap.locator('td').last()).toContainText('IP-in-IP (IP protocol 4)');
  await expect(page.getByTestId('cmp.fact.verdict')).toHaveAttribute('data-same', 'yes');
  // aligned hops: the bridge has no partner under Calico; the encap rows pair flannel.1 with tunl0
  const rows = page.getByTestId('cmp.row');
  await expect(rows.filter({ hasText: 'no such hop' }).first()).toBeVisible();
  const encapRow = rows.filter({ has: page.locator('td[data-kind="encap"]') }).first();
  await expect(encapRow).toContainText('dev flannel.1');
  await expect(encapRow).toContainText('dev tunl0');
  await expect(encapRow).toContainText(
    'outer: IP-in-IP (IP protocol 4): 192.168.1.11 → 192.168.1.12',
  );
  await expectAccessible(page, 'the datapath comparison', {
    include: '[data-testid="cmp.dialog"]',
  });
  await dialog.screenshot({ path: 'test-results/screens/compare-cni-light.png' });
  await dialog.screenshot({ path: 'docs/screenshot-compare-cni.png' });

  // another CNI by keyboard: focus the list, pick Cilium native routing
  await page.getByTestId('cmp.other').focus();
  await page.keyboard.press('End'); // the last choice, then back up to Cilium native routing
  await page.getByTestId('cmp.other').selectOption('cilium-native');
  await expect(encap.locator('td').last()).toContainText('none (the pod packet crosses as it is)');
  await expect(devices.locator('td').last()).toContainText(/lxc[0-9a-f]{12}/);
  await expect(page.getByTestId('cmp.fact.ttl').locator('td').last()).toHaveText('62');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // the comparison changed nothing: the cluster is still flannel VXLAN
  await page.getByTestId('tab.network').click();
  await expect(page.getByTestId('net.cni.vxlan')).toBeChecked();
});

test('the datapath comparison in the dark theme', async ({ page, canvas }) => {
  test.slow();
  const dialog = await walkUnderVxlan(page, canvas, 'dark');
  await expect(page.getByTestId('cmp.fact.encap')).toHaveAttribute('data-same', 'no');
  await expectAccessible(page, 'the datapath comparison, dark', {
    include: '[data-testid="cmp.dialog"]',
    theme: 'dark',
  });
  await dialog.screenshot({ path: 'test-results/screens/compare-cni-dark.png' });
  // switching from the comparison makes the other CNI the cluster's
  await page.getByTestId('cmp.switch').click();
  await page.getByTestId('tab.network').click();
  await expect(page.getByTestId('net.cni.calico-ipip')).toBeChecked();
});
