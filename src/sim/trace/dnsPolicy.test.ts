/**
 * Walks to a DNS name (the lookup is a walk of its own to CoreDNS, shown first with phase 'dns')
 * and walks under NetworkPolicy (a drop names the isolating policy; a pass names the allowing rule).
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import type { Cluster } from '../derive/types';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { NetworkPolicy, Pod } from '../model/k8s';
import type { CniMode, Scenario } from '../model/scenario';
import { pod, service } from '../test/builders';

import { MODES, withMode } from './testkit';
import { trace } from './tracer';
import type { Hop, Trace } from './types';

const dnsHops = (t: Trace): Hop[] => t.hops.filter((h) => h.phase === 'dns');
const walkHops = (t: Trace): Hop[] => t.hops.filter((h) => h.phase === undefined);
const requestHops = (t: Trace): Hop[] => walkHops(t).filter((h) => h.direction === 'request');

/** A database pod with a stable DNS name behind a headless Service in namespace data. */
const db0: Pod = (() => {
  const p = pod('data/db-0', 'node-2', { labels: { app: 'db' }, ports: [5432] });
  return { ...p, spec: { ...p.spec, hostname: 'db-0', subdomain: 'db' } };
})();
const headless = service('data/db', {
  clusterIP: 'None',
  selector: { app: 'db' },
  ports: [{ name: 'pg', port: 5432, targetPort: 5432 }],
});

function cluster(mode: CniMode, extra: Partial<Scenario> = {}): Cluster {
  const s = withMode(DEFAULT_SCENARIO, mode);
  return deriveCluster({
    ...s,
    pods: [...s.pods, db0],
    services: [...s.services, headless],
    ...extra,
  });
}

describe.each(MODES)('a walk to a DNS name (%s)', (mode) => {
  const c = cluster(mode);
  const cartIp = c.serviceByKey.get('shop/cart')?.clusterIPs[0] ?? '?';

  it("a short name resolves in the source pod's namespace; DNS hops come first", () => {
    const t = trace(c, { from: 'shop/frontend-1', to: 'cart', port: 7070 });
    expect(t.verdict).toBe('delivered');
    const firstWalk = t.hops.findIndex((h) => h.phase === undefined);
    expect(firstWalk).toBeGreaterThan(0);
    expect(t.hops.slice(0, firstWalk).every((h) => h.phase === 'dns')).toBe(true);
    expect(t.hops.slice(firstWalk).every((h) => h.phase === undefined)).toBe(true);
    const dns = dnsHops(t);
    // The query: UDP to the kube-dns ClusterIP, DNATed to CoreDNS, answered and un-NATed back.
    expect(dns[0]?.packet).toMatchObject({
      srcIP: '10.244.1.3',
      dstIP: '10.96.0.10',
      dstPort: 53,
      protocol: 'UDP',
    });
    expect(dns.find((h) => h.kind === 'dnat')?.rule?.text).toContain(
      '--to-destination 10.244.1.4:53',
    );
    expect(dns.some((h) => h.kind === 'unnat')).toBe(true);
    expect(dns.every((h) => h.direction === 'request')).toBe(true);
    const answer = dns.at(-1);
    expect(answer?.kind).toBe('dns');
    expect(answer?.rule).toEqual({
      source: 'CoreDNS (kubernetes plugin)',
      text: `cart.shop.svc.cluster.local. 5 IN A ${cartIp}`,
    });
    expect(answer?.highlight).toEqual(['svc:shop/cart']);
    // Then the connection to the answer, DNATed to the cart pod.
    expect(requestHops(t)[0]?.packet).toMatchObject({
      dstIP: cartIp,
      dstPort: 7070,
      protocol: 'TCP',
    });
    expect(requestHops(t).at(-1)).toMatchObject({ kind: 'deliver', at: 'pod:shop/cart/c/app' });
    expect(t.candidates).toEqual(['10.244.2.4:7070']);
  });

  it('the same short name from another namespace is NXDOMAIN: unreachable, no connection', () => {
    const t = trace(c, { from: 'default/client', to: 'cart', port: 7070 });
    expect(t.verdict).toBe('unreachable');
    expect(t.reason).toBe(
      'cart does not resolve (NXDOMAIN; tried cart.default.svc.cluster.local, cart.svc.cluster.local, cart.cluster.local, cart).',
    );
    expect(t.hops.length).toBeGreaterThan(1);
    expect(t.hops.every((h) => h.phase === 'dns')).toBe(true);
    expect(t.hops.at(-1)?.kind).toBe('dns');
    expect(t.hops.at(-1)?.rule).toEqual({
      source: '/etc/resolv.conf',
      text: 'search default.svc.cluster.local svc.cluster.local cluster.local · options ndots:5',
    });
  });

  it('an FQDN resolves from any namespace, then kube-proxy load-balances', () => {
    const t = trace(c, {
      from: 'default/client',
      to: 'frontend.shop.svc.cluster.local',
      endpoint: '10.244.2.2:8080',
    });
    expect(t.verdict).toBe('delivered');
    const vip = c.serviceByKey.get('shop/frontend')?.clusterIPs[0];
    expect(dnsHops(t).at(-1)?.rule?.text).toBe(`frontend.shop.svc.cluster.local. 5 IN A ${vip}`);
    expect(requestHops(t)[0]?.packet).toMatchObject({ dstIP: vip, dstPort: 80 });
    expect(t.candidates).toEqual(['10.244.1.3:8080', '10.244.2.2:8080']);
    expect(requestHops(t).at(-1)?.packet).toMatchObject({
      srcIP: '10.244.1.2',
      dstIP: '10.244.2.2',
    });
  });

  it('a headless Service answers the pod IP itself: no DNAT, no candidates', () => {
    const podIp = c.podByKey.get('data/db-0')?.ips[0];
    for (const name of ['db.data', 'db-0.db.data']) {
      const t = trace(c, { from: 'default/client', to: name, port: 5432 });
      expect(t.verdict).toBe('delivered');
      expect(dnsHops(t).at(-1)?.rule?.text).toBe(`${name}.svc.cluster.local. 5 IN A ${podIp}`);
      expect(t.candidates).toEqual([]);
      expect(walkHops(t).some((h) => h.kind === 'dnat')).toBe(false);
      expect(requestHops(t)[0]?.packet.dstIP).toBe(podIp);
      expect(requestHops(t).at(-1)).toMatchObject({ kind: 'deliver', at: 'pod:data/db-0/c/app' });
    }
  });

  it('only pods resolve cluster names: a node walk to a name is unreachable', () => {
    const t = trace(c, { from: 'node/node-1', to: 'frontend.shop' });
    expect(t.verdict).toBe('unreachable');
    expect(t.reason).toContain('only pods');
    expect(t.hops).toEqual([]);
  });
});

