/**
 * A pod is born (issue 14): "Add and watch it being born" plays the new pod's creation — the
 * sandbox, the namespace, CNI ADD with its environment, the bridge plugin's steps as commands,
 * pause — with its objects appearing on the graph step by step, driven by the keyboard.
 */
import { expect, test } from '../fixtures';
import { expectAccessible } from '../fixtures/axe';

test('create a pod and watch the CNI wire it, step by step, by keyboard', async ({
  page,
  canvas,
}) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await canvas.ready();
  await page.getByTestId('add.pod').click();
  const dialog = page.getByTestId('dialog.add-pod');
  await dialog.getByLabel('Name', { exact: true }).fill('fresh');
  await dialog.getByLabel('Node', { exact: true }).selectOption('node-2');
  await page.getByTestId('add-pod.watch').click();

  const player = page.getByTestId('birth.player');
  await expect(player).toBeVisible();
  await expect(player).toBeFocused();
  await expect(player).toContainText('A pod is born: default/fresh on node-2');
  await expect(page.getByTestId('birth.cni')).toHaveText(
    'CNI: flannel (host-gw backend) with the bridge plugin',
  );
  await expect(page.getByTestId('birth.actor')).toHaveText('kubelet');
  // Nothing of the pod exists yet: its box, eth0 and pause are not drawn.
  for (const id of ['pod:default/fresh', 'pod:default/fresh/eth0', 'pod:default/fresh/pause'])
    expect(await canvas.classesOf(id)).toContain('is-unborn');

  const step = page.getByTestId('birth.step');
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveAttribute('data-step', 'netns');
  await expect(page.getByTestId('birth.commands')).toContainText('$ ip netns add cni-');
  expect(await canvas.classesOf('pod:default/fresh')).toContain('is-hint');
  expect(await canvas.classesOf('pod:default/fresh/eth0')).toContain('is-unborn');

  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveAttribute('data-step', 'cni-add');
  await expect(page.getByTestId('birth.env')).toContainText('CNI_COMMAND=ADD');
  await expect(page.getByTestId('birth.env')).toContainText('CNI_IFNAME=eth0');
  await expect(page.getByTestId('birth.env')).toContainText('K8S_POD_NAME=fresh');

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveAttribute('data-step', 'bridge');
  await expect(step).toContainText('Finds cni0 already there');
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveAttribute('data-step', 'veth');
  await expect(page.getByTestId('birth.commands')).toContainText('type veth peer name veth');
  await expect(page.getByTestId('birth.commands')).toContainText('master cni0');
  expect(await canvas.classesOf('pod:default/fresh/eth0')).toContain('is-hint');
  expect(await canvas.classesOf('pod:default/fresh/pause')).toContain('is-unborn');

  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveAttribute('data-step', 'ipam');
  await expect(step).toContainText('Leases 10.244.2.5 from 10.244.2.0/24');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('birth.commands')).toContainText('addr add 10.244.2.5/24 dev eth0');
  await expect(page.getByTestId('birth.commands')).toContainText(
    'route add default via 10.244.2.1 dev eth0',
  );
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveAttribute('data-step', 'masquerade');
  await expect(step).toContainText('skipped: ipMasq is false');
  await expect(step).toContainText('FLANNEL-POSTRTG');
  await expect(page.getByTestId('live-region')).toContainText('No masquerade rule');
  await expectAccessible(page, 'the pod-birth player');

  await page.keyboard.press('End');
  await expect(step).toHaveAttribute('data-step', 'containers');
  expect(await canvas.classesOf('pod:default/fresh/pause')).not.toContain('is-unborn');
  await page.keyboard.press('ArrowLeft');
  await expect(step).toHaveAttribute('data-step', 'pause');
  await expect(step).toContainText('holds the namespace');
  await page.screenshot({ path: 'test-results/screens/birth-pause.png' });

  await page.keyboard.press('Escape');
  await expect(player).toBeHidden();
  expect(await canvas.classesOf('pod:default/fresh/eth0')).not.toContain('is-unborn');
  // The pause container can be hidden from the inspector.
  await canvas.click('pod:default/fresh', 'top');
  await page.getByTestId('inspector.pod.show-pause').uncheck();
  expect(await canvas.classesOf('pod:default/fresh/pause')).toContain('pause-off');
});
