/**
 * The pod-birth player follows the scenario's CNI (issue 14): after switching the default cluster to
 * Calico in the Network tab, "Add and watch it" plays calico + calico-ipam — the block address, the
 * cali… veth with ee:ee:ee:ee:ee:ee, the /32 and 169.254.1.1 routes, proxy ARP, the host /32 route,
 * Felix's chains — and never a cni0 bridge. README screenshots, light and dark.
 */
import { expect, test } from '../fixtures';
import { expectAccessible } from '../fixtures/axe';

test('under Calico, "Create pod" plays calico-ipam, the cali… veth and proxy ARP — no cni0', async ({
  page,
  canvas,
}) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await canvas.ready();
  await page.getByTestId('tab.network').click();
  await page.getByTestId('net.cni.calico-ipip').check();
  await expect(page.getByTestId('net.cni.profile')).toContainText('Calico IP-in-IP');
  await expect.poll(() => canvas.idsOfKind('vxlan')).toContain('node:node-2/tunl0');

  await page.getByTestId('add.pod').click();
  const dialog = page.getByTestId('dialog.add-pod');
  await dialog.getByLabel('Name', { exact: true }).fill('fresh');
  await dialog.getByLabel('Node', { exact: true }).selectOption('node-2');
  await page.getByTestId('add-pod.watch').click();

  const player = page.getByTestId('birth.player');
  await expect(player).toBeFocused();
  await expect(page.getByTestId('birth.cni')).toHaveText('CNI: Calico (IP-in-IP) with calico-ipam');
  const step = page.getByTestId('birth.step');
  const commands = page.getByTestId('birth.commands');
  const seen: string[] = [];
  const next = async (id: string): Promise<void> => {
    await page.keyboard.press('ArrowRight');
    await expect(step).toHaveAttribute('data-step', id);
    // What the step runs (its explanation may well say that there is no cni0).
    seen.push(...(await commands.allInnerTexts()));
  };
  await next('netns');
  await next('cni-add');
  await expect(page.getByTestId('birth.env')).toContainText('CNI_COMMAND=ADD');
  await expect(step).toContainText('"type": "calico-ipam"');
  await next('calico');
  await next('ipam');
  await expect(page.getByTestId('birth.actor')).toHaveText('calico-ipam');
  await expect(step).toContainText(/from node-2's block 10\.244\.\d+\.\d+\/26/);
  await next('bridge');
  await expect(step).toContainText('No bridge: Calico routes each pod');
  expect(await canvas.classesOf('node:node-2/pods')).toContain('is-hint');
  expect(await canvas.classesOf('pod:default/fresh/eth0')).toContain('is-unborn');
  await next('veth');
  await expect(commands).toContainText(/peer name cali[0-9a-f]{11}/);
  await expect(commands).toContainText('address ee:ee:ee:ee:ee:ee');
  expect(await canvas.classesOf('pod:default/fresh/eth0')).toContain('is-hint');
  await next('pod-side');
  await expect(commands).toContainText('route add default via 169.254.1.1 dev eth0');
  await expect(commands).toContainText(/addr add 10\.244\.\d+\.\d+\/32 dev eth0/);
  await next('proxy-arp');
  await expect(commands).toContainText(/net\.ipv4\.conf\.cali[0-9a-f]{11}\.proxy_arp=1/);
  await expect(page.getByTestId('live-region')).toContainText('proxy ARP');
  await page.screenshot({ path: 'test-results/screens/birth-calico-proxyarp.png' });
  await next('host-route');
  await expect(commands).toContainText(
    /ip route add 10\.244\.\d+\.\d+\/32 dev cali[0-9a-f]{11} scope link/,
  );
  expect(await canvas.classesOf('node:node-2/routes')).toContain('is-hint');
  await next('endpoint');
  await next('masquerade');
  await expect(step).toContainText('natOutgoing');
  await next('result');
  await next('portmap');
  await next('felix');
  await expect(commands).toContainText(/-g cali-fw-cali[0-9a-f]{11}/);
  await expectAccessible(page, 'the pod-birth player under Calico');
  await next('pause');
  await next('containers');
  expect(seen.join('\n')).toContain('calico-ipam');
  expect(seen.join('\n')).not.toContain('cni0');
  await expect(page.getByTestId('birth.steps')).not.toContainText('cni0');

  // README screenshots: the proxy ARP step, light and dark.
  await page.keyboard.press('Home');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  await expect(step).toHaveAttribute('data-step', 'proxy-arp');
  await page.screenshot({ path: 'docs/screenshot-birth-calico.png' });
  await page.getByTestId('toolbar.theme').click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(step).toHaveAttribute('data-step', 'proxy-arp');
  await page.screenshot({ path: 'docs/screenshot-birth-calico-dark.png' });
  await expectAccessible(page, 'the pod-birth player under Calico, dark');
});
