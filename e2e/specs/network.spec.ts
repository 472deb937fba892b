/**
 * The cluster's address plan in the Network tab: a Service CIDR that overlaps the pod CIDR is an
 * error next to the field and on the graph, the typed text is never lost, fixing it clears the
 * error, undo brings the previous value back, and a syntax error stays in the field as typed.
 */
import type { Locator, Page } from '@playwright/test';

import { expect, test } from '../fixtures';
import { TracePanel } from '../pages/TracePanel';

/** Ids of graph elements outlined as errors. */
const errorIds = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    window
      .__explorer!.cy!.$('.has-error')
      .map((e) => e.id())
      .sort(),
  );

/** Types into a field like a user: select all, delete, then one key at a time. */
async function retype(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.press('Delete');
  await field.pressSequentially(text);
}

const serviceSubnetInStore = (page: Page) =>
  page.evaluate(
    () =>
      (
        window.__explorer!.store.getState().scenario as {
          cluster: { serviceSubnet: string };
        }
      ).cluster.serviceSubnet,
  );

test.describe('Network tab: the address plan', () => {
  test.beforeEach(async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    await page.getByTestId('tab.network').click();
    await expect(page.getByTestId('net.podSubnet')).toHaveValue('10.244.0.0/16');
    await expect(page.getByTestId('net.serviceSubnet')).toHaveValue('10.96.0.0/12');
    expect(await errorIds(page)).toEqual([]);
  });

  test('an overlapping Service CIDR is an error inline and on the graph; fix, undo, redo', async ({
    page,
    canvas,
  }) => {
    const field = page.getByTestId('net.serviceSubnet');
    const error = page.getByTestId('net.serviceSubnet.error');
    const services = [
      'svc:default/web',
      'svc:kube-system/kube-dns',
      'svc:shop/cart',
      'svc:shop/frontend',
    ];

    await retype(field, '10.244.0.0/20');
    await expect(error).toContainText('overlaps Pod CIDR 10.244.0.0/16');
    await expect(field).toHaveValue('10.244.0.0/20');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect.poll(() => errorIds(page)).toEqual(expect.arrayContaining(services));

    // Leaving the field keeps the text and the message; the sidebar lists the error too.
    await field.press('Enter');
    await expect(field).not.toBeFocused();
    await expect(field).toHaveValue('10.244.0.0/20');
    await expect(error).toContainText('overlaps Pod CIDR 10.244.0.0/16');
    await expect(page.getByTestId('network.settings-diagnostics')).toContainText('cidr-overlap');
    await expect(page.getByTestId('diagnostics')).toContainText(
      'Service CIDR 10.244.0.0/20 overlaps Pod CIDR 10.244.0.0/16',
    );
    expect(await canvas.classesOf('svc:shop/frontend')).toContain('has-error');
    await page.screenshot({ path: 'docs/screenshot-cidr-error.png' });

    // Fixing it clears the message and the graph.
    await retype(field, '10.96.0.0/16');
    await field.press('Enter');
    await expect(field).toHaveValue('10.96.0.0/16');
    await expect(error).toHaveCount(0);
    await expect(field).toHaveAttribute('aria-invalid', 'false');
    await expect.poll(() => errorIds(page)).toEqual([]);

    // Undo (toolbar) brings the overlapping value back — one step per editing session.
    await page.getByTestId('toolbar.undo').click();
    await expect(field).toHaveValue('10.244.0.0/20');
    await expect(error).toContainText('overlaps Pod CIDR');
    await expect.poll(() => errorIds(page)).toEqual(expect.arrayContaining(services));

    // Ctrl+Z (focus is not in a text field) goes back to the value the page opened with.
    await expect(field).not.toBeFocused();
    await page.keyboard.press('ControlOrMeta+z');
    await expect(field).toHaveValue('10.96.0.0/12');
    await expect(error).toHaveCount(0);
    await expect.poll(() => errorIds(page)).toEqual([]);

    // Redo walks forward again.
    await page.getByTestId('toolbar.redo').click();
    await expect(field).toHaveValue('10.244.0.0/20');
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(field).toHaveValue('10.96.0.0/16');
    await expect(error).toHaveCount(0);
  });

  test('a syntax error stays in the field as typed, with its message, and is not applied', async ({
    page,
  }) => {
    const field = page.getByTestId('net.serviceSubnet');
    const error = page.getByTestId('net.serviceSubnet.error');
    await retype(field, '10.96.0.0/33');
    await expect(error).toContainText('Service CIDR');
    await expect(error).toContainText('prefix length must be 0–32');
    await field.press('Tab');
    await expect(field).not.toBeFocused();
    await expect(field).toHaveValue('10.96.0.0/33');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(error).toContainText('prefix length must be 0–32');
    // "10.96.0.0/3" parsed on the way to "/33"; it must not have become the service range:
    // the cluster still runs on the last value that was accepted, with nothing flagged.
    await expect(page.getByTestId('diagnostics.errors')).toHaveText('0 ⚠');
    expect(await errorIds(page)).toEqual([]);
    expect(await serviceSubnetInStore(page)).toBe('10.96.0.0/12');

    // Correcting the typo applies it.
    await field.click();
    await field.press('End');
    await field.press('Backspace');
    await field.press('Backspace');
    await field.pressSequentially('16');
    await field.press('Enter');
    await expect(field).toHaveValue('10.96.0.0/16');
    await expect(error).toHaveCount(0);
    expect(await serviceSubnetInStore(page)).toBe('10.96.0.0/16');
  });

  test('the open walk re-runs on an overlapping plan and shows the consequence at the hop', async ({
    page,
  }) => {
    const trace = new TracePanel(page);
    await trace.walk('pod/default/client', 'pod/shop/frontend-2', { port: 8080 });
    await expect(trace.verdict).toHaveAttribute('data-verdict', 'delivered');

    // The classic mistake: a 192.168.0.0/16 pod network on the 192.168.1.0/24 LAN. With the
    // node ranges on auto, node-2 is given 192.168.1.0/24 — the node network itself.
    await page.getByTestId('tab.network').click();
    for (const n of ['node-1', 'node-2']) await page.getByTestId(`network.node.${n}.pin`).uncheck();
    const field = page.getByTestId('net.podSubnet');
    await retype(field, '192.168.0.0/16');
    await field.press('Enter');
    await expect(page.getByTestId('net.subnet.0.cidr.error')).toContainText(
      'Node network 192.168.1.0/24 overlaps Pod CIDR 192.168.0.0/16',
    );

    // The walk the user had open ran again on the new plan: node-1's connected eth0 route
    // takes the pod's address, and its ARP on the node network goes unanswered.
    await page.getByTestId('tab.trace').click();
    await expect(trace.verdict).toHaveAttribute('data-verdict', 'unreachable');
    const hops = await trace.hops();
    const route = hops.filter((h) => h.kind === 'route' && h.direction === 'request').at(-1)!;
    await trace.select(route.index);
    await expect(trace.rule).toContainText('192.168.1.0/24 dev eth0 proto kernel scope link');
    await expect(trace.detail).toContainText('Address-plan overlap');
    await expect(trace.detail).toContainText(
      'was never installed (RTNETLINK answers: File exists)',
    );
    await trace.selectKind('drop');
    await expect(trace.detail).toContainText('belongs to pod shop/frontend-2');
    await page.screenshot({ path: 'docs/screenshot-overlap-walk.png' });

    // node-1's inspector lists the route the CNI could not add.
    await page.getByTestId('element-list.item.node:node-1').click();
    await page.getByTestId('tab.inspector').click();
    await expect(page.getByTestId('inspector.node.rejectedRoutes')).toContainText(
      'ip route add 192.168.1.0/24 via 192.168.1.12 dev eth0',
    );
  });
});
