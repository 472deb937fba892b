import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';

import { categorize, endpointsByPort, endpointsOf } from './endpoints';
import { servicePorts } from './services';
import {
  caseScenario,
  type FixtureCase,
  type FixtureEndpoint,
  type FixtureService,
} from './testdata/cases';
import flowsJson from './testdata/kube-proxy-flows.json';

const base = (flowsJson as unknown as FixtureCase[])[1] as FixtureCase;

const ep = (
  ip: string,
  node: string | null,
  ready: boolean | null = null,
  serving: boolean | null = null,
  terminating: boolean | null = null,
): FixtureEndpoint => ({
  addresses: [ip],
  nodeName: node,
  ready,
  serving,
  terminating,
});

function setup(
  svc: Partial<FixtureService>,
  endpoints: FixtureEndpoint[],
  ports = [{ name: 'p80', port: 8080, protocol: 'TCP' }],
) {
  const c: FixtureCase = {
    ...base,
    services: [
      {
        namespace: 'ns1',
        name: 'svc1',
        type: 'NodePort',
        clusterIP: '172.30.0.41',
        ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001, targetPort: null }],
        ...svc,
      },
    ],
    endpointSlices: [{ service: 'ns1/svc1', addressType: 'IPv4', endpoints, ports, sliceNum: 1 }],
  };
  const cluster = deriveCluster(caseScenario(c));
  const s = servicePorts(cluster, 4)[0];
  if (!s) throw new Error('no service port');
  const all = endpointsOf(endpointsByPort(cluster, 4, 'test-node'), s);
  return { s, all, cat: categorize(all, s, { name: 'test-node', zone: undefined }) };
}

const texts = (l: readonly { text: string }[]): string[] => l.map((e) => e.text);

describe('endpoints as kube-proxy sees them', () => {
  it('sorts by the "ip:port" string (10.1.1.11:11 before 10.1.1.1:11, as TestUpdateEndpointsMap shows)', () => {
    const { all } = setup(
      {},
      [ep('10.1.1.1', null), ep('10.1.1.11', null), ep('10.1.1.2', null)],
      [{ name: 'p80', port: 11, protocol: 'TCP' }],
    );
    expect(texts(all)).toEqual(['10.1.1.11:11', '10.1.1.1:11', '10.1.1.2:11']);
  });

  it('matches slice ports to service ports by name and protocol', () => {
    expect(
      setup({}, [ep('10.0.0.5', null)], [{ name: 'other', port: 80, protocol: 'TCP' }]).all,
    ).toEqual([]);
    expect(
      setup({}, [ep('10.0.0.5', null)], [{ name: 'p80', port: 80, protocol: 'UDP' }]).all,
    ).toEqual([]);
    expect(
      texts(setup({}, [ep('10.0.0.5', null)], [{ name: 'p80', port: 9090, protocol: 'TCP' }]).all),
    ).toEqual(['10.0.0.5:9090']);
  });

  it('merges duplicate addresses, keeping the local copy', () => {
    const { all } = setup({}, [ep('10.0.1.5', 'node-1'), ep('10.0.1.5', 'test-node')]);
    expect(all.map((e) => [e.text, e.local])).toEqual([['10.0.1.5:8080', true]]);
  });

  it.each([
    [
      'ready endpoints only',
      [ep('10.0.0.1', null, true), ep('10.0.0.2', null, false, true, true)],
      ['10.0.0.1:8080'],
      true,
    ],
    [
      'no ready: serving+terminating fallback',
      [ep('10.0.0.1', null, false, true, true), ep('10.0.0.2', null, false, false, true)],
      ['10.0.0.1:8080'],
      true,
    ],
    ['serving=false is never used', [ep('10.0.0.1', null, false, false, true)], [], false],
    ['not ready, not terminating: unused', [ep('10.0.0.1', null, false, true, false)], [], false],
    ['absent conditions mean ready', [ep('10.0.0.1', null)], ['10.0.0.1:8080'], true],
  ] as const)('Cluster policy: %s', (_n, eps, want, has) => {
    const { cat } = setup({}, [...eps]);
    expect([texts(cat.cluster), cat.hasEndpoints]).toEqual([want, has]);
  });

  it('eTP Local: local ready endpoints, else local serving+terminating', () => {
    const ready = setup({ externalTrafficPolicy: 'Local' }, [
      ep('10.0.0.1', 'test-node', true),
      ep('10.0.0.2', 'test-node', false, true, true),
      ep('10.0.0.3', 'node-1', true),
    ]);
    expect([texts(ready.cat.cluster), texts(ready.cat.local)]).toEqual([
      ['10.0.0.1:8080', '10.0.0.3:8080'],
      ['10.0.0.1:8080'],
    ]);
    const term = setup({ externalTrafficPolicy: 'Local' }, [
      ep('10.0.0.2', 'test-node', false, true, true),
      ep('10.0.0.3', 'node-1', true),
    ]);
    expect([texts(term.cat.cluster), texts(term.cat.local), texts(term.cat.reachable)]).toEqual([
      ['10.0.0.3:8080'],
      ['10.0.0.2:8080'],
      ['10.0.0.2:8080', '10.0.0.3:8080'],
    ]);
  });

  it('eTP Local counts only for NodePort and LoadBalancer Services', () => {
    expect(
      setup({ type: 'NodePort', externalTrafficPolicy: 'Local' }, []).s.externalPolicyLocal,
    ).toBe(true);
    expect(
      setup(
        {
          type: null,
          externalTrafficPolicy: 'Local',
          ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: null, targetPort: null }],
        },
        [],
      ).s.externalPolicyLocal,
    ).toBe(false);
  });

  it('iTP Local without external access uses only local endpoints', () => {
    const r = setup(
      {
        type: null,
        internalTrafficPolicy: 'Local',
        ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: null, targetPort: null }],
      },
      [ep('10.0.0.1', 'node-1'), ep('10.0.0.2', 'test-node')],
    );
    expect([texts(r.cat.cluster), texts(r.cat.local), r.cat.hasEndpoints]).toEqual([
      [],
      ['10.0.0.2:8080'],
      true,
    ]);
  });
});
