/**
 * Properties of the walker over generated clusters (1–4 nodes, 1–5 pods each, either CNI mode):
 * pod-to-pod on a declared port is always delivered unchanged end to end, the reply ends at the
 * source, the TTL never goes up, the same input gives the same trace, and no input throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import type { Cluster } from '../derive/types';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { CniMode, Scenario } from '../model/scenario';
import { node, pod, scenario } from '../test/builders';

import { trace } from './tracer';
import type { Trace, TraceProtocol, TraceRequest } from './types';

const PORT = 8080;

interface Shape {
  readonly mode: CniMode;
  /** Pods per node, one entry per node. */
  readonly pods: readonly number[];
}

const shape: fc.Arbitrary<Shape> = fc.record({
  mode: fc.constantFrom<CniMode>('routes', 'vxlan'),
  pods: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
});

/** Nodes n1…nK with allocated addresses and ranges; pods p<node>-<i> listening on 8080. */
function build(s: Shape): { cluster: Cluster; pods: string[] } {
  const nodes = s.pods.map((_, i) => node(`n${i + 1}`));
  const pods = s.pods.flatMap((count, i) =>
    Array.from({ length: count }, (_, j) => pod(`p${i + 1}-${j}`, `n${i + 1}`, { ports: [PORT] })),
  );
  const sc: Scenario = scenario({ cluster: { cni: { mode: s.mode } }, nodes, pods });
  return { cluster: deriveCluster(sc), pods: pods.map((p) => `default/${p.metadata.name}`) };
}

/** A shape plus two pod indices into it. */
const walkCase = shape.chain((s) => {
  const total = s.pods.reduce((a, b) => a + b, 0);
  return fc.record({
    shape: fc.constant(s),
    from: fc.integer({ min: 0, max: total - 1 }),
    to: fc.integer({ min: 0, max: total - 1 }),
    seed: fc.integer({ min: 1, max: 1000 }),
  });
});

const requestOf = (t: Trace) =>
  t.hops.filter((h) => h.direction === 'request' && h.phase === undefined);

