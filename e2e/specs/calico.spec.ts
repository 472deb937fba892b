import { expect, test } from '../fixtures';

test.describe('Calico datapath', () => {
  test('switch the default cluster to Calico IP-in-IP and walk across nodes: cali…, proxy ARP, tunl0 with the outer header', async ({
    page,
    canvas,
  }) => {
    await page.goto('/');
    await canvas.ready();
    await page.getByTestId('tab.network').click();
    await page.getByTestId('net.cni.calico-ipip').check();
    const profile = page.getByTestId('net.cni.profile');
    await expect(profile).toContainText('Calico IP-in-IP (ipipMode: Always)');
    await expect(profile).toContainText('1480');
    await expect(profile).toContainText('cali-fw-');
    await page.screenshot({ path: 'test-results/screens/calico-network.png' });
    // the graph follows: tunl0 on the nodes, no cni0 bridge
    await expect
      .poll(() => canvas.idsOfKind('vxlan'))
      .toEqual(['node:node-1/tunl0', 'node:node-2/tunl0']);
    expect(await canvas.idsOfKind('bridge')).toEqual(['node:node-1/pods', 'node:node-2/pods']);
    expect(await canvas.classesOf('node:node-1/pods')).toContain('attach-routed');

    await page.getByTestId('walk.from').fill('pod/default/client');
    await page.getByTestId('walk.to').fill('pod/default/web');
    await page.getByTestId('walk.run').click();
    await expect(page.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');
    const request = page.locator('[data-direction="request"]');
    await expect(request.filter({ hasText: 'proxy ARP by cali' }).first()).toBeVisible();
    await expect(
      request.filter({ hasText: /→ cali[0-9a-f]{11} \(host side\)/ }).first(),
    ).toBeVisible();
    await request.filter({ hasText: 'proxy ARP' }).first().click();
    await expect(page.getByTestId('trace.hop.detail')).toContainText('169.254.1.1');
    await expect(page.getByTestId('trace.hop.detail')).toContainText('ee:ee:ee:ee:ee:ee');

    await page.locator('[data-kind="encap"]').first().click();
    const detail = page.getByTestId('trace.hop.detail');
    await expect(detail).toContainText('192.168.1.11 → 192.168.1.12 IP-in-IP (protocol 4)');
    await expect(page.getByTestId('trace.hop.rule')).toContainText('dev tunl0 proto bird');
    expect(await canvas.classesOf('node:node-1/tunl0')).toContain('is-current');
    await expect(page.locator('[data-kind="decap"]').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/calico-walk.png' });
    await page.screenshot({ path: 'docs/screenshot-calico-ipip.png' });
  });
});
