/**
 * NetworkPolicy where Calico enforces it (reference/cni-datapaths.md §2.6): egress in
 * cali-fw-<iface> on the source node, ingress in cali-tw-<iface> on the destination node — and
 * the public NetworkPolicy suites (netpol-cases.json) give the same verdicts as under flannel.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../../derive/cluster';
import type { NetworkPolicy } from '../../model/k8s';
import { caseScenario, NETPOL_CASES, queryProtocol } from '../../netpol/testdata/cases';
import { requestHops, withMode } from '../../trace/testkit';
import { trace } from '../../trace/tracer';

import { caliName } from './names';
import { calicoScenario } from './testkit';

const deny = (name: string, app: string, types: ('Ingress' | 'Egress')[]): NetworkPolicy => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: 'default' },
  spec: { podSelector: { matchLabels: { app } }, policyTypes: types },
});

describe('Calico enforces NetworkPolicy at the workload interface', () => {
  it('ingress of c: dropped on node-2 in cali-tw-<c’s iface>, after the tunnel', () => {
    const c = deriveCluster(calicoScenario({ policies: [deny('deny-c', 'c', ['Ingress'])] }));
    const t = trace(c, { from: 'pod/default/a', to: 'pod/default/c' });
    const last = requestHops(t).at(-1);
    expect(t.verdict).toBe('dropped');
    expect(last).toMatchObject({ kind: 'drop', node: 'node-2', dev: caliName('default', 'c') });
    expect(last?.rule?.source).toBe(`NetworkPolicy (Calico cali-tw-${caliName('default', 'c')})`);
    expect(requestHops(t).some((h) => h.kind === 'decap')).toBe(true);
  });

  it('egress of a: dropped on node-1 in cali-fw-<a’s iface>, before the tunnel', () => {
    const c = deriveCluster(calicoScenario({ policies: [deny('deny-a', 'a', ['Egress'])] }));
    const t = trace(c, { from: 'pod/default/a', to: 'pod/default/c' });
    const last = requestHops(t).at(-1);
    expect(t.verdict).toBe('dropped');
    expect(last).toMatchObject({ kind: 'drop', node: 'node-1' });
    expect(last?.rule?.source).toBe('NetworkPolicy (Calico cali-fw-caliacd53aa4120)');
    expect(requestHops(t).some((h) => h.kind === 'encap')).toBe(false);
  });

  it('a → ClusterIP: the policy sees the backend (kube-proxy DNATed first)', () => {
    const c = deriveCluster(calicoScenario({ policies: [deny('deny-c', 'c', ['Ingress'])] }));
    const t = trace(c, { from: 'pod/default/a', to: 'svc/default/svc-c' });
    const req = requestHops(t);
    expect(t.verdict).toBe('dropped');
    expect(req.at(-1)?.kind).toBe('drop');
    expect(req.findIndex((h) => h.kind === 'dnat')).toBeGreaterThan(0);
    expect(req.at(-1)?.packet.dstIP).toBe(c.podByKey.get('default/c')?.ips[0]);
  });
});

describe('netpol-cases.json under Calico: every query as the suites expect', () => {
  for (const nc of NETPOL_CASES) {
    it(nc.id, () => {
      const cluster = deriveCluster(withMode(caseScenario(nc), 'calico'));
      expect(cluster.datapath.kind).toBe('calico');
      const wrong: string[] = [];
      for (const q of nc.queries) {
        const t = trace(cluster, {
          from: q.from.includes('/') ? `pod/${q.from}` : q.from,
          to: q.to.includes('/') ? `pod/${q.to}` : q.to,
          port: q.port,
          protocol: queryProtocol(q),
          // As shared/tools/netpol_cases.py asks: outside clients enter through node-1.
          node: 'node-1',
        });
        const got = t.verdict === 'delivered' ? 'allow' : t.verdict === 'dropped' ? 'deny' : '?';
        if (got !== q.expected) wrong.push(`${q.from} → ${q.to} ${q.port}: ${t.reason}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
