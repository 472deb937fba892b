/**
 * Cilium with kube-proxy replacement (issue 15): the preset switches the cluster to Cilium (its
 * datapath loads on demand) and walks a pod to a Service — the translation happens at connect()
 * in the pod's socket, before any packet exists, and no node has kube-proxy rules.
 */
import { expect, test } from '../fixtures';
import { openPreset } from '../pages/presets';

test('Cilium with kube-proxy replacement: a pod to a Service is translated in the pod’s socket', async ({
  page,
  canvas,
}) => {
  const trace = await openPreset(page, canvas, 'cilium-kube-proxy-replacement');
  const hops = await trace.hops();
  const kinds = hops.filter((h) => h.direction === 'request').map((h) => h.kind);
  // send, the socket's translation, then the pod's route: the DNAT comes before the packet leaves.
  expect(kinds.slice(0, 3)).toEqual(['send', 'dnat', 'route']);
  expect(kinds).toContain('encap');
  expect(kinds.filter((k) => k === 'dnat' || k === 'netfilter')).toHaveLength(1);
  await trace.selectKind('dnat');
  await expect(trace.detail).toContainText('connect()');
  await expect(trace.detail).toContainText("inside the pod's (default/client) socket");
  await expect(trace.detail).toContainText('cil_sock4_connect');
  await expect(trace.rule).toContainText('ClusterIP → 10.244.1.');
  await expect(page.getByTestId('trace.hop.detail')).toContainText('10.96.41.7');
  // No kube-proxy anywhere: Cilium's load balancer picked the endpoint, no iptables/nftables
  // modes to compare, the node's netfilter box and the legend say so.
  await expect(page.getByTestId('trace.candidates')).toContainText("Cilium's eBPF load balancer");
  await expect(page.getByTestId('trace.candidates')).not.toContainText('kube-proxy');
  await expect(page.getByTestId('trace.compare')).toHaveCount(0);
  expect(
    await page.evaluate(() =>
      window.__explorer!.cy!.getElementById('node:node-1/iptables').data('label'),
    ),
  ).toBe('iptables\nno kube-proxy');
  // The legend names Cilium's objects.
  await page.getByTestId('legend').getByRole('button').click();
  await expect(page.getByTestId('legend.cni')).toContainText('cilium_host');
  await expect(page.getByTestId('legend')).toContainText('no kube-proxy');
  await page.getByTestId('legend').getByRole('button').click();
  await page.screenshot({ path: 'docs/screenshot-cilium-kpr.png' });
});
