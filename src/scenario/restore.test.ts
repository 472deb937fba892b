import { DEFAULT_SCENARIO, SCENARIO_VERSION, emptyScenario } from '@/sim';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { restore } from './restore';
import v1Fixture from './testdata/scenario-v1.json';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('restore', () => {
  it('reads the default scenario back unchanged, from an object or its JSON text', () => {
    const a = restore(clone(DEFAULT_SCENARIO));
    expect(a.ok && a.value.scenario).toStrictEqual(DEFAULT_SCENARIO);
    expect(a.ok && a.value.warnings).toEqual([]);
    const b = restore(JSON.stringify(DEFAULT_SCENARIO));
    expect(b.ok && b.value.scenario).toStrictEqual(DEFAULT_SCENARIO);
  });

  it('fills defaults: missing lists, cluster settings, meta, apiVersion and kind', () => {
    const r = restore({
      version: 1,
      pods: [{ metadata: { name: 'a' }, spec: { containers: [] } }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value.scenario;
    expect(s.cluster).toStrictEqual(emptyScenario().cluster);
    expect(s.meta).toEqual({ name: 'Untitled cluster' });
    expect(s.pods[0]).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'a' },
      spec: { containers: [] },
    });
    expect(s.nodes).toEqual([]);
    expect(s.layout).toEqual({});
  });

  it('keeps explicit values as given, even wrong ones (validation reports them)', () => {
    const doc = clone(DEFAULT_SCENARIO) as unknown as { cluster: { podSubnet: string } };
    doc.cluster.podSubnet = '10.244.0.0/33';
    const r = restore(doc);
    expect(r.ok && r.value.scenario.cluster.podSubnet).toBe('10.244.0.0/33');
  });

  it('names the field path and the fix', () => {
    const doc = clone(DEFAULT_SCENARIO) as unknown as {
      nodes: { metadata: Record<string, unknown> }[];
    };
    delete doc.nodes[1]!.metadata.name;
    const r = restore(doc);
    expect(r).toEqual({
      ok: false,
      error: 'nodes[1].metadata.name: required — every node needs a name',
    });
  });

  it.each([
    [
      {
        version: 1,
        pods: [
          {
            metadata: { name: 'p' },
            spec: { containers: [{ name: 'c', ports: [{ containerPort: '80' }] }] },
          },
        ],
      },
      'pods[0].spec.containers[0].ports[0].containerPort: expected a number, got "80" — write it without quotes',
    ],
    [
      { version: 1, namespaces: [{ metadata: { name: 'x', labels: { tier: 1 } } }] },
      'namespaces[0].metadata.labels.tier: expected a string, got 1 — quote it in YAML ("1")',
    ],
    [
      { version: 1, services: [{ metadata: { name: 's' }, spec: { type: 'Internal' } }] },
      'services[0].spec.type: must be "ClusterIP" or "NodePort" or "LoadBalancer" or "ExternalName", got "Internal"',
    ],
    [
      {
        version: 1,
        pods: [{ kind: 'Service', metadata: { name: 'p' }, spec: { containers: [] } }],
      },
      'pods[0].kind: must be "Pod", got "Service"',
    ],
    [{ version: 1, nodes: 'node-1' }, 'nodes: expected a list, got "node-1"'],
    [
      { version: 1, pods: [{ metadata: { name: 'p' } }] },
      'pods[0].spec: required — add the spec section',
    ],
  ])('explains %j', (doc, message) => {
    expect(restore(doc)).toEqual({ ok: false, error: message });
  });

  it('refuses a document from a newer version clearly', () => {
    const r = restore({ ...clone(DEFAULT_SCENARIO), version: 3 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(
      `made by a newer version (v3); this app reads up to v${SCENARIO_VERSION}`,
    );
  });

  it('reads a document without a version as the current one, with a warning', () => {
    const { version: _v, ...rest } = clone(DEFAULT_SCENARIO);
    const r = restore(rest);
    expect(r.ok && r.value.scenario).toStrictEqual(DEFAULT_SCENARIO);
    expect(r.ok && r.value.warnings).toEqual([
      `the document has no version field; read as v${SCENARIO_VERSION}`,
    ]);
  });

  it('warns about unknown fields and drops bad layout entries', () => {
    const r = restore({
      ...clone(DEFAULT_SCENARIO),
      theme: 'dark',
      layout: { 'node:node-1': { x: 1, y: 2 }, 'node:node-2': { x: 'a' }, 'pod:x': null },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.scenario.layout).toEqual({ 'node:node-1': { x: 1, y: 2 } });
    expect(r.value.warnings).toEqual([
      'ignored unknown field "theme"',
      'layout: ignored 2 position(s) without numeric x and y',
    ]);
  });

  it('restores the frozen v1 fixture to the current document', () => {
    const r = restore(clone(v1Fixture));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.warnings).toEqual([
      'migrated v1 → v2: cluster.nodeNetwork "CIDR" became a list of subnets [{ cidr: "CIDR" }]',
    ]);
    // v2 made the node network a list of subnets; nothing else changed.
    expect(r.value.scenario).toStrictEqual({
      ...v1Fixture,
      version: 2,
      cluster: { ...v1Fixture.cluster, nodeNetwork: [{ cidr: '192.168.1.0/24' }] },
    });
  });

  it('migrates v1 node networks: dual-stack text, empty text, and v2 lists pass unchanged', () => {
    const v1 = (nodeNetwork: unknown) => restore({ version: 1, cluster: { nodeNetwork } });
    const get = (r: ReturnType<typeof restore>) =>
      r.ok ? r.value.scenario.cluster.nodeNetwork : r.error;
    expect(get(v1('10.0.0.0/24,fd00::/64'))).toEqual([{ cidr: '10.0.0.0/24,fd00::/64' }]);
    expect(get(v1(''))).toEqual([]);
    const list = [{ cidr: '10.0.1.0/24', gateway: '10.0.1.254' }, { cidr: '10.0.2.0/24' }];
    expect(get(restore({ version: 2, cluster: { nodeNetwork: list } }))).toEqual(list);
    // A v2 document must use the list form: the string is refused with the field named.
    expect(get(restore({ version: 2, cluster: { nodeNetwork: '10.0.0.0/24' } }))).toMatch(
      /cluster\.nodeNetwork/,
    );
  });

  it.each([
    null,
    undefined,
    42,
    'not json',
    '[]',
    [],
    true,
    { version: 'one' },
    { version: 0 },
    { version: 1.5 },
  ])('rejects %j with a message', (input) => {
    const r = restore(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.length).toBeGreaterThan(10);
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withNullPrototype: true,
          withBigInt: true,
          withMap: true,
          withSet: true,
          withDate: true,
        }),
        (v) => {
          const r = restore(v);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on scenario-shaped garbage', () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.array(fc.anything(), { maxLength: 3 }),
      fc.object(),
    );
    const keys = [
      'version',
      'meta',
      'cluster',
      'namespaces',
      'nodes',
      'pods',
      'workloads',
      'services',
      'endpointSlices',
      'networkPolicies',
      'others',
      'layout',
    ];
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...keys), value),
        fc.boolean(),
        (doc, withVersion) => {
          const r = restore(withVersion ? { ...doc, version: 1 } : doc);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.error).not.toBe('');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
