/**
 * The EndpointSlice controller's topology hints: the Auto heuristic (CPU shares, the 20 %
 * overload rule, redistribution) and trafficDistribution's same-zone / same-node hints, written
 * into the slices the explorer derives and followed by kube-proxy.
 */
import { describe, expect, it } from 'vitest';

import type { Node, Pod, Service } from '../model/k8s';
import { DEFAULT_CLUSTER, emptyScenario, type Scenario } from '../model/scenario';
import { ZONE_LABEL } from '../model/topology';

import { deriveCluster } from './cluster';
import { cpuCores, cpuShares } from './hints';

const node = (name: string, zone: string | undefined, cpu?: string, extra = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { ...(zone ? { [ZONE_LABEL]: zone } : {}), ...extra } },
  status: { ...(cpu ? { allocatable: { cpu } } : {}) },
});

const pod = (name: string, nodeName: string, ready = true): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'web' } },
  spec: { nodeName, containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

const svc = (
  spec: Partial<Service['spec']> = {},
  annotations?: Record<string, string>,
): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', ...(annotations ? { annotations } : {}) },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
});

function cluster(nodes: Node[], pods: Pod[], s: Service): ReturnType<typeof deriveCluster> {
  const scenario: Scenario = {
    ...emptyScenario('hints'),
    cluster: DEFAULT_CLUSTER,
    nodes,
    pods,
    services: [s],
  };
  return deriveCluster(scenario);
}

/** "podName → zones hinted" for the derived slice. */
function hints(c: ReturnType<typeof deriveCluster>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const es of c.endpointSlices)
    for (const e of es.slice.endpoints)
      out[e.targetRef?.name ?? ''] = [
        ...(e.hints?.forZones ?? []).map((z) => z.name),
        ...(e.hints?.forNodes ?? []).map((n) => `node:${n.name}`),
      ].join(',');
  return out;
}

const ABC = [node('a1', 'a', '4'), node('b1', 'b', '4'), node('c1', 'c', '2')];

describe('topology hints: the Auto heuristic', () => {
  it('hints in proportion to CPU: zones a/b with 6/2 cores, endpoints 2/2 → b gives one to a (a:3, b:1)', () => {
    const nodes = [node('a1', 'a', '6'), node('b1', 'b', '2')];
    const pods = [pod('a-1', 'a1'), pod('a-2', 'a1'), pod('b-1', 'b1'), pod('b-2', 'b1')];
    const c = cluster(nodes, pods, svc({}, { 'service.kubernetes.io/topology-mode': 'Auto' }));
    expect(hints(c)).toEqual({ 'a-1': 'a', 'a-2': 'a', 'b-1': 'a', 'b-2': 'b' });
    expect(c.hints.get('default/web')).toMatchObject({
      heuristic: 'Auto',
      enabled: true,
      perZone: { a: 3, b: 1 },
    });
    // Every endpoint carries its node's zone, as the controller copies it.
    expect(c.endpointSlices[0]?.slice.endpoints.map((e) => e.zone)).toEqual(['a', 'a', 'b', 'b']);
  });

  it('computes the minimums in float64 as Go does: CPU 4/4/2 and 6 endpoints exceed the threshold', () => {
    // 0.4 × 6 × (1 / 1.2) is 2.0000000000000004 in float64, so zone a's minimum rounds up to 3
    // (and b's to 3, c's to 2): 8 > 6, and the controller disables hints for the Service.
    const pods = ['a1', 'a1', 'a1', 'b1', 'c1', 'c1'].map((n, i) => pod(`p${i}`, n));
    const c = cluster(ABC, pods, svc({}, { 'service.kubernetes.io/topology-mode': 'Auto' }));
    expect(c.hints.get('default/web')).toMatchObject({ enabled: false });
    expect(c.hints.get('default/web')?.reason).toMatch(
      /exceeding overload threshold \(6 endpoints, 3 zones\)/,
    );
  });

  it.each([
    [
      'a node without allocatable CPU',
      [node('a1', 'a', '4'), node('b1', 'b')],
      /Insufficient Node information/,
    ],
    ['nodes in one zone', [node('a1', 'a', '4'), node('a2', 'a', '4')], /only ready in one zone/],
    [
      'fewer endpoints than zones',
      ABC,
      /Insufficient number of endpoints \(2 endpoints, 3 zones\)/,
    ],
  ])('no hints with %s', (_what, nodes, reason) => {
    const pods = [pod('x', nodes[0]!.metadata.name), pod('y', nodes[1]!.metadata.name)];
    const c = cluster(
      nodes,
      pods,
      svc({}, { 'service.kubernetes.io/topology-aware-hints': 'auto' }),
    );
    expect(Object.values(hints(c)).every((z) => z === '')).toBe(true);
    expect(c.hints.get('default/web')?.enabled).toBe(false);
    expect(c.hints.get('default/web')?.reason).toMatch(reason);
  });

  it('leaves control-plane and not-ready nodes out of the CPU shares', () => {
    const cp = node('cp', undefined, '8', { 'node-role.kubernetes.io/control-plane': '' });
    const down: Node = {
      ...node('d', undefined, '8'),
      status: { conditions: [{ type: 'Ready', status: 'False' }] },
    };
    const shares = cpuShares([...ABC, cp, down]);
    expect(shares).toEqual(
      new Map([
        ['a', 0.4],
        ['b', 0.4],
        ['c', 0.2],
      ]),
    );
    expect(cpuCores('3800m')).toBe(3.8);
    expect(cpuCores('2')).toBe(2);
    expect(cpuCores(undefined)).toBe(0);
  });
});

describe('topology hints: trafficDistribution', () => {
  const nodes = [node('a1', 'a'), node('b1', 'b'), node('x', undefined)];
  const pods = [pod('pa', 'a1'), pod('pb', 'b1'), pod('px', 'x'), pod('down', 'a1', false)];

  it('PreferClose / PreferSameZone: each ready endpoint hinted for its own zone, unready ones not', () => {
    for (const td of ['PreferClose', 'PreferSameZone']) {
      const h = hints(cluster(nodes, pods, svc({ trafficDistribution: td })));
      expect(h).toEqual({ pa: 'a', pb: 'b', px: '', down: '' });
    }
  });

  it('PreferSameNode adds a node hint', () => {
    const h = hints(cluster(nodes, pods, svc({ trafficDistribution: 'PreferSameNode' })));
    expect(h).toEqual({ pa: 'a,node:a1', pb: 'b,node:b1', px: 'node:x', down: '' });
  });

  it('the annotation wins over trafficDistribution; neither means no hints', () => {
    const both = cluster(
      ABC,
      [pod('a', 'a1'), pod('b', 'b1'), pod('c', 'c1')],
      svc(
        { trafficDistribution: 'PreferSameNode' },
        { 'service.kubernetes.io/topology-mode': 'Auto' },
      ),
    );
    expect(both.hints.get('default/web')?.heuristic).toBe('Auto');
    const none = cluster(nodes, pods, svc());
    expect(Object.values(hints(none)).every((z) => z === '')).toBe(true);
    expect(none.hints.get('default/web')).toMatchObject({ heuristic: 'none', enabled: false });
  });
});
