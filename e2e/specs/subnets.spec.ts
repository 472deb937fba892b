/**
 * Nodes across subnets and zones (issue 11), as a user builds them in the Network tab: a second
 * node subnet with node-2 moved onto it — host-gw routes (CNI mode routes) lose the walk at the
 * router, with the kernel's reason; VXLAN delivers it through the router — and a zone walk whose
 * DNAT hop explains the topology-aware choice, changing when a node's zone is edited.
 */
import type { Locator } from '@playwright/test';

import { expect, test } from '../fixtures';
import { openPreset } from '../pages/presets';
import { TracePanel } from '../pages/TracePanel';

/** Replaces a field's text in one input event (each keystroke would be an edit), then Enter. */
async function retype(field: Locator, text: string): Promise<void> {
  await field.fill(text);
  await field.press('Enter');
}

test.describe('nodes across subnets and zones', () => {
  // Several edits, each re-deriving the cluster and re-running the walk: slow on a loaded machine.
  test.setTimeout(120_000);

  test('two subnets: host-gw routes die at the router, VXLAN crosses it', async ({
    page,
    canvas,
  }) => {
    await page.goto('/');
    await canvas.ready();
    const trace = new TracePanel(page);
    await trace.walk('pod/default/client', 'pod/shop/frontend-2', { port: 8080 });
    await expect(trace.verdict).toHaveAttribute('data-verdict', 'delivered');

    // A second subnet, and node-2 moved onto it.
    await page.getByTestId('tab.network').click();
    await page.getByTestId('net.subnet.add').click();
    await retype(page.getByTestId('net.subnet.1.cidr'), '192.168.2.0/24');
    await retype(page.getByTestId('net.node.1.ip'), '192.168.2.12');
    await expect(page.getByTestId('net.subnet.1')).toContainText('node-2');
    await expect(page.getByTestId('net.subnet.0')).toContainText('node-1');
    // Each subnet is its own bus on the graph, both joined by the router.
    await expect
      .poll(() =>
        page.evaluate(() =>
          ['net:nodes/192.168.1.0/24', 'net:nodes/192.168.2.0/24'].map(
            (id) => window.__explorer!.cy!.getElementById(id).length,
          ),
        ),
      )
      .toEqual([1, 1]);
    // validate says the plan relies on host-gw routes between subnets.
    await expect(page.getByTestId('diagnostics')).toContainText('Nexthop has invalid gateway');

    // The open walk re-ran: node-1's route to node-2's pods was refused, the packet followed
    // the default route and the router, holding no pod routes, dropped it.
    await page.getByTestId('tab.trace').click();
    await expect(trace.verdict).toHaveAttribute('data-verdict', 'unreachable');
    await expect(page.getByTestId('trace.reason')).toContainText(
      'refused (next hop on another subnet)',
    );
    const drop = await trace.selectKind('drop');
    expect(drop.direction).toBe('request');
    await expect(trace.detail).toContainText(
      'host-gw routes only work between nodes on one subnet',
    );
    await page.screenshot({ path: 'docs/screenshot-two-subnets-drop.png' });

    // VXLAN: the outer header is ordinary node traffic, routed through the router.
    await page.getByTestId('tab.network').click();
    await page.getByTestId('net.cni.vxlan').check();
    await page.getByTestId('tab.trace').click();
    await expect(trace.verdict).toHaveAttribute('data-verdict', 'delivered');
    const hops = await trace.hops();
    expect(hops.filter((h) => h.direction === 'request').map((h) => h.kind)).toEqual(
      expect.arrayContaining(['encap', 'decap']),
    );
    const atRouter = hops.find(
      (h) => h.direction === 'request' && h.text.includes('router: 192.168.2.12 is on'),
    );
    expect(atRouter, hops.map((h) => h.text).join('\n')).toBeDefined();
    await trace.select(atRouter!.index);
    // The router forwards the outer packet (node to node, UDP 8472) between the subnets.
    await expect(trace.detail).toContainText('the router joins the subnets');
    await page.screenshot({ path: 'docs/screenshot-two-subnets-vxlan.png' });
  });

  test('zones: the DNAT hop explains the topology-aware choice; editing a zone changes it', async ({
    page,
    canvas,
  }) => {
    const trace = await openPreset(page, canvas, 'zones-topology');
    const candidates = page.getByTestId('trace.candidates');
    await expect(candidates).toContainText('10.244.1.3:8080');
    await expect(candidates).toContainText('10.244.2.2:8080');
    await expect(candidates).not.toContainText('10.244.3.2:8080');
    await trace.selectKind('dnat', { direction: 'request' });
    await expect(trace.detail).toContainText(
      'node-1 is in zone-a; endpoints hinted for zone-a: 10.244.1.3:8080, 10.244.2.2:8080',
    );
    // The graph groups the nodes by zone: node-1 and node-2 in zone-a's box, node-3 in zone-b's.
    await expect
      .poll(() =>
        page.evaluate(() =>
          ['node-1', 'node-2', 'node-3'].map((n) =>
            window.__explorer!.cy!.getElementById(`node:${n}`).parent().data('label'),
          ),
        ),
      )
      .toEqual(['zone zone-a', 'zone zone-a', 'zone zone-b']);
    await page.screenshot({ path: 'docs/screenshot-zones.png' });

    // node-2 moves to zone-b: kube-proxy on node-1 keeps only the zone-a endpoint left.
    await page.getByTestId('tab.network').click();
    await retype(page.getByTestId('net.node.1.zone'), 'zone-b');
    await page.getByTestId('tab.trace').click();
    await expect(candidates).not.toContainText('10.244.2.2:8080');
    await trace.selectKind('dnat', { direction: 'request' });
    await expect(trace.detail).toContainText('endpoints hinted for zone-a: 10.244.1.3:8080');
  });
});
