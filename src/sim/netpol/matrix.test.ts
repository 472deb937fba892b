import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';

import { evaluateConnection } from './evaluate';
import { connectivityMatrix } from './matrix';
import { bigScenario } from './testdata/big';
import { np } from './testdata/mini';
import { client, denyAll, inFrom, world } from './testdata/world';

describe('connectivityMatrix', () => {
  const cluster = world([
    denyAll,
    inFrom({ from: [{ podSelector: client }], ports: [{ port: 'http' }] }),
  ]);

  it('lists pods sorted by key, row-major src×dst', () => {
    const m = connectivityMatrix(cluster, 80, 'TCP');
    expect(m.pods).toEqual([...m.pods].sort());
    const n = m.pods.length;
    expect(m.allowed).toHaveLength(n * n);
    const i = m.index.get('shop/client') ?? -1;
    const j = m.index.get('shop/web') ?? -1;
    expect(m.allowed[i * n + j]).toBe(m.isAllowed('shop/client', 'shop/web') ? 1 : 0);
  });

  it('is memoised per cluster and traffic', () => {
    expect(connectivityMatrix(cluster, 80, 'TCP')).toBe(connectivityMatrix(cluster, 80, 'TCP'));
    expect(connectivityMatrix(cluster, 80, 'UDP')).not.toBe(connectivityMatrix(cluster, 80, 'TCP'));
  });

  it('explains cells with the deciding policy', () => {
    const m = connectivityMatrix(cluster, 80, 'TCP');
    // shop/client egress is denied by shop/deny (egress is checked first)
    expect(m.decidingPolicy('shop/client', 'shop/web')).toMatchObject({
      allowed: false,
      policy: 'shop/deny',
      direction: 'egress',
    });
    // other/client has no egress policy; shop/in admits it? no: podSelector peers are same-namespace
    expect(m.decidingPolicy('other/client', 'shop/web')).toMatchObject({
      allowed: false,
      policy: 'shop/deny',
      direction: 'ingress',
    });
    expect(m.decidingPolicy('other/client', 'ext/x')).toMatchObject({ allowed: true });
    expect(m.decidingPolicy('other/client', 'ext/x').policy).toBeUndefined();
    const open = connectivityMatrix(
      world([inFrom({ from: [{ namespaceSelector: {} }] })]),
      80,
      'TCP',
    );
    expect(open.decidingPolicy('other/client', 'shop/web')).toMatchObject({
      allowed: true,
      policy: 'shop/in',
      direction: 'ingress',
    });
    expect(() => m.isAllowed('no/such', 'shop/web')).toThrow(RangeError);
  });

  it('resolves named ports per destination pod', () => {
    const c = world([
      np('shop/eg', {
        podSelector: { matchLabels: { app: 'client' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 'http' }] }],
      }),
    ]);
    expect(connectivityMatrix(c, 80, 'TCP').isAllowed('shop/client', 'shop/web')).toBe(true);
    expect(connectivityMatrix(c, 80, 'TCP').isAllowed('shop/client', 'shop/db')).toBe(false);
    expect(connectivityMatrix(c, 8080, 'TCP').isAllowed('shop/client', 'shop/db')).toBe(true);
    expect(connectivityMatrix(c, 8080, 'TCP').isAllowed('shop/client', 'kube-system/agent')).toBe(
      false,
    );
  });

  // Its speed is measured by `npm run bench`, not here.
  it('computes 1,000 pods × 100 policies, agreeing with the single-connection path', () => {
    const big = deriveCluster(bigScenario(1000, 100));
    expect(big.pods).toHaveLength(1000);
    const m = connectivityMatrix(big, 8000, 'TCP');
    const allowed = m.allowed.reduce((a, v) => a + v, 0);
    expect(allowed).toBeGreaterThan(1000);
    expect(allowed).toBeLessThan(1000 * 1000);
    // spot-check cells against the single-connection path
    for (let k = 0; k < 400; k++) {
      const i = (k * 7919) % 1000;
      const j = (k * 104729 + 13) % 1000;
      const v = evaluateConnection(
        big,
        { kind: 'pod', key: m.pods[i] ?? '' },
        { kind: 'pod', key: m.pods[j] ?? '' },
        8000,
        'TCP',
      );
      expect(m.isAllowed(i, j)).toBe(v.allowed);
    }
  });
});
