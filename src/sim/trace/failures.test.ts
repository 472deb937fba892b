/**
 * Walks that fail end as a verdict with a reason — never as an exception: no route, an address
 * nobody owns, a routing loop (TTL), refused ports, a Service without endpoints, a pod on a
 * missing node, and refs that name nothing.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { CniMode, Scenario } from '../model/scenario';
import { node, pod, scenario, service } from '../test/builders';

import { MODES, withMode, steps } from './testkit';
import { trace } from './tracer';
import type { TraceRequest } from './types';

const defaultCluster = (mode: CniMode = 'routes') =>
  deriveCluster(withMode(DEFAULT_SCENARIO, mode));

/**
 * node-2 sits on the node network's first address, 192.168.1.1 — the address every node takes as
 * its default gateway — so node-1's default route leads to node-2, and node-2 has no default
 * route at all (its gateway would be itself).
 */
const gatewayNode = (mode: CniMode): Scenario =>
  scenario({
    cluster: { cni: { mode } },
    nodes: [
      node('node-1', '192.168.1.11', '10.244.1.0/24'),
      node('node-2', '192.168.1.1', '10.244.2.0/24'),
    ],
    pods: [pod('a', 'node-1', { ports: [80] }), pod('b', 'node-2', { ports: [80] })],
  });

describe.each(MODES)('no route (%s)', (mode) => {
  const c = deriveCluster(gatewayNode(mode));

  it('node-2 has no default route: a pod there cannot reach the internet', () => {
    expect(c.nodeByName.get('node-2')?.routes.some((r) => r.dst === 'default')).toBe(false);
    const t = trace(c, { from: 'default/b', to: '8.8.8.8', port: 53, protocol: 'UDP' });
    expect(t.verdict).toBe('unreachable');
    expect(t.reason).toBe('node-2 has no route to 8.8.8.8.');
    expect(steps(t.hops)).toEqual([
      '→:send:node-2',
      '→:route:node-2',
      '→:veth:node-2',
      '→:bridge:node-2',
      '→:drop:node-2',
    ]);
    expect(t.hops.at(-1)?.at).toBe('node:node-2/routes');
  });

  it("node-1's default route hands the packet to node-2, which has none", () => {
    const t = trace(c, { from: 'default/a', to: '8.8.8.8', port: 443 });
    expect(t.verdict).toBe('unreachable');
    expect(t.reason).toBe('node-2 has no route to 8.8.8.8.');
    const route = t.hops.find((h) => h.at === 'node:node-1/routes');
    expect(route?.rule?.text).toBe('default via 192.168.1.1 dev eth0 proto static');
    expect(t.hops.at(-2)).toMatchObject({ kind: 'wire', at: 'node:node-2/eth0' });
  });
});

describe.each(MODES)('unknown destinations (%s)', (mode) => {
  const c = defaultCluster(mode);

  it('an address in the pod network that no node owns dies at the default gateway', () => {
    const t = trace(c, { from: 'default/client', to: '10.244.3.7', port: 80 });
    expect(t.verdict).toBe('unreachable');
    expect(t.reason).toBe(
      "No node owns 10.244.3.7; the node network's router (192.168.1.1) has no route for it.",
    );
    const drop = t.hops.at(-1);
    expect(drop).toMatchObject({ kind: 'drop', at: 'ext:internet', node: 'node-1' });
    expect(t.hops.at(-2)?.rule?.text).toBe('default via 192.168.1.1 dev eth0 proto static');
    // It left node-1's eth0: the frame carries node-1's MAC.
    expect(drop?.packet.srcMAC).toBe(c.nodeByName.get('node-1')?.eth0.mac);
  });

  it("an unused address on the pod's own subnet gets no ARP answer", () => {
    const t = trace(c, { from: 'default/client', to: '10.244.1.99', port: 80 });
    expect(t.verdict).toBe('unreachable');
    expect(t.reason).toBe("No host answers ARP for 10.244.1.99 on node-1's pod subnet.");
    expect(t.hops.at(-1)?.rule?.text).toBe(
      '10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2',
    );
  });

  it("an unused address in another node's range: ARP on that node's cni0 fails", () => {
    const t = trace(c, { from: 'default/client', to: '10.244.2.99', port: 80 });
    expect(t.verdict).toBe('unreachable');
    expect(t.reason).toBe('No pod on node-2 has 10.244.2.99: ARP on cni0 gets no answer.');
    expect(t.hops.at(-1)).toMatchObject({ kind: 'drop', node: 'node-2', at: 'node:node-2/cni0' });
  });

  it('an outside client cannot reach a pod IP without entering through a node', () => {
    const t = trace(c, { from: '203.0.113.9', to: 'shop/frontend-1', port: 8080 });
    expect(t.verdict).toBe('unreachable');
    expect(t.reason).toContain('(give --node)');
    expect(steps(t.hops)).toEqual(['→:send:-', '→:drop:-']);
  });
});

