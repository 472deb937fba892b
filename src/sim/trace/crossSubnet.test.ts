/**
 * Nodes on two subnets joined by a router: what each datapath does with pod traffic between them
 * — host-gw routes refused by the kernel and the walk lost at the router, cloud routes on the
 * router, VXLAN's outer header routed through the gateway — and node-to-node traffic through the
 * router in every mode.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { ids } from '../model/ids';
import type { CniMode, Scenario } from '../model/scenario';
import { node, pod, scenario } from '../test/builders';

import { withMode, requestHops, steps } from './testkit';
import { trace } from './tracer';

const TWO_SUBNETS: Scenario = scenario({
  cluster: {
    nodeNetwork: [{ cidr: '192.168.1.0/24' }, { cidr: '192.168.2.0/24', gateway: '192.168.2.254' }],
  },
  nodes: [
    node('node-1', '192.168.1.11', '10.244.1.0/24'),
    node('node-2', '192.168.1.12', '10.244.2.0/24'),
    node('node-3', '192.168.2.11', '10.244.3.0/24'),
  ],
  pods: [
    pod('client', 'node-1'),
    pod('web-2', 'node-2', { ports: [80] }),
    pod('web-3', 'node-3', { ports: [80] }),
  ],
});

const walk = (mode: CniMode, to: string, from = 'default/client', port = 80) =>
  trace(deriveCluster(withMode(TWO_SUBNETS, mode)), { from, to, port });

describe('the node network as two subnets', () => {
  const c = deriveCluster(TWO_SUBNETS);

  it("gives each node its subnet's prefix and a default route via its own gateway", () => {
    const n3 = c.nodeByName.get('node-3');
    expect(n3?.eth0.addrs).toEqual([{ ip: '192.168.2.11', prefix: 24 }]);
    expect(n3?.routes.map((r) => r.text)).toEqual([
      'default via 192.168.2.254 dev eth0 proto static',
      '10.244.3.0/24 dev cni0 proto kernel scope link src 10.244.3.1',
      '192.168.2.0/24 dev eth0 proto kernel scope link src 192.168.2.11',
    ]);
    expect(c.subnets.map((s) => [s.cidrs, s.gateways, s.nodes])).toEqual([
      [['192.168.1.0/24'], ['192.168.1.1'], ['node-1', 'node-2']],
      [['192.168.2.0/24'], ['192.168.2.254'], ['node-3']],
    ]);
    expect(c.nodeByName.get('node-1')?.subnet).toBe(ids.subnet('192.168.1.0/24'));
  });

  it('routes: the kernel refuses host-gw routes to a node on another subnet, keeps same-subnet ones', () => {
    const n1 = c.nodeByName.get('node-1');
    expect(n1?.routes.map((r) => r.text)).toContain('10.244.2.0/24 via 192.168.1.12 dev eth0');
    expect(n1?.rejectedRoutes).toEqual([
      expect.objectContaining({
        route: expect.objectContaining({ text: '10.244.3.0/24 via 192.168.2.11 dev eth0' }),
        error: 'Error: Nexthop has invalid gateway.',
      }),
    ]);
  });

  it('routes: pod traffic to the other subnet follows the default route and dies at the router', () => {
    const t = walk('routes', 'default/web-3');
    expect(t.verdict).toBe('unreachable');
    const hops = requestHops(t);
    const route = hops.find(
      (h) => h.kind === 'route' && h.node === 'node-1' && h.rule?.source === 'ip route',
    );
    expect(route?.rule?.text).toBe('default via 192.168.1.1 dev eth0 proto static');
    expect(route?.explain).toMatch(/Nexthop has invalid gateway/);
    const drop = hops.at(-1);
    expect(drop).toMatchObject({ kind: 'drop', at: ids.router() });
    expect(drop?.explain).toMatch(/host-gw routes only work between nodes on one subnet/);
    expect(t.reason).toMatch(/refused \(next hop on another subnet\)/);
    // On one subnet nothing changes.
    expect(walk('routes', 'default/web-2').verdict).toBe('delivered');
  });

  it('cloud-routes: the router holds each pod range and forwards to the node, both ways', () => {
    const t = walk('cloud-routes', 'default/web-3');
    expect(t.verdict).toBe('delivered');
    const router = t.hops.filter((h) => h.at === ids.router());
    expect(router.map((h) => [h.direction, h.rule?.text])).toEqual([
      ['request', '10.244.3.0/24 via 192.168.2.11'],
      ['reply', '10.244.1.0/24 via 192.168.1.11'],
    ]);
    expect(router[0]?.explain).toMatch(/cloud-routes/);
    expect(
      deriveCluster(withMode(TWO_SUBNETS, 'cloud-routes'))
        .nodeByName.get('node-1')
        ?.routes.map((r) => r.dst),
    ).toEqual(['default', '10.244.1.0/24', '192.168.1.0/24']);
    // Same subnet too: the cloud route table applies to every node.
    expect(walk('cloud-routes', 'default/web-2').hops.some((h) => h.at === ids.router())).toBe(
      true,
    );
  });

  it('vxlan: the outer header is routed via the gateway and the router; the inner packet is untouched', () => {
    const t = walk('vxlan', 'default/web-3');
    expect(t.verdict).toBe('delivered');
    const hops = requestHops(t);
    expect(steps(hops).slice(4, 11)).toEqual([
      '→:route:node-1',
      '→:encap:node-1',
      '→:route:node-1',
      '→:wire:node-1',
      '→:route:node-1',
      '→:wire:node-3',
      '→:decap:node-3',
    ]);
    const outer = hops.find((h) => h.title?.startsWith('outer header'));
    expect(outer?.rule?.text).toBe('default via 192.168.1.1 dev eth0 proto static');
    const atRouter = hops.find((h) => h.at === ids.router());
    expect(atRouter?.packet.outer).toMatchObject({
      srcIP: '192.168.1.11',
      dstIP: '192.168.2.11',
      dstPort: 8472,
      ttl: 63,
    });
    expect(atRouter?.packet.dstIP).toMatch(/^10\.244\.3\./);
    // The router's connected route to node-3's subnet, as its own table prints it (net1: subnet 2).
    expect(atRouter?.rule?.text).toBe(
      '192.168.2.0/24 dev net1 proto kernel scope link src 192.168.2.254',
    );
  });

  it.each(['routes', 'vxlan', 'cloud-routes'] as const)(
    '%s: node to node across subnets goes through the router',
    (mode) => {
      const t = walk(mode, 'node/node-3', 'node/node-1', 10250); // kubelet
      expect(t.verdict).toBe('delivered');
      expect(t.hops.filter((h) => h.at === ids.router()).map((h) => h.direction)).toEqual([
        'request',
        'reply',
      ]);
    },
  );
});
