/**
 * A ClusterIP exists only as kube-proxy's DNAT rules for its ports: a ping, another port or
 * another protocol matches nothing and leaves by the default route. The walk says so (and not
 * that "the router has no pod routes"); ICMP walks speak of echo requests, not connections.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';

import { trace } from './tracer';

const cluster = deriveCluster(DEFAULT_SCENARIO);
const web = cluster.serviceByKey.get('default/web')!;
const vip = web.clusterIPs[0]!;

describe('traffic to a ClusterIP that no kube-proxy rule matches', () => {
  it.each([
    ['ICMP', undefined, 'there is none for ICMP, so a ClusterIP does not answer ping'],
    ['TCP', 9999, 'none matches TCP 9999'],
    ['UDP', 80, 'none matches UDP 80'],
  ] as const)('%s %s: unreachable, explained as a missing rule', (protocol, port, why) => {
    const t = trace(cluster, {
      from: 'pod/default/client',
      to: vip,
      protocol,
      ...(port !== undefined ? { port } : {}),
    });
    expect(t.verdict).toBe('unreachable');
    expect(t.candidates).toEqual([]);
    const last = t.hops.at(-1)!;
    expect(last.kind).toBe('drop');
    expect(last.explain).toContain(`is Service default/web's address`);
    expect(last.explain).toContain('80/TCP');
    expect(last.explain).toContain(why);
    expect(last.explain).not.toContain('pod routes');
    expect(t.reason).toContain('No kube-proxy rule');
  });

  it('the Service port itself is DNATed as usual', () => {
    const t = trace(cluster, { from: 'pod/default/client', to: vip, port: 80, protocol: 'TCP' });
    expect(t.verdict).toBe('delivered');
  });
});

describe('ICMP wording', () => {
  it('a ping to a pod is an echo request answered with an echo reply', () => {
    const t = trace(cluster, {
      from: 'pod/default/client',
      to: 'pod/shop/frontend-2',
      protocol: 'ICMP',
    });
    expect(t.verdict).toBe('delivered');
    expect(t.hops[0]!.explain).toContain('sends an ICMP echo request (ping)');
    expect(t.hops.some((h) => h.explain.includes('ICMP connection'))).toBe(false);
    expect(t.hops.at(-1)!.explain).toContain('ping gets its echo reply');
  });
});