describe('a routing loop ends when the TTL runs out', () => {
  // p and q each route 10.244.0.0/25 to the other: all three ranges share the network address
  // 10.244.0.0, which is also every flannel.1 address, so the VTEP neighbour lookup for the /25's
  // next hop finds the first other node — p sends to q and q back to p.
  const loop = scenario({
    cluster: { cni: { mode: 'vxlan' } },
    nodes: [
      node('p', '192.168.1.11', '10.244.0.0/16'),
      node('q', '192.168.1.12', '10.244.0.0/24'),
      node('r', '192.168.1.13', '10.244.0.0/25'),
    ],
    pods: [pod('x', 'r', { ports: [80], ip: '10.244.0.5' })],
  });
  const c = deriveCluster(loop);
  const t = trace(c, { from: 'node/p', to: '10.244.0.5', port: 80 });

  it('is dropped with a reason, at a drop hop carrying TTL 0', () => {
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toBe('TTL exceeded on p (routing loop).');
    const drop = t.hops.at(-1);
    expect(drop).toMatchObject({ kind: 'drop', node: 'p', at: 'node:p/routes' });
    expect(drop?.packet.ttl).toBe(0);
    expect(drop?.rule?.text).toBe('10.244.0.0/25 via 10.244.0.0 dev flannel.1 onlink');
  });

  it('bounces between p and q, one TTL per forward, never reaching r', () => {
    const routes = t.hops.filter((h) => h.kind === 'route');
    expect(routes.map((h) => h.packet.ttl)).toEqual(Array.from({ length: 64 }, (_, i) => 64 - i));
    expect(new Set(t.hops.map((h) => h.node))).toEqual(new Set(['p', 'q']));
    const encaps = t.hops.filter((h) => h.kind === 'encap').map((h) => h.packet.outer?.dstIP);
    expect(encaps.slice(0, 4)).toEqual([
      '192.168.1.12',
      '192.168.1.11',
      '192.168.1.12',
      '192.168.1.11',
    ]);
  });
});

describe.each(MODES)('refused and rejected (%s)', (mode) => {
  const c = defaultCluster(mode);

  it('a port no container of a pod on another node listens on: RST at the pod', () => {
    const t = trace(c, { from: 'default/client', to: 'shop/frontend-2', port: 9100 });
    expect(t.verdict).toBe('rejected');
    expect(t.reason).toBe(
      'Nothing in shop/frontend-2 listens on TCP port 9100: connection refused.',
    );
    expect(t.hops.at(-1)).toMatchObject({
      kind: 'drop',
      node: 'node-2',
      at: 'pod:shop/frontend-2',
    });
    expect(t.hops.some((h) => h.direction === 'reply')).toBe(false);
  });

  it('a Service without endpoints is rejected by kube-proxy', () => {
    const s = withMode(DEFAULT_SCENARIO, mode);
    const empty = service('shop/empty', { selector: { app: 'nothing' }, ports: [{ port: 80 }] });
    const t = trace(deriveCluster({ ...s, services: [...s.services, empty] }), {
      from: 'default/client',
      to: 'svc/shop/empty',
    });
    expect(t.verdict).toBe('rejected');
    expect(t.reason).toBe('node-1: KUBE-SERVICES rejected it (shop/empty has no endpoints).');
    expect(t.hops.at(-1)?.rule?.text).toMatch(
      /--comment "shop\/empty has no endpoints" .*-j REJECT$/,
    );
    expect(t.candidates).toEqual([]);
  });
});

