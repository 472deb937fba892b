/**
 * The pod-birth player follows the scenario's CNI (issue 14): after switching the default cluster to
 * Calico in the Network tab, "Add and watch it" plays calico + calico-ipam — the block address, the
 * cali… veth with ee:ee:ee:ee:ee:ee, the /32 and 169.254.1.1 routes, proxy ARP, the host /32 route,
 * Felix's chains — and never a cni0 bridge. README screenshots, light and dark. Under Cilium the
 * player is driven by the keyboard alone: the agent's address, lxc…, the identity, eBPF, no iptables.
 */
import { expect, test } from '../fixtures';
import { expectAccessible } from '../fixtures/axe';
import { regionTo, tabTo } from '../pages/keys';

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

test('under Cilium, the player by keyboard alone: cilium-cni asks the agent, lxc…, identity, eBPF — no iptables', async ({
  page,
  canvas,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await canvas.ready();
  await regionTo(page, 'toolbar');
  await tabTo(page, 'toolbar.presets');
  await page.keyboard.press('Enter');
  await tabTo(page, 'preset.cilium-kube-proxy-replacement.open');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('dialog.presets')).toBeHidden();
  await expect(page.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');

  await regionTo(page, 'left');
  await tabTo(page, 'element-list.item.pod:shop/cart-2');
  await page.keyboard.press('Enter');
  await regionTo(page, 'right');
  await tabTo(page, 'tab.inspector');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector.title')).toHaveText('shop/cart-2');
  await tabTo(page, 'inspector.pod.birth');
  await page.keyboard.press('Enter');

  const player = page.getByTestId('birth.player');
  await expect(player).toBeFocused();
  await expect(page.getByTestId('birth.cni')).toHaveText(
    'CNI: Cilium (VXLAN + kube-proxy replacement): cilium-cni and the agent',
  );
  const step = page.getByTestId('birth.step');
  const commands = page.getByTestId('birth.commands');
  const seen: string[] = [];
  const next = async (id: string): Promise<void> => {
    await page.keyboard.press('ArrowRight');
    await expect(step).toHaveAttribute('data-step', id);
    seen.push(...(await commands.allInnerTexts()));
  };
  for (const id of ['netns', 'cni-add', 'agent-config']) await next(id);
  await expect(commands).toContainText('--unix-socket /var/run/cilium/cilium.sock');
  await next('ipam');
  await expect(step).toContainText(
    /The agent allocates 10\.244\.\d+\.\d+ from 10\.244\.\d+\.0\/24/,
  );
  await next('bridge');
  await next('veth');
  await expect(commands).toContainText(
    /ip link add lxc[0-9a-f]{12} mtu 1500 type veth peer name tmp/,
  );
  expect(await canvas.classesOf('pod:shop/cart-2/eth0')).toContain('is-hint');
  await next('pod-side');
  await expect(commands).toContainText(/route add default via 10\.244\.\d+\.\d+ dev eth0 mtu 1450/);
  await next('endpoint');
  await expect(page.getByTestId('birth.actor')).toHaveText('cilium-agent');
  await expect(step).toContainText(/with identity \d+/);
  await next('bpf');
  await expect(commands).toContainText('cil_from_container');
  await expect(page.getByTestId('live-region')).toContainText('Attaches the eBPF program');
  await next('masquerade');
  await expect(step).toContainText('No iptables rule for the pod');
  // The Next button by Tab and Enter, then End with the focus on it.
  await tabTo(page, 'birth.next');
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'result');
  await page.keyboard.press('End');
  await expect(step).toHaveAttribute('data-step', 'containers');
  expect(seen.join('\n')).not.toContain('iptables');
  expect(seen.join('\n')).not.toContain('cni0');
  await expectAccessible(page, 'the pod-birth player under Cilium');

  // Escape closes it and hands the keyboard back to the inspector's button.
  await page.keyboard.press('Escape');
  await expect(player).toBeHidden();
  await expect(page.getByTestId('inspector.pod.birth')).toBeFocused();
});
