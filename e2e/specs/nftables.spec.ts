/**
 * kube-proxy's nftables mode: switch the default scenario to it in the Network tab, walk the
 * client to the frontend Service — the DNAT hop names the nft rule and the verdict-map element
 * that led there — and the node inspector shows `nft list ruleset` with those lines highlighted;
 * then compare the same walk under iptables mode.
 */
import type { Page } from '@playwright/test';

import { expect, test, type Canvas } from '../fixtures';
import { TracePanel } from '../pages/TracePanel';

const nftHighlighted = (page: Page) =>
  page.getByTestId('inspector.node.nft').locator('[data-highlighted]');

async function nftablesWalk(page: Page, canvas: Canvas): Promise<TracePanel> {
  await page.goto('/');
  await canvas.ready();
  await page.getByTestId('tab.network').click();
  await page.getByTestId('net.kubeProxy.nftables').check();
  await expect(page.getByTestId('net.kubeProxy.mode')).toContainText('table ip kube-proxy');
  // The node's netfilter box is now kube-proxy's nftables table.
  await expect
    .poll(() =>
      page.evaluate(() =>
        window.__explorer!.cy!.getElementById('node:node-1/iptables').data('label'),
      ),
    )
    .toBe('nftables\nkube-proxy');
  const trace = new TracePanel(page);
  await trace.walk('pod/default/client', 'svc/shop/frontend');
  const candidates = page.getByTestId('trace.candidates');
  await expect(candidates).toContainText('10.244.1.3:8080');
  await candidates.getByRole('button', { name: /^10\.244\.2\.2:8080/ }).click();
  await expect(trace.verdict).toHaveAttribute('data-verdict', 'delivered');
  return trace;
}

test.describe('kube-proxy in nftables mode', () => {
  test('the DNAT hop shows the nft rule and map element; the node’s ruleset highlights them', async ({
    page,
    canvas,
  }) => {
    const trace = await nftablesWalk(page, canvas);
    const nf = await trace.selectKind('netfilter', { direction: 'request' });
    expect(nf.text).toContain('nftables');
    expect(nf.text).toContain('nat-prerouting');
    const dnat = await trace.selectKind('dnat', { direction: 'request' });
    expect(dnat.text).toContain('10.244.2.2:8080');
    await expect(trace.rule).toHaveText('meta l4proto tcp dnat to 10.244.2.2:8080');
    await expect(trace.detail).toContainText('nft ip kube-proxy');
    // The verdict-map elements that led to the endpoint chain.
    await expect(trace.detail).toContainText(
      /looked up @service-ips and found "10\.[\d.]+ \. tcp \. 80 : goto service-/,
    );
    await trace.detail.getByText(/rules matched/).click();
    const rules = page.getByTestId('trace.hop.rules');
    await expect(rules).toContainText('ip daddr . meta l4proto . th dport vmap @service-ips');
    await expect(rules).toContainText(
      /↳ 1 : goto endpoint-[A-Z2-7]{8}-shop\/frontend\/tcp\/http__10\.244\.2\.2\/8080/,
    );

    // The node inspector: nft list ruleset with the walk's rules and elements highlighted.
    await page.getByTestId('element-list.item.node:node-1').click();
    await page.getByTestId('tab.inspector').click();
    await expect(page.getByTestId('inspector.title')).toHaveText('node-1');
    const block = page.getByTestId('inspector.node.nft');
    await expect(block).toContainText('table ip kube-proxy {');
    await expect(block).toContainText('type nat hook prerouting priority dstnat; policy accept;');
    const lines = (await nftHighlighted(page).allInnerTexts()).map((l) => l.trim());
    expect(lines).toContain('meta l4proto tcp dnat to 10.244.2.2:8080');
    expect(lines).toContain('ip daddr . meta l4proto . th dport vmap @service-ips');
    expect(
      lines.some((l) =>
        /\. tcp \. 80 : goto service-[A-Z2-7]{8}-shop\/frontend\/tcp\/http/.test(l),
      ),
    ).toBe(true);
    // The endpoint not taken is not.
    expect(lines.some((l) => l.includes('dnat to 10.244.1.3:8080'))).toBe(false);
    // "walk's chains only": the chains and map elements the walk went through, all highlighted.
    await page.getByTestId('inspector.node.nft.walk-only').check();
    await expect(nftHighlighted(page)).toHaveCount(lines.length);
    await expect(block).toContainText('chain nat-prerouting {');
    await expect(block).toContainText('map service-ips {');
    await expect(block).not.toContainText('chain filter-forward {');
    await page
      .getByText('nft list ruleset · kube-proxy in nftables mode')
      .evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: 'docs/screenshot-nftables.png' });
    await page.getByTestId('toolbar.theme').click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.screenshot({ path: 'docs/screenshot-nftables-dark.png' });
  });

  test('compare with iptables mode: same verdict, candidates and masquerade; different rules', async ({
    page,
    canvas,
  }) => {
    await nftablesWalk(page, canvas);
    await page.getByTestId('trace.compare').click();
    const dialog = page.getByTestId('compare.dialog');
    await expect(dialog).toBeVisible();
    for (const row of ['verdict', 'candidates', 'masquerade'])
      await expect(dialog.getByTestId(`compare.row.${row}`)).toHaveAttribute('data-same', 'yes');
    await expect(dialog.getByTestId('compare.row.candidates')).toContainText(
      '10.244.1.3:8080, 10.244.2.2:8080',
    );
    await expect(dialog.getByTestId('compare.nftables')).toContainText(
      'meta l4proto tcp dnat to 10.244.2.2:8080',
    );
    await expect(dialog.getByTestId('compare.iptables')).toContainText(
      '-j DNAT --to-destination 10.244.2.2:8080',
    );
    await page.screenshot({ path: 'docs/screenshot-nft-compare.png' });
    // Switching the cluster from here is one undoable edit.
    await dialog.getByTestId('compare.switch').click();
    await expect(dialog).toBeHidden();
    await page.getByTestId('tab.network').click();
    await expect(page.getByTestId('net.kubeProxy.iptables')).toBeChecked();
  });
});
