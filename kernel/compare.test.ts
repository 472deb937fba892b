/**
 * The kernel suite's judge and generator, without a kernel: how a lab connection is held against
 * a walk (candidates, the source address and port the server saw, refused ↔ rejected, timeout ↔
 * dropped/unreachable, session affinity), and that the seeded clusters are valid, reproducible
 * and cover every kind of walk the suite promises.
 */
import { describe, expect, it } from 'vitest';

import { DEFAULT_SCENARIO, deriveCluster, trace, validate, type Trace } from '@/sim';

import { judgeAffinity, judgeConnection, type LabResult } from './compare';
import { generateScenario } from './generate';
import { queriesFor } from './queries';

const cluster = deriveCluster(DEFAULT_SCENARIO);
const noMasq = deriveCluster({
  ...DEFAULT_SCENARIO,
  cluster: {
    ...DEFAULT_SCENARIO.cluster,
    cni: { mode: 'routes', masquerade: false },
    kubeProxy: { mode: 'iptables', clusterCIDR: '' },
  },
});
const follow = (c = cluster, from = 'default/client', to = 'svc/shop/frontend', node?: string) => {
  const base = trace(c, { from, to, ...(node ? { node } : {}) });
  const traced = (endpoint: string): Trace | undefined =>
    trace(c, { from, to, endpoint, ...(node ? { node } : {}) });
  return { base, traced };
};
const ok = (endpoint: string, source: string, sport: number): LabResult => ({
  result: 'connected',
  endpoint,
  source,
  sport,
});

describe('judging a connection against the walk', () => {
  const { base, traced } = follow();

  it('agrees when the kernel reached a candidate and the server saw the pod, port unchanged', () => {
    expect(base.candidates).toEqual(['10.244.1.3:8080', '10.244.2.2:8080']);
    expect(
      judgeConnection(base, ok('10.244.2.2:8080', '10.244.1.2:23456', 23456), traced),
    ).toBeUndefined();
  });

  it('disagrees on an endpoint that is not a candidate, another source, or a rewritten port', () => {
    expect(
      judgeConnection(base, ok('10.244.2.9:8080', '10.244.1.2:1', 1), traced)?.message,
    ).toContain('not a candidate');
    expect(
      judgeConnection(base, ok('10.244.2.2:8080', '10.244.1.1:5', 5), traced)?.message,
    ).toContain("the walk's last request hop has srcIP 10.244.1.2");
    expect(
      judgeConnection(base, ok('10.244.2.2:8080', '10.244.1.2:999', 5), traced)?.message,
    ).toContain('the walk keeps the port');
  });

  it('wants a new port where the walk masquerades with --random-fully (retrying a chance match)', () => {
    const nodePort = follow(cluster, '192.168.1.100', 'svc/default/web', 'node-1');
    const seen = nodePort.base.hops.filter((h) => h.direction === 'request').at(-1)?.packet;
    expect(seen?.srcIP).toBe('192.168.1.11');
    const ep = '10.244.2.3:80';
    expect(
      judgeConnection(nodePort.base, ok(ep, '192.168.1.11:4242', 30000), nodePort.traced),
    ).toBeUndefined();
    expect(
      judgeConnection(nodePort.base, ok(ep, '192.168.1.11:30000', 30000), nodePort.traced),
    ).toMatchObject({
      retry: true,
    });
  });

  it('holds refused to a rejected walk and timeout to a dropped or unreachable one', () => {
    const refused: LabResult = { result: 'refused', endpoint: null, source: null, sport: 1 };
    const timeout: LabResult = { result: 'timeout', endpoint: null, source: null, sport: 1 };
    const noListener = follow(cluster, 'default/client', 'shop/frontend-2');
    const nine = trace(cluster, { from: 'default/client', to: 'shop/frontend-2', port: 9 });
    expect(judgeConnection(nine, refused, noListener.traced)).toBeUndefined();
    expect(judgeConnection(nine, timeout, noListener.traced)?.message).toContain(
      'the walk says rejected',
    );
    expect(judgeConnection(base, refused, traced)?.message).toContain('the walk says delivered');
    // Issue 16: an outside client through node-1 to an endpoint on node-2, nothing masquerading.
    const asym = follow(noMasq, '192.168.1.100', '10.104.39.225', 'node-1');
    expect(asym.traced('10.244.2.2:8080')?.verdict).toBe('dropped');
    expect(judgeConnection(asym.base, timeout, asym.traced)).toBeUndefined();
    expect(
      judgeConnection(asym.base, ok('10.244.1.3:8080', '192.168.1.100:7', 7), asym.traced),
    ).toBeUndefined();
  });

  it('checks that session affinity keeps one client on one endpoint', () => {
    expect(judgeAffinity([ok('a:1', 's:1', 1), ok('a:1', 's:2', 2)])).toBeUndefined();
    expect(judgeAffinity([ok('a:1', 's:1', 1), ok('b:1', 's:2', 2)])?.message).toContain(
      'a:1 and b:1',
    );
  });
});

describe('generated clusters', () => {
  const seeds = Array.from({ length: 50 }, (_, i) => i + 1);
  const all = seeds.map((s) => generateScenario(s));

  it('are reproducible and valid', () => {
    expect(generateScenario(7)).toEqual(generateScenario(7));
    expect(generateScenario(7)).not.toEqual(generateScenario(8));
    for (const g of all)
      expect(validate(g.scenario).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('cover every kind of walk, datapath and masquerade setting the suite promises', () => {
    const clusters = all.map((g) => ({ g, c: deriveCluster(g.scenario) }));
    const kinds = new Set(
      clusters.flatMap(({ g, c }, i) => queriesFor(c, g.clientIp, i + 1).map((q) => q.kind)),
    );
    expect([...kinds].sort()).toEqual([
      'hairpin',
      'no listener',
      'node→127.0.0.1:NodePort',
      'node→ClusterIP',
      'node→remote pod',
      'outside→ClusterIP via node',
      'outside→NodePort (Cluster, local endpoint)',
      'outside→NodePort (Cluster, no local endpoint)',
      'outside→NodePort (Local, local endpoint)',
      'outside→NodePort (Local, no local endpoint)',
      'pod→ClusterIP',
      'pod→outside host beyond the router',
      'pod→outside host on the node network',
      'pod→pod, across nodes',
      'pod→pod, same node',
    ]);
    const settings = (f: (g: (typeof all)[number]) => string) => new Set(all.map(f));
    expect(settings((g) => g.scenario.cluster.cni.mode)).toEqual(new Set(['routes', 'vxlan']));
    expect(
      settings(
        (g) => `${g.scenario.cluster.cni.masquerade} ${g.scenario.cluster.kubeProxy.clusterCIDR}`,
      ).size,
    ).toBe(4);
    expect(settings((g) => String(g.scenario.nodes.length))).toEqual(new Set(['2', '3']));
    const svcs = clusters.flatMap(({ c }) => c.services);
    expect(svcs.some((s) => s.sessionAffinity === 'ClientIP')).toBe(true);
    expect(svcs.some((s) => s.ports[0]?.protocol === 'UDP')).toBe(true);
    const noReady = clusters.filter(({ c }) =>
      c.services.some(
        (s) =>
          !c.endpointSlices.some(
            (e) =>
              e.serviceKey === s.key &&
              e.slice.endpoints.some((p) => p.conditions?.ready !== false),
          ),
      ),
    );
    expect(noReady).toHaveLength(50);
  });
});
