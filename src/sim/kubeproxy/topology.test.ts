/**
 * Topology-aware endpoint choice: every case of kube-proxy's TestCategorizeEndpoints (the same
 * cases shared/tools/score-fixtures topology runs through the CLI), then properties of the choice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';

import { categorize, endpointsByPort, endpointsOf, type EndpointInfo } from './endpoints';
import { servicePorts } from './services';
import topologyJson from './testdata/topology-cases.json';
import { topologyScenario, type TopologyCase } from './testdata/topologyCases';
import { filterByTopology, topologyMode } from './topology';

const cases = topologyJson as unknown as TopologyCase[];
const sorted = (l: readonly { text: string }[]): string[] => l.map((e) => e.text).sort();

describe('CategorizeEndpoints (pkg/proxy/topology_test.go)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const cluster = deriveCluster(topologyScenario(c));
    const s = servicePorts(cluster, 4)[0];
    expect(s).toBeDefined();
    if (!s) return;
    const me = cluster.nodeByName.get(c.nodeName);
    const all = endpointsOf(endpointsByPort(cluster, 4, c.nodeName), s);
    const got = categorize(all, s, { name: c.nodeName, zone: me?.zone });
    const x = c.expected;
    if (x.clusterEndpoints !== null)
      expect(sorted(got.cluster)).toEqual([...x.clusterEndpoints].sort());
    else expect(got.cluster).toEqual([]);
    if (x.localEndpoints !== null) expect(sorted(got.local)).toEqual([...x.localEndpoints].sort());
    expect(got.hasEndpoints).toBe(x.hasAnyEndpoints);
    if (x.topologyMode !== null) expect(got.topology?.mode ?? '').toBe(x.topologyMode);
  });
});

const info = (i: number, e: Partial<EndpointInfo>): EndpointInfo => ({
  ip: `10.0.0.${i}`,
  port: 80,
  text: `10.0.0.${i}:80`,
  local: false,
  ready: true,
  serving: true,
  terminating: false,
  zoneHints: [],
  nodeHints: [],
  ...e,
});

const zones = fc.constantFrom('zone-a', 'zone-b', 'zone-c');
const endpoint = fc.record({
  ready: fc.boolean(),
  zoneHints: fc.array(zones, { maxLength: 2 }),
  nodeHints: fc.array(fc.constantFrom('n1', 'n2'), { maxLength: 1 }),
});

describe('topology properties', () => {
  it('the cluster set is the ready endpoints hinted for this node or zone, or all of them', () => {
    fc.assert(
      fc.property(
        fc.array(endpoint, { maxLength: 8 }),
        fc.option(zones, { nil: undefined }),
        fc.constantFrom('n1', 'n2'),
        (eps, zone, name) => {
          const all = eps.map((e, i) => info(i + 1, e));
          const ready = all.filter((e) => e.ready);
          const me = { name, zone };
          const choice = topologyMode(ready, me);
          const kept = filterByTopology(ready, choice);
          // Never an unready endpoint; never empty while something is ready.
          expect(kept.every((e) => e.ready)).toBe(true);
          if (ready.length > 0) expect(kept.length).toBeGreaterThan(0);
          if (choice.mode === 'PreferSameNode') {
            expect(ready.every((e) => e.nodeHints.length > 0)).toBe(true);
            expect(kept.every((e) => e.nodeHints.includes(name))).toBe(true);
          } else if (choice.mode === 'PreferSameZone') {
            expect(zone).toBeDefined();
            expect(ready.every((e) => e.zoneHints.length > 0)).toBe(true);
            expect(sorted(kept)).toEqual(sorted(ready.filter((e) => e.zoneHints.includes(zone!))));
          } else expect(sorted(kept)).toEqual(sorted(ready));
        },
      ),
    );
  });
});
