import { expect, test } from '../fixtures';

test.describe('the default scenario', () => {
  test('opens as a two-node cluster drawn as its Linux objects', async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    expect(await canvas.idsOfKind('k8s-node')).toEqual(['node:node-1', 'node:node-2']);
    const pods = await canvas.idsOfKind('pod');
    expect(pods).toHaveLength(6);
    expect(pods).toContain('pod:shop/frontend-1');
    expect(await canvas.idsOfKind('bridge')).toEqual(['node:node-1/cni0', 'node:node-2/cni0']);
    const veths = await canvas.idsOfKind('veth');
    expect(veths).toHaveLength(6);
    expect(veths).toContain('veth:shop/frontend-2');
    expect(await canvas.idsOfKind('service')).toContain('svc:shop/frontend');
    // The frontend Service has dashed endpoint edges to pods on both nodes.
    const eps = await page.evaluate(() =>
      window
        .__explorer!.cy!.edges('[kind = "endpoint"]')
        .map((e) => `${e.source().id()}>${e.target().id()}`),
    );
    expect(eps).toContain('svc:shop/frontend>pod:shop/frontend-1');
    expect(eps).toContain('svc:shop/frontend>pod:shop/frontend-2');
    // The two containers of frontend-1 share its box.
    const children = await page.evaluate(() =>
      window
        .__explorer!.cy!.getElementById('pod:shop/frontend-1')
        .children()
        .map((c) => c.id()),
    );
    expect(children).toEqual(
      expect.arrayContaining([
        'pod:shop/frontend-1/c/app',
        'pod:shop/frontend-1/c/metrics',
        'pod:shop/frontend-1/eth0',
      ]),
    );
    await page.getByTestId('legend').getByRole('button').click();
    await expect(page.getByTestId('legend')).toContainText('veth pair');
    await expect(page.getByTestId('legend')).toContainText('shop');
  });

  test('clicking a pod shows its IP and node in the inspector', async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    await canvas.click('pod:shop/cart', 'top');
    await expect(page.getByTestId('inspector.title')).toHaveText('shop/cart');
    const fields = page.getByTestId('inspector.pod.fields');
    await expect(fields.getByTestId('inspector.pod.fields.pod-ip')).toHaveText('10.244.2.4');
    await expect(fields.getByTestId('inspector.pod.fields.node')).toHaveText('node-2');
    expect(await canvas.classesOf('pod:shop/cart')).toContain('is-selected');
  });

  test('the element list reaches the same pod by keyboard', async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    await page.getByTestId('element-list.search').focus();
    await page.keyboard.type('cart');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('element-list.item.pod:shop/cart')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('inspector.title')).toHaveText('shop/cart');
    await expect(page.getByTestId('inspector.pod.fields.pod-ip')).toHaveText('10.244.2.4');
  });

  test('a node shows its routing table as ip route prints it', async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    await canvas.click('node:node-1/routes');
    await expect(page.getByTestId('inspector.node.routes')).toContainText(
      '10.244.2.0/24 via 192.168.1.12 dev eth0',
    );
  });

  test('the default view (README screenshot), light and dark', async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    await page.getByTestId('legend').getByRole('button').click();
    await canvas.click('pod:shop/frontend-1', 'top');
    await expect(page.getByTestId('inspector.title')).toHaveText('shop/frontend-1');
    await page.screenshot({ path: 'docs/screenshot-default.png' });
    await page.getByTestId('toolbar.theme').click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.screenshot({ path: 'docs/screenshot-dark.png' });
  });

  test('dark mode switches the whole screen', async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    await page.getByTestId('toolbar.theme').click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.getByTestId('toolbar.theme').click();
    await expect(page.locator('html')).not.toHaveClass(/dark/);
  });
});
