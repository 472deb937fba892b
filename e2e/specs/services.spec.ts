/**
 * Services: a ClusterIP walk is DNATed by kube-proxy's rules and un-NATed on the way back; the
 * node's iptables-save highlights the rules the walk matched; a NodePort's
 * externalTrafficPolicy decides whether the server sees the outside client's address.
 */
import type { Page } from '@playwright/test';

import { expect, test } from '../fixtures';
import { openPreset } from '../pages/presets';
import { TracePanel } from '../pages/TracePanel';

const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ClusterIP as the element list shows it next to the Service. */
async function clusterIpOf(page: Page, svc: string): Promise<string> {
  const text = await page.getByTestId(`element-list.item.svc:${svc}`).innerText();
  const ip = IPV4.exec(text)?.[0];
  expect(ip, `a ClusterIP in "${text}"`).toBeDefined();
  return ip!;
}

/** Runs client → frontend Service and follows one of kube-proxy's endpoints. */
async function walkToFrontend(page: Page, trace: TracePanel, endpoint: string): Promise<void> {
  await trace.walk('pod/default/client', 'svc/shop/frontend');
  const candidates = page.getByTestId('trace.candidates');
  await expect(candidates).toContainText('10.244.1.3:8080');
  await expect(candidates).toContainText('10.244.2.2:8080');
  await candidates.getByRole('button', { name: new RegExp(`^${escape(endpoint)}`) }).click();
  await expect(trace.verdict).toHaveAttribute('data-verdict', 'delivered');
}

/** Highlighted lines of the node inspector's iptables-save block. */
const highlighted = (page: Page) =>
  page.getByTestId('inspector.node.iptables').locator('[class*="bg-amber-200"]');

