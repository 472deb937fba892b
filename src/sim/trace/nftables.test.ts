/**
 * Walks with kube-proxy in nftables mode: the same Service outcomes as iptables mode where
 * kube-proxy's own tests say so (candidates, masquerade, the reply's un-NAT), nft rules and map
 * elements at the hops, and the differences that show in a walk — a ping or a wrong port on a
 * ClusterIP is rejected by cluster-ips-check, an unallocated Service address is dropped, and a
 * NodePort answers only on the node's primary address.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { Scenario } from '../model/scenario';
import { loadServiceProxy } from '../proxy/registry';

import { trace as tracer } from './tracer';
import type { Trace, TraceRequest } from './types';

beforeAll(async () => {
  await loadServiceProxy('nftables');
});

const withProxy = (s: Scenario, mode: 'iptables' | 'nftables'): Scenario => ({
  ...s,
  cluster: { ...s.cluster, kubeProxy: { ...s.cluster.kubeProxy, mode } },
});
const nft = deriveCluster(withProxy(DEFAULT_SCENARIO, 'nftables'));
const ipt = deriveCluster(DEFAULT_SCENARIO);
const walk = (c: typeof nft, r: TraceRequest): Trace => tracer(c, r);
const frontendIp = nft.serviceByKey.get('shop/frontend')?.clusterIPs[0] ?? '';

describe('pod → ClusterIP in nftables mode', () => {
  let t: Trace;
  let i: Trace;
  beforeAll(() => {
    t = walk(nft, { from: 'default/client', to: 'svc/shop/frontend', port: 80 });
    i = walk(ipt, { from: 'default/client', to: 'svc/shop/frontend', port: 80 });
  });

  it('is delivered and un-NATed on the way back, with iptables mode’s candidates', () => {
    expect(t.verdict).toBe('delivered');
    expect([t.candidates, t.probabilities, t.masqueraded]).toEqual([
      i.candidates,
      i.probabilities,
      i.masqueraded,
    ]);
    expect(t.hops.some((h) => h.kind === 'unnat' && h.direction === 'reply')).toBe(true);
  });

  it('names nft rules, chains and map elements at the netfilter and DNAT hops', () => {
    const nf = t.hops.find((h) => h.kind === 'netfilter');
    expect(nf?.title).toBe('nat-prerouting: 5 rules matched');
    expect(nf?.explain).toMatch(
      /table ip kube-proxy's base chain nat-prerouting \(type nat hook prerouting priority dstnat\)/,
    );
    const dnat = t.hops.find((h) => h.kind === 'dnat');
    expect(dnat?.rule).toEqual({
      source: 'nft ip kube-proxy',
      text: `meta l4proto tcp dnat to ${t.chosen ?? ''}`,
    });
    expect(dnat?.rules?.map((r) => [r.chain.replace(/-[A-Z2-7]{8}-.*/, '-…'), r.view])).toEqual([
      ['services', 'nft'],
      ['service-…', 'nft'],
      ['endpoint-…', 'nft'],
    ]);
    expect(dnat?.rules?.[0]?.element).toBe(
      `${frontendIp} . tcp . 80 : goto service-SFDBSQB2-shop/frontend/tcp/http`,
    );
    expect(t.hops.some((h) => /iptables/.test(h.rule?.source ?? ''))).toBe(false);
  });

  it('follows a chosen endpoint through numgen', () => {
    for (const ep of t.candidates) {
      const s = walk(nft, {
        from: 'default/client',
        to: 'svc/shop/frontend',
        port: 80,
        endpoint: ep,
      });
      expect([s.verdict, s.chosen]).toEqual(['delivered', ep]);
    }
  });
});

