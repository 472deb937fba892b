import { expect, test } from '../fixtures';

test.describe('packet walk', () => {
  test('click pod A then pod B: the hops in order, delivered, and stepping moves the highlight', async ({
    page,
    canvas,
  }) => {
    await page.goto('/');
    await canvas.ready();
    await page.getByTestId('toolbar.send').click();
    await canvas.click('pod:default/client', 'top');
    await expect(page.getByTestId('toolbar.send-hint')).toContainText('pod/default/client');
    await canvas.click('pod:default/web', 'top');
    const verdict = page.getByTestId('trace.verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
    const kinds = await page
      .locator('[data-testid^="trace.hop."][data-kind]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    // request: send, route (pod), veth, bridge (to host), route (node-1), wire, wire, route (node-2), bridge, veth, deliver — then the reply
    expect(kinds.slice(0, 4)).toEqual(['send', 'route', 'veth', 'bridge']);
    expect(kinds).toContain('deliver');
    const firstDeliver = kinds.indexOf('deliver');
    expect(kinds.slice(0, firstDeliver)).toEqual(expect.arrayContaining(['route', 'wire']));
    // step to the end, then back: the current hop's element on the graph follows
    await page.getByTestId('trace.hop.0').click();
    expect(await canvas.classesOf('pod:default/client/c/shell')).toContain('is-current');
    await page.getByTestId('trace.forward').click();
    await page.getByTestId('trace.forward').click();
    await expect(page.getByTestId('trace.position')).toHaveText(/^3 \//);
    expect(await canvas.classesOf('node:node-1/cni0')).toContain('is-current');
    await page.getByTestId('trace.back').click();
    await expect(page.getByTestId('trace.position')).toHaveText(/^2 \//);
    expect(await canvas.classesOf('pod:default/client/eth0')).toContain('is-current');
    // keyboard: arrow keys in the hop list
    await page.getByTestId('trace.hop.1').focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('trace.position')).toHaveText(/^3 \//);
    // the route hop names the ip route line that matched
    const routeIdx = kinds.findIndex((k, i) => k === 'route' && i > 3);
    await page.getByTestId(`trace.hop.${routeIdx}`).click();
    await expect(page.getByTestId('trace.hop.rule')).toHaveText(
      '10.244.2.0/24 via 192.168.1.12 dev eth0',
    );
  });

  test('the same walk across nodes in vxlan mode shows the encapsulation hop', async ({
    page,
    canvas,
  }) => {
    await page.goto('/');
    await canvas.ready();
    await page.getByTestId('tab.network').click();
    await page.getByTestId('net.cni.vxlan').check();
    await expect(page.locator('[data-testid="canvas"]')).toBeVisible();
    await page.getByTestId('walk.from').fill('pod/default/client');
    await page.getByTestId('walk.to').fill('pod/default/web');
    await page.getByTestId('walk.run').click();
    await expect(page.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');
    const encap = page.locator('[data-kind="encap"]').first();
    await encap.click();
    await expect(page.getByTestId('trace.hop.detail')).toContainText('UDP');
    await expect(page.getByTestId('trace.hop.detail')).toContainText('8472');
    await expect(page.getByTestId('trace.hop.rule')).toContainText(
      'dev flannel.1 dst 192.168.1.12',
    );
    await expect(page.locator('[data-kind="decap"]').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/walk-vxlan.png' });
  });

  test('a mid-walk screenshot for the README', async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    await page.getByTestId('walk.from').fill('pod/default/client');
    await page.getByTestId('walk.to').fill('svc/shop/frontend');
    await page.getByTestId('walk.run').click();
    await expect(page.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');
    const dnat = page.locator('[data-kind="dnat"]').first();
    await dnat.click();
    await page.getByTestId('trace.forward').click();
    await page.getByTestId('trace.forward').click();
    await page.screenshot({ path: 'docs/screenshot-walk.png' });
  });
});