test.describe('Services', () => {
  const endpoints = [
    { endpoint: '10.244.2.2:8080', where: 'on the other node' },
    { endpoint: '10.244.1.3:8080', where: "on the client's own node" },
  ];
  for (const { endpoint, where } of endpoints) {
    test(`pod → ClusterIP: DNAT to an endpoint ${where}, un-NAT on the reply`, async ({
      page,
      canvas,
    }) => {
      await page.goto('/');
      await canvas.ready();
      const trace = new TracePanel(page);
      const vip = await clusterIpOf(page, 'shop/frontend');
      await walkToFrontend(page, trace, endpoint);
      await expect(trace.detail).toHaveCount(1); // hop 1 is current: the list shows its detail

      // The request: kube-proxy's KUBE-SEP rule rewrites the ClusterIP to the endpoint.
      const dnat = await trace.selectKind('dnat', { direction: 'request' });
      expect(dnat.text).toContain(`${vip}:80`);
      expect(dnat.text).toContain(endpoint);
      await expect(trace.rule).toContainText(`-j DNAT --to-destination ${endpoint}`);
      expect(await trace.fields()).toMatchObject({
        dst: endpoint.split(':')[0],
        dport: endpoint.split(':')[1],
      });
      const request = (await trace.hops()).filter((h) => h.direction === 'request');
      expect(request.at(-1)?.kind).toBe('deliver');

      // The reply: conntrack rewrites the endpoint's address back to the ClusterIP.
      const unnat = await trace.selectKind('unnat', { direction: 'reply' });
      expect(unnat.text).toContain(endpoint);
      expect(unnat.text).toContain(`${vip}:80`);
      await expect(trace.detail).toContainText('conntrack');
      expect(await trace.fields()).toMatchObject({ src: vip, sport: '80' });

      // What the client socket finally receives comes from the address it connected to.
      const hops = await trace.hops();
      const last = hops.at(-1)!;
      expect(last).toMatchObject({ kind: 'deliver', direction: 'reply' });
      await trace.select(last.index);
      expect(await trace.fields()).toMatchObject({ src: vip, sport: '80', dst: '10.244.1.2' });

      if (where === 'on the other node') {
        await trace.select(dnat.index);
        expect(await canvas.classesOf('node:node-1/iptables')).toContain('is-current');
        await page.screenshot({ path: 'docs/screenshot-service-walk.png' });
      }
    });
  }

  test("a Service's inspector lists its chains on the node picked", async ({ page, canvas }) => {
    await page.goto('/');
    await canvas.ready();
    await page.getByTestId('element-list.item.svc:shop/frontend').click();
    const chains = page.getByTestId('inspector.service.chains');
    await expect(chains).toContainText('KUBE-SVC-');
    await expect(chains).toContainText('-j DNAT --to-destination 10.244.2.2:8080');
    const picker = page.getByTestId('svc.chains.node');
    await expect(picker).toHaveValue('node-1');
    await picker.selectOption('node-2');
    await expect(picker).toHaveValue('node-2');
    await expect(chains).toContainText('KUBE-SVC-');
  });

  test("the node's iptables-save highlights the rules the walk matched", async ({
    page,
    canvas,
  }) => {
    await page.goto('/');
    await canvas.ready();
    const trace = new TracePanel(page);
    const vip = await clusterIpOf(page, 'shop/frontend');
    await walkToFrontend(page, trace, '10.244.2.2:8080');

    // At the first hop nothing has reached netfilter yet: nothing is highlighted.
    await trace.select(0);
    await page.getByTestId('element-list.item.node:node-1').click();
    await page.getByTestId('tab.inspector').click();
    await expect(page.getByTestId('inspector.title')).toHaveText('node-1');
    await expect(page.getByTestId('inspector.node.iptables')).toContainText('*nat');
    await expect(highlighted(page)).toHaveCount(0);

    // At the end of the walk, the nat rules of the DNAT on node-1 are highlighted.
    await page.getByTestId('tab.trace').click();
    const hops = await trace.hops();
    await trace.select(hops.at(-1)!.index);
    await page.getByTestId('tab.inspector').click();
    const note = page.getByText(/rule\(s\) matched by the current walk are highlighted/);
    await expect(note).toBeVisible();
    const count = Number(/(\d+) rule/.exec(await note.innerText())?.[1]);
    expect(count).toBeGreaterThan(0);
    await expect(highlighted(page)).toHaveCount(count);
    const lines = await highlighted(page).allInnerTexts();
    expect(lines.some((l) => l.includes('KUBE-SVC-'))).toBe(true);
    expect(lines.some((l) => l.includes('-j KUBE-SERVICES'))).toBe(true);
    expect(lines.some((l) => l.includes(`-d ${vip}`) && l.includes('--dport 80'))).toBe(true);
    expect(lines.some((l) => l.includes('-j DNAT --to-destination 10.244.2.2:8080'))).toBe(true);
    // The endpoint not taken is not highlighted.
    expect(lines.some((l) => l.includes('10.244.1.3:8080'))).toBe(false);

    // "KUBE-* only" keeps kube-proxy's chains and the matched rules: still all highlighted.
    await page.getByLabel('KUBE-* only').check();
    await expect(highlighted(page)).toHaveCount(count);
    // Bring the section to the top of the panel and the matched DNAT rule to the top of the block.
    await page.getByText(/^iptables-save · IPv4$/i).evaluate((el) => el.scrollIntoView());
    await highlighted(page)
      .filter({ hasText: '-j DNAT' })
      .evaluate((line: HTMLElement) => {
        const pre = line.parentElement!;
        pre.scrollTop = line.offsetTop - pre.offsetTop - 4 * line.offsetHeight;
      });
    await page.screenshot({ path: 'docs/screenshot-iptables.png' });
  });

  test('NodePort from outside: externalTrafficPolicy Cluster masquerades, Local keeps the client IP', async ({
    page,
    canvas,
  }) => {
    const trace = await openPreset(page, canvas, 'external-nodeport');

    /** The request's deliver hop: what the server sees as the source. */
    const serverSees = async (): Promise<string> => {
      await page.getByTestId('tab.trace').click();
      await expect(trace.verdict).toHaveAttribute('data-verdict', 'delivered');
      await trace.selectKind('deliver', { direction: 'request' });
      return (await trace.fields()).src ?? '';
    };
    const setEtp = async (policy: 'Cluster' | 'Local') => {
      await page.getByTestId('element-list.item.svc:default/web').click();
      await page.getByTestId('tab.inspector').click();
      await expect(page.getByTestId('inspector.title')).toHaveText('default/web');
      await page.getByTestId('svc.etp').selectOption(policy);
      await expect(page.getByTestId('inspector.service.fields')).toContainText(
        `external ${policy}`,
      );
    };

    // The preset: the client enters node-2, which has no web pod: DNAT, then MASQUERADE.
    await expect(page.getByTestId('walk.from')).toHaveValue('203.0.113.25');
    expect(await serverSees()).toBe('192.168.1.12');
    await expect(trace.detail).toContainText('sees the client as 192.168.1.12');
    await expect(page.getByTestId('trace.candidates')).toContainText('masqueraded');
    expect((await trace.hops()).map((h) => h.kind)).toContain('snat');

    // Entering node-1, where the pod runs: still masqueraded under Cluster (to cni0's address).
    await trace.walk('203.0.113.25', '192.168.1.11', { port: 30080, node: 'node-1' });
    expect(await serverSees()).toBe('10.244.1.1');
    expect((await trace.hops()).map((h) => h.kind)).toContain('snat');

    // externalTrafficPolicy: Local — no masquerade: the server sees the real client.
    await setEtp('Local');
    expect(await serverSees()).toBe('203.0.113.25');
    await expect(trace.detail).toContainText('sees the client as 203.0.113.25');
    const local = await trace.hops();
    expect(local.map((h) => h.kind)).toContain('dnat');
    expect(local.map((h) => h.kind)).not.toContain('snat');
    await expect(page.getByTestId('trace.candidates')).not.toContainText('masqueraded');

    // …and a node without a local endpoint drops external traffic instead of forwarding it.
    await trace.walk('203.0.113.25', '192.168.1.12', { port: 30080, node: 'node-2' });
    await expect(trace.verdict).toHaveAttribute('data-verdict', 'dropped');
    await expect(page.getByTestId('trace.reason')).toContainText('no local endpoints');

    // Back to Cluster: node-1 masquerades again.
    await trace.walk('203.0.113.25', '192.168.1.11', { port: 30080, node: 'node-1' });
    await setEtp('Cluster');
    expect(await serverSees()).toBe('10.244.1.1');
  });

  test('LoadBalancer preset with externalTrafficPolicy Local delivers with the client IP', async ({
    page,
    canvas,
  }) => {
    const trace = await openPreset(page, canvas, 'external-loadbalancer-local');
    const hops = await trace.hops();
    expect(hops.map((h) => h.kind)).toContain('dnat');
    expect(hops.map((h) => h.kind)).not.toContain('snat');
    await trace.selectKind('deliver', { direction: 'request' });
    expect(await trace.fields()).toMatchObject({ src: '198.51.100.7' });
    await expect(trace.detail).toContainText('sees the client as 198.51.100.7');

    // The walk passes the load balancer drawn on the graph, and says how it picks a node.
    const lb = hops.find((h) => h.kind === 'wire' && h.text.includes('load balancer'));
    expect(lb, hops.map((h) => h.text).join('\n')).toBeDefined();
    await trace.select(lb!.index);
    await expect(trace.detail).toContainText('health check');
    expect(await canvas.classesOf('lb:ingress/ingress-nginx')).toContain('is-current');
    await page.screenshot({ path: 'docs/screenshot-lb-walk.png' });
  });
});
