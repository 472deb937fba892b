import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';

import { evaluateConnection } from './evaluate';
import { connectivityMatrix } from './matrix';
import { caseScenario, NETPOL_CASES, queryProtocol, refPeer } from './testdata/cases';

// Every query of the public-suite cases (reference/netpol.md §10): allow ⇔ the connection is allowed.
describe('netpol-cases.json (e2e, cyclonus, np-guard, docs)', () => {
  it('holds the whole fixture', () => {
    expect(NETPOL_CASES).toHaveLength(40);
    expect(NETPOL_CASES.reduce((n, c) => n + c.queries.length, 0)).toBe(319);
  });

  for (const c of NETPOL_CASES) {
    describe(c.id, () => {
      const cluster = deriveCluster(caseScenario(c));
      it.each(c.queries.map((q, i) => ({ ...q, i })))(
        '#$i $from → $to $protocol/$port is $expected',
        (q) => {
          const v = evaluateConnection(
            cluster,
            refPeer(q.from),
            refPeer(q.to),
            q.port,
            queryProtocol(q),
          );
          expect(v.allowed ? 'allow' : 'deny', v.reason).toBe(q.expected);
        },
      );
    });
  }
});

describe('the ipBlockMatchesPods toggle (Cilium-like: ipBlock ignores pod IPs)', () => {
  const all = NETPOL_CASES.flatMap((c) => c.queries.map((q) => ({ c, q })));
  const dependent = all.filter(({ q }) => q.dependsOn !== undefined);

  it('the fixture marks the queries that depend on it', () => {
    expect(dependent.length).toBeGreaterThan(0);
  });

  it('flips exactly the dependsOn queries', () => {
    const flipped: string[] = [];
    for (const c of NETPOL_CASES) {
      const off = deriveCluster(caseScenario(c, { ipBlockMatchesPods: false }));
      c.queries.forEach((q, i) => {
        const v = evaluateConnection(off, refPeer(q.from), refPeer(q.to), q.port, queryProtocol(q));
        if ((v.allowed ? 'allow' : 'deny') !== q.expected) flipped.push(`${c.id}#${i}`);
      });
    }
    const expected = NETPOL_CASES.flatMap((c) =>
      c.queries.flatMap((q, i) => (q.dependsOn !== undefined ? [`${c.id}#${i}`] : [])),
    );
    expect(flipped).toEqual(expected);
  });

  it('explicit true behaves like the default', () => {
    for (const { c, q } of dependent) {
      const on = deriveCluster(caseScenario(c, { ipBlockMatchesPods: true }));
      const v = evaluateConnection(on, refPeer(q.from), refPeer(q.to), q.port, queryProtocol(q));
      expect(v.allowed).toBe(q.expected === 'allow');
    }
  });
});

describe('the matrix agrees with the fixture', () => {
  for (const c of NETPOL_CASES) {
    const podQueries = c.queries.filter((q) => q.from.includes('/') && q.to.includes('/'));
    if (podQueries.length === 0) continue;
    it(c.id, () => {
      const cluster = deriveCluster(caseScenario(c));
      for (const q of podQueries) {
        const m = connectivityMatrix(cluster, q.port, queryProtocol(q));
        expect(m.isAllowed(q.from, q.to), `${q.from} → ${q.to}`).toBe(q.expected === 'allow');
      }
    });
  }
});
