/**
 * Cilium in the Network tab's CNI choice (issue 15): the default cluster switched to Cilium VXLAN
 * with kube-proxy replacement — the datapath loads on demand, the graph, the facts and the walk
 * follow; a pod's walk to a Service is translated at connect() in the pod's socket (no DNAT hop on
 * the node); switching back to flannel brings cni0 and kube-proxy's DNAT back and leaves no
 * configuration warning behind.
 */
import { expectAccessible } from '../fixtures/axe';
import { expect, test } from '../fixtures';
import { TracePanel } from '../pages/TracePanel';

test('switch the default cluster to Cilium with kube-proxy replacement and walk a pod to a Service, then back to flannel', async ({
  page,
  canvas,
}) => {
  // Two datapath switches, two walks and an axe run: room on a loaded CI machine (no timed assertion).
  test.slow();
  await page.goto('/');
  await canvas.ready();
  const warnings = page.getByTestId('diagnostics.warnings');
  await expect(warnings).not.toHaveText(/…/);
  const warningsBefore = await warnings.textContent();

  await page.getByTestId('tab.network').click();
  await page.getByTestId('net.cni.cilium-vxlan-kpr').check();
  const profile = page.getByTestId('net.cni.profile');
  await expect(profile).toContainText('Cilium VXLAN + kube-proxy replacement');
  await expect(profile).toContainText('UDP 8472');
  await expect(page.getByTestId('net.cni.services')).toContainText(
    'at connect() in the pod’s socket',
  );
  // the graph follows: Cilium's tunnel device on each node, no cni0 bridge
  await expect
    .poll(() => canvas.idsOfKind('vxlan'))
    .toEqual(expect.arrayContaining(['node:node-1/cilium_vxlan', 'node:node-2/cilium_vxlan']));
  expect(await canvas.idsOfKind('vxlan')).not.toContain('node:node-1/flannel.1');
  await expectAccessible(page, 'the Network tab with Cilium chosen', {
    include: '[data-testid="net.cni"]',
  });
  await page.screenshot({ path: 'test-results/screens/cilium-network.png' });
  await page.getByTestId('net.cni').screenshot({ path: 'docs/screenshot-cilium-choice.png' });

  const trace = new TracePanel(page);
  await trace.walk('pod/default/client', 'svc/default/web', { port: 80 });
  await expect(trace.verdict).toHaveAttribute('data-verdict', 'delivered');
  const request = (await trace.hops()).filter((h) => h.direction === 'request');
  // the translation comes before the packet leaves the pod: send, socket LB, then the pod's route
  expect(request.slice(0, 3).map((h) => h.kind)).toEqual(['send', 'dnat', 'route']);
  expect(request.filter((h) => h.kind === 'dnat' || h.kind === 'netfilter')).toHaveLength(1);
  expect(request.map((h) => h.text).join(' ')).not.toContain('KUBE-');
  expect(request.some((h) => h.kind === 'encap')).toBe(true);
  await trace.selectKind('dnat');
  await expect(trace.detail).toContainText('connect()');
  await expect(trace.detail).toContainText("inside the pod's (default/client) socket");
  await expect(trace.detail).toContainText('cil_sock4_connect');
  await expect(trace.rule).toContainText('ClusterIP → 10.244.');
  await page.screenshot({ path: 'test-results/screens/cilium-choice-walk.png' });

  // back to flannel host-gw: cni0 and kube-proxy's DNAT on the node come back, no stray config
  await page.getByTestId('tab.network').click();
  await page.getByTestId('net.cni.routes').check();
  await expect(profile).toContainText('flannel host-gw');
  await expect.poll(() => canvas.idsOfKind('vxlan')).toEqual([]);
  await expect(warnings).toHaveText(warningsBefore ?? '');
  await page.getByTestId('tab.trace').click();
  await trace.selectKind('dnat');
  await expect(trace.rule).toContainText('KUBE-SEP-');
  const after = (await trace.hops()).filter((h) => h.direction === 'request');
  expect(after.findIndex((h) => h.kind === 'dnat')).toBeGreaterThan(3);
});
