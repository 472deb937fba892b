/**
 * Regressions for walks the Linux kernel disagreed with (issue 16): the reply is routed back
 * like any packet and must reach the client as the connection it opened; MASQUERADE
 * --random-fully rewrites the source port and conntrack restores it on the reply.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { CniMode, Scenario } from '../model/scenario';

import { MODES, lastRequest, replyHops, requestHops, withMode } from './testkit';
import { trace } from './tracer';

/** The default scenario without any masquerade: no CNI masquerade, no kube-proxy detector. */
const noMasquerade = (mode: CniMode): Scenario => {
  const s = withMode(DEFAULT_SCENARIO, mode);
  return {
    ...s,
    cluster: {
      ...s.cluster,
      cni: { ...s.cluster.cni, masquerade: false },
      kubeProxy: { ...s.cluster.kubeProxy, clusterCIDR: '' },
    },
  };
};

describe.each(MODES)('a pod talking to an outside host (%s)', (mode) => {
  it('times out without CNI masquerade: the reply dies at the router, which has no pod routes', () => {
    const c = deriveCluster(noMasquerade(mode));
    const t = trace(c, { from: 'default/client', to: '203.0.113.5', port: 443 });
    expect(t.verdict).toBe('dropped');
    expect(lastRequest(t)?.packet.srcIP).toBe('10.244.1.2');
    const drop = t.hops.at(-1);
    expect(drop).toMatchObject({ direction: 'reply', kind: 'drop', at: 'ext:internet' });
    expect(drop?.packet.dstIP).toBe('10.244.1.2');
    expect(drop?.explain).toContain('no route to the cluster');
    expect(drop?.explain).toContain('cni.masquerade: true');
    expect(t.reason).toContain('the reply did not make it back');
  });

  it('also times out to a host on the node network (its answer goes to the router too)', () => {
    const t = trace(deriveCluster(noMasquerade(mode)), {
      from: 'default/client',
      to: '192.168.1.100',
      port: 8080,
    });
    expect(t.verdict).toBe('dropped');
    expect(t.hops.at(-1)).toMatchObject({ direction: 'reply', kind: 'drop' });
  });

  it('is delivered with masquerade: the answer returns to the node and is un-SNATed', () => {
    const t = trace(deriveCluster(withMode(DEFAULT_SCENARIO, mode)), {
      from: 'default/client',
      to: '203.0.113.5',
      port: 443,
    });
    expect(t.verdict).toBe('delivered');
    expect(replyHops(t).map((h) => h.kind)).toContain('unnat');
  });
});

describe.each(MODES)('an outside client → ClusterIP through node-1 (%s)', (mode) => {
  const frontend2 = '10.244.2.2:8080';
  const frontend1 = '10.244.1.3:8080';

  it('times out when the endpoint is on node-2 and nothing masquerades: the reply bypasses node-1', () => {
    const t = trace(deriveCluster(noMasquerade(mode)), {
      from: '192.168.1.100',
      to: 'svc/shop/frontend',
      node: 'node-1',
      endpoint: frontend2,
    });
    expect(t.chosen).toBe(frontend2);
    expect(t.verdict).toBe('dropped');
    // The server saw the client's own address: nothing masqueraded.
    expect(lastRequest(t)?.packet.srcIP).toBe('192.168.1.100');
    const replies = replyHops(t);
    expect(replies.some((h) => h.node === 'node-1')).toBe(false);
    expect(replies.some((h) => h.kind === 'unnat')).toBe(false);
    const drop = t.hops.at(-1);
    expect(drop).toMatchObject({ direction: 'reply', kind: 'drop', at: 'ext:internet' });
    expect(drop?.packet.srcIP).toBe('10.244.2.2');
    expect(drop?.explain).toContain('never passed node-1');
    expect(drop?.explain).toContain('clusterCIDR');
    expect(t.reason).toContain('asymmetric path');
  });

  it('is delivered when the endpoint is on node-1 (the reply passes its conntrack)', () => {
    const t = trace(deriveCluster(noMasquerade(mode)), {
      from: '192.168.1.100',
      to: 'svc/shop/frontend',
      node: 'node-1',
      endpoint: frontend1,
    });
    expect(t.verdict).toBe('delivered');
  });

  it("is delivered with kube-proxy's clusterCIDR: the client is masqueraded to node-1", () => {
    const s = noMasquerade(mode);
    const t = trace(
      deriveCluster({ ...s, cluster: { ...s.cluster, kubeProxy: { mode: 'iptables' } } }),
      { from: '192.168.1.100', to: 'svc/shop/frontend', node: 'node-1', endpoint: frontend2 },
    );
    expect(t.verdict).toBe('delivered');
    expect(t.masqueraded).toBe(true);
    expect(
      replyHops(t)
        .filter((h) => h.kind === 'unnat')
        .map((h) => h.node),
    ).toEqual(['node-1', 'node-1']);
  });
});

describe('MASQUERADE --random-fully', () => {
  const c = deriveCluster(DEFAULT_SCENARIO);
  const run = (seed: number) =>
    trace(c, {
      from: '192.168.1.100',
      to: 'svc/shop/frontend',
      node: 'node-1',
      endpoint: '10.244.2.2:8080',
      seed,
    });

  it('rewrites the source port the server sees, and the reply gets the client its own port back', () => {
    const t = run(1);
    expect(t.verdict).toBe('delivered');
    const sent = requestHops(t)[0]?.packet;
    const seen = lastRequest(t)?.packet;
    const snat = t.hops.find((h) => h.kind === 'snat');
    expect(snat?.rule?.text).toContain('--random-fully');
    expect(seen?.srcIP).toBe('192.168.1.11');
    expect(seen?.srcPort).not.toBe(sent?.srcPort);
    expect(seen?.srcPort).toBeGreaterThanOrEqual(1024);
    expect(seen?.srcPort).toBeLessThanOrEqual(65535);
    expect(snat?.title).toBe(
      `MASQUERADE 192.168.1.100:${sent?.srcPort ?? ''} → 192.168.1.11:${seen?.srcPort ?? ''}`,
    );
    expect(snat?.explain).toContain('--random-fully also picks a random source port');
    const back = t.hops.at(-1)?.packet;
    expect(back).toMatchObject({
      srcIP: sent?.dstIP,
      srcPort: sent?.dstPort,
      dstIP: '192.168.1.100',
      dstPort: sent?.srcPort,
    });
    const unSnat = t.hops.find((h) => h.kind === 'unnat' && h.title?.startsWith('un-SNAT'));
    expect(unSnat?.rule?.text).toContain(`dport=${seen?.srcPort ?? ''} `);
  });

  it('picks the port from the seed: the same walk shows the same port, another seed another', () => {
    const port = (seed: number) => lastRequest(run(seed))?.packet.srcPort;
    expect(port(7)).toBe(port(7));
    const ports = new Set([1, 2, 3, 4, 5].map(port));
    expect(ports.size).toBeGreaterThan(1);
  });

  it('keeps the port where nothing is masqueraded', () => {
    const t = trace(c, { from: 'default/client', to: 'shop/frontend-2', port: 8080 });
    expect(lastRequest(t)?.packet.srcPort).toBe(requestHops(t)[0]?.packet.srcPort);
  });
});