describe('a pod on a missing node', () => {
  const s: Scenario = {
    ...DEFAULT_SCENARIO,
    pods: [...DEFAULT_SCENARIO.pods, pod('default/lost', 'node-9', { ports: [80] })],
  };
  const c = deriveCluster(s);

  it('as source: unreachable, naming the missing node', () => {
    const t = trace(c, { from: 'default/lost', to: 'shop/frontend-1', port: 8080 });
    expect(t).toEqual({
      verdict: 'unreachable',
      reason: 'default/lost has no IP address (its node "node-9" does not exist)',
      candidates: [],
      masqueraded: false,
      hops: [],
    });
  });

  it('as destination: unreachable, naming the missing node', () => {
    const t = trace(c, { from: 'default/client', to: 'default/lost', port: 80 });
    expect(t.verdict).toBe('unreachable');
    expect(t.reason).toBe('default/lost has no IP address (its node "node-9" does not exist)');
    expect(t.hops).toEqual([]);
  });
});

describe('refs that name nothing: a verdict with the reason, never an exception', () => {
  const c = defaultCluster();
  const cases: readonly [string, TraceRequest, string][] = [
    [
      'a missing pod',
      { from: 'default/nobody', to: 'shop/frontend-1' },
      'from: pod/default/nobody: no pod named "nobody" in namespace default (pods there: client, web)',
    ],
    [
      'a namespace without pods',
      { from: 'default/client', to: 'pod/ghost/x' },
      'to: pod/ghost/x: namespace "ghost" has no pods (namespaces with pods: default, shop, kube-system)',
    ],
    [
      'a missing container',
      { from: 'pod/shop/frontend-1/sidecar', to: 'shop/frontend-2' },
      'from: pod/shop/frontend-1/sidecar: the pod has no container "sidecar" (containers: app, metrics)',
    ],
    [
      'a missing node',
      { from: 'default/client', to: 'node/node-9' },
      'to: node/node-9: no node named "node-9" (nodes: node-1, node-2)',
    ],
    [
      'a missing Service',
      { from: 'default/client', to: 'svc/shop/nope' },
      'to: svc/shop/nope: no Service named "nope" in namespace shop (Services there: frontend, cart)',
    ],
    [
      'a missing workload',
      { from: 'deploy/shop/frontend', to: 'default/web' },
      'from: deploy/shop/frontend: no Deployment named "frontend" in namespace shop',
    ],
    [
      'an unknown entry node',
      { from: '203.0.113.9', to: 'node/node-1', node: 'node-9' },
      '--node node-9: no such node (nodes: node-1, node-2)',
    ],
    [
      'an empty ref',
      { from: ' ', to: 'default/web' },
      'from: empty reference: use pod/NS/NAME, svc/NS/NAME, node/NAME, an IP or a DNS name',
    ],
  ];

  it.each(cases)('%s', (_name, req, reason) => {
    const t = trace(c, req);
    expect(t).toEqual({
      verdict: 'unreachable',
      reason,
      candidates: [],
      masqueraded: false,
      hops: [],
    });
  });

  it('garbage refs', () => {
    for (const ref of ['a/b/c/d/e', '::::', 'svc/x', '%%%', 'pod/', 'node/']) {
      const t = trace(c, { from: ref, to: 'default/web' });
      expect(t.verdict).toBe('unreachable');
      expect(t.reason).toMatch(/^from: /);
    }
  });

  it('a Service or a name is not a source', () => {
    for (const from of ['svc/shop/frontend', 'web.default']) {
      const t = trace(c, { from, to: 'default/web', port: 80 });
      expect(t.verdict).toBe('unreachable');
      expect(t.reason).toBe('A Service or DNS name is not a packet source.');
      expect(t.hops).toEqual([]);
    }
  });
});
