/**
 * A reply that cannot come back (issue 16), as a user meets it: export the scenario, turn the
 * CNI's masquerade off, import it again, and walk a pod to a host outside the cluster. The kernel
 * times out (the outside host has no route to the pod network); the walk is dropped at the reply
 * hop, which says why and what fixes it.
 */
import { readFileSync } from 'node:fs';

import { expect, test } from '../fixtures';
import { TracePanel } from '../pages/TracePanel';

test('pod → outside host with masquerade off: the walk dies on the reply, at the router', async ({
  page,
  canvas,
}) => {
  await page.goto('/');
  await canvas.ready();
  const trace = new TracePanel(page);

  // With masquerade (the default) the answer comes back.
  await trace.walk('pod/default/client', '203.0.113.5', { port: 443 });
  await expect(trace.verdict).toHaveAttribute('data-verdict', 'delivered');

  // Export the scenario, edit it as a file, import it again.
  await page.getByTestId('toolbar.export').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export.scenario').click(),
  ]);
  const scenario = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
    cluster: { cni?: { masquerade?: boolean } };
  };
  // The file leaves out what is at its default (masquerade on).
  expect(scenario.cluster.cni?.masquerade ?? true).toBe(true);
  scenario.cluster.cni = { ...scenario.cluster.cni, masquerade: false };
  await page.getByTestId('toolbar.import').click();
  await page.getByTestId('import.text').fill(JSON.stringify(scenario));
  await expect(page.getByTestId('import.status')).toContainText('pods');
  await page.getByTestId('import.open').click();

  await trace.walk('pod/default/client', '203.0.113.5', { port: 443 });
  await expect(trace.verdict).toHaveAttribute('data-verdict', 'dropped');
  const hops = await trace.hops();
  const request = hops.filter((h) => h.direction === 'request');
  const last = hops.at(-1)!;
  // The request is delivered with the pod's own address; the answer is lost on its way back.
  expect(request.at(-1)?.kind).toBe('deliver');
  expect(last).toMatchObject({ direction: 'reply', kind: 'drop' });
  await trace.select(last.index);
  expect(await trace.fields()).toMatchObject({ src: '203.0.113.5', dst: '10.244.1.2' });
  await expect(trace.detail).toContainText('no route to the cluster');
  await expect(trace.detail).toContainText('cni.masquerade: true');
  await page.screenshot({ path: 'test-results/reply-path-drop.png' });
});
