import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { NetworkPolicy } from '../model/k8s';
import type { Scenario } from '../model/scenario';
import { withMode } from '../trace/testkit';
import { trace } from '../trace/tracer';
import type { Packet, TraceRequest } from '../trace/types';

import { elementLabel } from './elements';
import {
  asksMechanism,
  DROP,
  gradeAnswer,
  headerChange,
  predictQuestion,
  type PredictQuestion,
} from './predict';

const walk = (s: Scenario, req: TraceRequest) => {
  const c = deriveCluster(s);
  return { c, t: trace(c, req) };
};
const p = (x: Partial<Packet> = {}): Packet => ({
  srcIP: '10.244.1.2',
  dstIP: '10.96.0.20',
  protocol: 'TCP',
  srcPort: 40000,
  dstPort: 80,
  ttl: 64,
  ...x,
});
const perfect = (q: PredictQuestion) =>
  gradeAnswer(q, {
    where: q.answerWhere,
    change: q.change?.answer,
    mechanism: q.mechanism?.answer,
  });

describe('headerChange', () => {
  it.each([
    ['nothing', p(), 'none'],
    ['TTL (routed)', p({ ttl: 63 }), 'link'],
    ['MACs only', p({ dstMAC: 'aa:bb:cc:dd:ee:ff' }), 'link'],
    ['DNAT', p({ dstIP: '10.244.2.2', dstPort: 8080 }), 'dst'],
    ['SNAT', p({ srcIP: '192.168.1.12' }), 'src'],
    ['both', p({ srcIP: '192.168.1.12', dstIP: '10.244.2.2' }), 'both'],
    ['encap', p({ outer: p({ srcIP: '192.168.1.11', dstIP: '192.168.1.12' }) }), 'encap'],
  ] as const)('%s', (_, next, want) => {
    expect(headerChange(p(), next)).toBe(want);
  });
  it('decap: the outer header goes away', () => {
    expect(headerChange(p({ outer: p() }), p())).toBe('decap');
  });
});