describe('differences a walk shows', () => {
  it('a ping to a ClusterIP is rejected by cluster-ips-check (iptables mode: lost at the router)', () => {
    const t = walk(nft, { from: 'default/client', to: 'svc/shop/frontend', protocol: 'ICMP' });
    expect(t.verdict).toBe('rejected');
    expect(t.reason).toBe(
      'node-1: cluster-ips-check rejected it (Reject traffic to invalid ports of ClusterIPs).',
    );
    expect(
      walk(ipt, { from: 'default/client', to: 'svc/shop/frontend', protocol: 'ICMP' }).verdict,
    ).toBe('unreachable');
  });
  it('a port the Service does not have is rejected', () => {
    const t = walk(nft, { from: 'default/client', to: frontendIp, port: 81 });
    expect(t.verdict).toBe('rejected');
    expect(t.hops.at(-1)?.rule?.text).toBe(
      'ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"',
    );
  });
  it('an unallocated address of the Service range is dropped', () => {
    const t = walk(nft, { from: 'default/client', to: '10.96.77.77', port: 80 });
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toMatch(
      /cluster-ips-check dropped it \(Drop traffic to unallocated ClusterIPs\)/,
    );
  });
  it('a node → ClusterIP connection is marked in nat-output and masqueraded in nat-postrouting', () => {
    const t = walk(nft, { from: 'node/node-1', to: 'svc/shop/cart', port: 7070 });
    expect([t.verdict, t.masqueraded]).toEqual(['delivered', true]);
    const snat = t.hops.find((h) => h.kind === 'snat');
    expect(snat?.rule).toEqual({ source: 'nft ip kube-proxy', text: 'masquerade fully-random' });
  });
});

describe('NodePorts answer only on nodePortAddresses (default: the primary IP)', () => {
  const base = withProxy(DEFAULT_SCENARIO, 'nftables');
  const s: Scenario = {
    ...base,
    nodes: base.nodes.map((n, k) =>
      k === 0
        ? {
            ...n,
            status: {
              addresses: [
                ...(n.status?.addresses ?? []),
                { type: 'ExternalIP' as const, address: '203.0.113.10' },
              ],
            },
          }
        : n,
    ),
    services: base.services.map((x) =>
      x.metadata.name === 'web'
        ? {
            ...x,
            spec: {
              ...x.spec,
              type: 'NodePort' as const,
              ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 30080 }],
            },
          }
        : x,
    ),
  };
  const req = (to: string): TraceRequest => ({
    from: '198.51.100.7',
    to,
    port: 30080,
    node: 'node-1',
  });
  it('the primary address DNATs to the endpoint', () => {
    const t = walk(deriveCluster(s), req('192.168.1.11'));
    expect(t.candidates).toEqual(['10.244.2.3:80']);
  });
  it('another address of the node is left alone (iptables mode DNATs it)', () => {
    expect(walk(deriveCluster(s), req('203.0.113.10')).candidates).toEqual([]);
    expect(walk(deriveCluster(withProxy(s, 'iptables')), req('203.0.113.10')).candidates).toEqual([
      '10.244.2.3:80',
    ]);
  });
  it('nodePortAddresses 0.0.0.0/0 brings it back', () => {
    const all = {
      ...s,
      cluster: {
        ...s.cluster,
        kubeProxy: { mode: 'nftables' as const, nodePortAddresses: ['0.0.0.0/0'] },
      },
    };
    expect(walk(deriveCluster(all), req('203.0.113.10')).candidates).toEqual(['10.244.2.3:80']);
  });
});

describe('a mode without an engine', () => {
  it('says so instead of walking', () => {
    const c = deriveCluster({
      ...DEFAULT_SCENARIO,
      cluster: { ...DEFAULT_SCENARIO.cluster, kubeProxy: { mode: 'ipvs' as 'iptables' } },
    });
    const t = walk(c, { from: 'default/client', to: 'svc/shop/frontend', port: 80 });
    expect([t.verdict, t.reason]).toEqual([
      'unreachable',
      "kube-proxy's ipvs mode is not available here.",
    ]);
  });
});