describe('pod-to-pod walks on generated clusters', () => {
  it('are delivered on a declared port, unchanged end to end, and answered to the source', () => {
    fc.assert(
      fc.property(walkCase, ({ shape: s, from, to, seed }) => {
        const { cluster, pods } = build(s);
        const fromKey = pods[from] ?? '';
        const toKey = pods[to] ?? '';
        const t = trace(cluster, { from: fromKey, to: toKey, port: PORT, seed });
        expect(t.verdict, t.reason).toBe('delivered');
        const srcIp = cluster.podByKey.get(fromKey)?.ips[0];
        const dstIp = cluster.podByKey.get(toKey)?.ips[0];
        const request = requestOf(t);
        const last = request.at(-1);
        expect(last?.kind).toBe('deliver');
        expect(last?.packet).toMatchObject({ srcIP: srcIp, dstIP: dstIp, dstPort: PORT });
        expect(t.masqueraded).toBe(false);
        // The reply ends at the client container, addressed to the client.
        const reply = t.hops.filter((h) => h.direction === 'reply');
        expect(reply.at(-1)?.kind).toBe('deliver');
        expect(reply.at(-1)?.at).toBe(`pod:${fromKey}/c/app`);
        expect(reply.at(-1)?.packet).toMatchObject({ srcIP: dstIp, srcPort: PORT, dstIP: srcIp });
        // Request hops come first, then reply hops.
        const firstReply = t.hops.findIndex((h) => h.direction === 'reply');
        expect(t.hops.slice(firstReply).every((h) => h.direction === 'reply')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('never increase the TTL along the request (or the reply)', () => {
    fc.assert(
      fc.property(walkCase, ({ shape: s, from, to, seed }) => {
        const { cluster, pods } = build(s);
        const t = trace(cluster, { from: pods[from] ?? '', to: pods[to] ?? '', port: PORT, seed });
        for (const dir of ['request', 'reply'] as const) {
          const ttls = t.hops.filter((h) => h.direction === dir).map((h) => h.packet.ttl ?? 64);
          for (let i = 1; i < ttls.length; i++)
            expect(ttls[i] ?? 0).toBeLessThanOrEqual(ttls[i - 1] ?? 0);
          expect(ttls[0]).toBe(64);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('are deterministic: the same input gives a deep-equal trace', () => {
    fc.assert(
      fc.property(walkCase, ({ shape: s, from, to, seed }) => {
        const a = build(s);
        const b = build(s);
        const req = { from: a.pods[from] ?? '', to: a.pods[to] ?? '', port: PORT, seed };
        expect(trace(a.cluster, req)).toEqual(trace(b.cluster, req));
        expect(trace(a.cluster, req)).toEqual(trace(a.cluster, req));
      }),
      { numRuns: 60 },
    );
  });
});

const defaultCluster = deriveCluster(DEFAULT_SCENARIO);
const knownRefs = [
  'default/client',
  'pod/shop/frontend-1/metrics',
  'shop/frontend-2',
  'svc/shop/frontend',
  'svc/kube-system/kube-dns:53',
  'node/node-1',
  'node/node-2',
  'frontend.shop',
  'cart',
  'web.default.svc.cluster.local',
  'localhost',
  '10.244.1.3',
  '10.96.0.10',
  '192.168.1.12',
  '127.0.0.1',
  '203.0.113.7',
  '::1',
  'fd00::1',
];
const ref = fc.oneof(
  fc.constantFrom(...knownRefs),
  fc.string({ maxLength: 30 }),
  fc.ipV4(),
  fc.ipV6(),
  fc
    .tuple(fc.constantFrom('pod', 'svc', 'node', 'deploy', 'sts'), fc.string({ maxLength: 8 }))
    .map(([k, n]) => `${k}/${n}`),
);
const request: fc.Arbitrary<TraceRequest> = fc.record(
  {
    from: ref,
    to: ref,
    port: fc.oneof(
      fc.integer({ min: -5, max: 70000 }),
      fc.constantFrom(0, 53, 80, 8080, Number.NaN),
    ),
    protocol: fc.constantFrom<TraceProtocol>('TCP', 'UDP', 'SCTP', 'ICMP'),
    node: fc.oneof(fc.constantFrom('node-1', 'node-2', 'node-9'), fc.string({ maxLength: 6 })),
    seed: fc.integer(),
    endpoint: fc.oneof(
      fc.constantFrom('10.244.2.2:8080', '10.244.1.3:8080'),
      fc.string({ maxLength: 12 }),
    ),
  },
  { requiredKeys: ['from', 'to'] },
);

describe('trace never throws', () => {
  it('for random refs, ports, protocols, nodes, seeds and endpoints', () => {
    fc.assert(
      fc.property(request, (req) => {
        const t = trace(defaultCluster, req);
        expect(['delivered', 'rejected', 'dropped', 'unreachable']).toContain(t.verdict);
        expect(t.reason.length).toBeGreaterThan(0);
        expect(Array.isArray(t.hops)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('on generated clusters in both modes, between any refs', () => {
    const anyRef = (pods: readonly string[]) =>
      fc.oneof(fc.constantFrom(...pods, 'node/n1', '10.244.9.9', '8.8.8.8'), ref);
    fc.assert(
      fc.property(
        shape.chain((s) => {
          const built = build(s);
          return fc.record({
            built: fc.constant(built),
            from: anyRef(built.pods),
            to: anyRef(built.pods),
            port: fc.integer({ min: 1, max: 65535 }),
          });
        }),
        ({ built, from, to, port }) => {
          const t = trace(built.cluster, { from, to, port });
          expect(typeof t.reason).toBe('string');
        },
      ),
      { numRuns: 150 },
    );
  });
});