describe('predictQuestion on the pod → Service walk', () => {
  const { c, t } = walk(DEFAULT_SCENARIO, {
    from: 'pod/default/client',
    to: 'svc/shop/frontend',
    port: 80,
  });
  const dnat = t.hops.findIndex((h) => h.kind === 'dnat');
  const unnat = t.hops.findIndex((h) => h.kind === 'unnat');

  it('the DNAT hop: stays at iptables, the destination is rewritten, by a KUBE-SEP DNAT', () => {
    const q = predictQuestion(c, t, dnat)!;
    expect(q.answerWhere).toBe('node:node-1/iptables');
    expect(q.where[0]).toEqual({
      value: 'node:node-1/iptables',
      label: expect.stringMatching(/^Stays at node-1's iptables/),
    });
    expect(q.change?.answer).toBe('dst');
    expect(q.mechanism?.answer).toBe('dnat');
    expect(perfect(q)).toEqual({
      where: true,
      change: true,
      mechanism: true,
      points: 3,
      possible: 3,
    });
  });

  it("the reply's un-DNAT is conntrack's, not a rule", () => {
    const q = predictQuestion(c, t, unnat)!;
    expect(q.change?.answer).toBe('src');
    expect(q.mechanism?.answer).toBe('conntrack');
    const g = gradeAnswer(q, { where: q.answerWhere, change: 'src', mechanism: 'kube-proxy' });
    expect(g).toMatchObject({
      where: true,
      change: true,
      mechanism: false,
      points: 2,
      possible: 3,
    });
  });

  it('a plain bridge hop has no mechanism question, and the edge crossed counts as the place', () => {
    const i = t.hops.findIndex((h) => h.kind === 'veth');
    const q = predictQuestion(c, t, i)!;
    expect(q.mechanism).toBeUndefined();
    expect(q.via).toBe('veth:default/client');
    expect(gradeAnswer(q, { where: q.via, change: q.change?.answer }).where).toBe(true);
  });

  it('is deterministic, offers unique places including the answer, "stays" and "dropped"', () => {
    for (let i = 1; i < t.hops.length; i++) {
      const q = predictQuestion(c, t, i)!;
      expect(predictQuestion(c, t, i)).toEqual(q);
      const values = q.where.map((w) => w.value);
      expect(new Set(values).size).toBe(values.length);
      expect(values).toContain(q.answerWhere);
      expect(values[0]).toBe(t.hops[i - 1]!.at);
      expect(values.at(-1)).toBe(DROP);
      expect(values.length).toBeGreaterThanOrEqual(3);
      expect(values.length).toBeLessThanOrEqual(6);
    }
  });

  it('no question before the first hop or past the end', () => {
    expect(predictQuestion(c, t, 0)).toBeUndefined();
    expect(predictQuestion(c, t, t.hops.length)).toBeUndefined();
  });

  it('headers are not compared across the request/reply boundary', () => {
    const first = t.hops.findIndex((h) => h.direction === 'reply');
    expect(predictQuestion(c, t, first)!.change).toBeUndefined();
  });
});

describe('predictQuestion elsewhere', () => {
  it('VXLAN: the outer header is added at flannel.1 and removed on the other node', () => {
    const { c, t } = walk(withMode(DEFAULT_SCENARIO, 'vxlan'), {
      from: 'pod/default/client',
      to: 'pod/default/web',
      port: 80,
    });
    const encap = predictQuestion(
      c,
      t,
      t.hops.findIndex((h) => h.kind === 'encap'),
    )!;
    expect(encap.change?.answer).toBe('encap');
    expect(encap.answerWhere).toBe('node:node-1/flannel.1');
    expect(
      predictQuestion(
        c,
        t,
        t.hops.findIndex((h) => h.kind === 'decap'),
      )!.change?.answer,
    ).toBe('decap');
  });

  it('a policy drop: the answer is "dropped", with no header question', () => {
    const deny: NetworkPolicy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny', namespace: 'default' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    };
    const { c, t } = walk(
      { ...DEFAULT_SCENARIO, networkPolicies: [deny] },
      { from: 'pod/default/client', to: 'pod/default/web', port: 80 },
    );
    const i = t.hops.findIndex((h) => h.kind === 'drop');
    expect(i).toBeGreaterThan(0);
    const q = predictQuestion(c, t, i)!;
    expect(q.answerWhere).toBe(DROP);
    expect(q.change).toBeUndefined();
    expect(perfect(q)).toMatchObject({ points: 1, possible: 1 });
  });

  it('the mechanism is asked whenever the learner predicts a rewrite (asking only on NAT hops would tell)', () => {
    expect(asksMechanism({ change: 'dst' })).toBe(true);
    expect(asksMechanism({ change: 'both' })).toBe(true);
    expect(asksMechanism({ change: 'link' })).toBe(false);
    expect(asksMechanism({})).toBe(false);
  });
});

describe('elementLabel', () => {
  const c = deriveCluster(DEFAULT_SCENARIO);
  it.each([
    ['node:node-1/eth0', 'eth0 of node-1 (192.168.1.11)'],
    ['node:node-2/cni0', 'the cni0 bridge on node-2'],
    ['node:node-1/routes', "node-1's route table"],
    ['node:node-1/flannel.1', 'flannel.1 on node-1'],
    ['pod:shop/cart/eth0', 'eth0 inside pod shop/cart'],
    ['pod:shop/frontend-1/c/metrics', 'container metrics of shop/frontend-1'],
    ['pod:shop/cart/pause', 'the pause container of shop/cart'],
    ['svc:shop/frontend', 'the Service shop/frontend itself'],
    ['net:nodes/192.168.1.0/24', 'the node network (the wire between nodes)'],
    ['ext:internet', 'outside the cluster'],
  ])('%s', (id, want) => {
    expect(elementLabel(c, id)).toBe(want);
  });
});