const np = (name: string, ns: string, spec: NetworkPolicy['spec']): NetworkPolicy => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: ns },
  spec,
});
const denyShop = np('default-deny', 'shop', { podSelector: {}, policyTypes: ['Ingress'] });
const allowClient = np('allow-client', 'shop', {
  podSelector: { matchLabels: { app: 'frontend' } },
  ingress: [
    {
      from: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'default' } },
          podSelector: { matchLabels: { app: 'client' } },
        },
      ],
      ports: [{ port: 8080 }],
    },
  ],
});

describe.each(MODES)('NetworkPolicy on the walk (%s)', (mode) => {
  it('a default-deny in the destination namespace drops at the pod, naming the policy', () => {
    const c = cluster(mode, { networkPolicies: [denyShop] });
    const t = trace(c, { from: 'default/client', to: 'shop/frontend-2', port: 8080 });
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toContain('isolated for ingress by shop/default-deny');
    const drop = t.hops.at(-1);
    expect(drop).toMatchObject({ kind: 'drop', node: 'node-2', at: 'pod:shop/frontend-2/eth0' });
    expect(drop?.rule).toEqual({ source: 'NetworkPolicy', text: 'shop/default-deny' });
    expect(drop?.highlight).toEqual(['netpol:shop/default-deny']);
    // The packet got all the way there: the policy is enforced at the destination.
    expect(t.hops.at(-2)?.kind).toBe('veth');
    expect(t.hops.some((h) => h.direction === 'reply')).toBe(false);
  });

  it('an allow rule lets it through, and a policy hop names the rule', () => {
    const c = cluster(mode, { networkPolicies: [denyShop, allowClient] });
    const t = trace(c, { from: 'default/client', to: 'shop/frontend-2', port: 8080 });
    expect(t.verdict).toBe('delivered');
    const i = t.hops.findIndex((h) => h.kind === 'policy');
    expect(t.hops[i]?.rule?.source).toBe('NetworkPolicy');
    expect(t.hops[i]?.rule?.text).toBe(
      'shop/allow-client: ingress[0] from pods app=client in namespaces kubernetes.io/metadata.name=default on TCP 8080',
    );
    expect(t.hops[i + 1]?.kind).toBe('deliver');
    // Replies of an allowed connection are not checked again.
    expect(t.hops.filter((h) => h.kind === 'policy')).toHaveLength(1);
  });

  it('the allow rule matches the backend port after DNAT, not the Service port', () => {
    const c = cluster(mode, { networkPolicies: [denyShop, allowClient] });
    const t = trace(c, {
      from: 'default/client',
      to: 'svc/shop/frontend',
      endpoint: '10.244.2.2:8080',
    });
    expect(t.verdict).toBe('delivered');
    expect(t.hops.find((h) => h.kind === 'policy')?.packet.dstPort).toBe(8080);
  });

  it('a port the rule does not allow is dropped', () => {
    const c = cluster(mode, { networkPolicies: [denyShop, allowClient] });
    const t = trace(c, { from: 'default/client', to: 'shop/frontend-1', port: 9100 });
    expect(t.verdict).toBe('dropped');
    expect(t.hops.at(-1)?.rule?.text).toBe('shop/allow-client, shop/default-deny');
  });

  it('an egress default-deny in the source namespace drops as the packet leaves', () => {
    const egress = np('deny-egress', 'default', { podSelector: {}, policyTypes: ['Egress'] });
    const c = cluster(mode, { networkPolicies: [egress] });
    const t = trace(c, { from: 'default/client', to: 'shop/frontend-2', port: 8080 });
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toContain('default/deny-egress');
    expect(t.hops.at(-1)).toMatchObject({ kind: 'drop', node: 'node-1' });
    expect(t.hops.some((h) => h.node === 'node-2')).toBe(false);
  });
});
