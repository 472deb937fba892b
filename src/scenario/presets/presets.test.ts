import { deriveCluster, ids, loadAllDatapaths, trace, updateCluster, validate } from '@/sim';
import { beforeAll, describe, expect, it } from 'vitest';

import { restore } from '../restore';

import { PRESETS, presetById } from './index';

/** What each walk must show: where the request ends and the hops that teach the concept. */
const EXPECTED: Record<string, { at: string; kinds: string[]; masqueraded?: boolean }> = {
  'container-to-container': { at: 'pod:demo/web/c/nginx', kinds: ['loopback'] },
  'pod-to-pod-same-node': { at: 'pod:default/web/c/nginx', kinds: ['veth', 'bridge'] },
  'pod-to-pod-routes': { at: 'pod:default/web/c/nginx', kinds: ['route', 'wire'] },
  'pod-to-pod-vxlan': { at: 'pod:default/web/c/nginx', kinds: ['encap', 'decap'] },
  'calico-ipip': { at: 'pod:default/web/c/nginx', kinds: ['encap', 'decap'] },
  'pod-to-service': { at: 'pod:shop/cart-1/c/server', kinds: ['netfilter', 'dnat'] },
  'external-nodeport': {
    at: 'pod:default/web/c/nginx',
    kinds: ['dnat', 'snat'],
    masqueraded: true,
  },
  'external-loadbalancer-local': {
    at: 'pod:ingress/ingress-nginx-1/c/controller',
    kinds: ['dnat'],
    masqueraded: false,
  },
  'cidr-overlap': { at: 'pod:default/api-1/c/server', kinds: ['dnat'] },
  'dns-headless': { at: 'pod:data/db-0/c/postgres', kinds: ['dns'] },
  // The Service is translated in the client's socket (a dnat hop in the pod), then VXLAN.
  'cilium-kube-proxy-replacement': {
    at: 'pod:shop/cart-1/c/server',
    kinds: ['dnat', 'encap', 'decap'],
  },
  'two-subnets': { at: 'pod:default/web/c/nginx', kinds: ['encap', 'decap'] },
  'zones-topology': { at: 'pod:shop/api-1/c/server', kinds: ['dnat'] },
};

beforeAll(loadAllDatapaths);

describe('presets', () => {
  it('have unique, URL-safe ids and one-paragraph summaries', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PRESETS) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.summary).not.toMatch(/\n/);
      expect(p.summary.length).toBeGreaterThan(200);
      expect(p.title.length).toBeGreaterThan(5);
      expect(presetById(p.id)).toBe(p);
    }
    expect(Object.keys(EXPECTED).sort()).toEqual([...ids].sort());
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s is a valid, plain-JSON scenario',
    (_id, p) => {
      const r = restore(JSON.parse(JSON.stringify(p.scenario)));
      expect(r.ok && r.value.scenario).toStrictEqual(p.scenario);
      expect(r.ok && r.value.warnings).toEqual([]);
      const errors = validate(p.scenario)
        .filter((d) => d.severity === 'error')
        .map((d) => d.code);
      expect(errors).toEqual(p.id === 'cidr-overlap' ? ['cidr-overlap', 'ip-duplicate'] : []);
    },
  );

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s: the walk shows the concept', (id, p) => {
    const t = trace(deriveCluster(p.scenario), p.walk);
    const want = EXPECTED[id]!;
    expect(t.verdict, t.reason).toBe('delivered');
    expect(t.hops.filter((h) => h.direction === 'request').at(-1)?.at).toBe(want.at);
    expect(t.hops.map((h) => h.kind)).toEqual(expect.arrayContaining(want.kinds));
    if (p.scenario.cluster.cni.mode === 'cilium')
      expect(t.hops.find((h) => h.kind === 'dnat')?.netns).toBe('pod/default/client');
    if (want.masqueraded !== undefined) expect(t.masqueraded).toBe(want.masqueraded);
  });

  it('two-subnets: the outer VXLAN packet crosses the router; host-gw routes die there', () => {
    const p = presetById('two-subnets')!;
    const vxlan = trace(deriveCluster(p.scenario), p.walk);
    expect(vxlan.hops.some((h) => h.at === ids.router() && h.packet.outer)).toBe(true);
    const routes = trace(
      deriveCluster(updateCluster(p.scenario, { cni: { mode: 'routes' } })),
      p.walk,
    );
    expect(routes.verdict).toBe('unreachable');
    expect(routes.hops.at(-1)).toMatchObject({ kind: 'drop', at: ids.router() });
    expect(routes.hops.at(-1)?.explain).toMatch(
      /Nexthop|host-gw routes only work between nodes on one subnet/,
    );
    expect(
      validate(updateCluster(p.scenario, { cni: { mode: 'routes' } })).map((d) => d.code),
    ).toContain('cross-subnet-routes');
  });

  it('zones-topology: kube-proxy on node-1 (zone-a) uses only the zone-a endpoints and says why', () => {
    const p = presetById('zones-topology')!;
    const t = trace(deriveCluster(p.scenario), p.walk);
    expect(t.candidates).toEqual(['10.244.1.3:8080', '10.244.2.2:8080']);
    expect(t.hops.find((h) => h.kind === 'dnat')?.explain).toMatch(
      /node-1 is in zone-a; endpoints hinted for zone-a: 10\.244\.1\.3:8080, 10\.244\.2\.2:8080 \(2 of 3 ready\)/,
    );
  });

  it('calico-ipip walks through cali…, proxy ARP and tunl0 with the outer IPv4 header', () => {
    const p = presetById('calico-ipip')!;
    const c = deriveCluster(p.scenario);
    expect(c.datapath.kind).toBe('calico');
    const req = trace(c, p.walk).hops.filter((h) => h.direction === 'request');
    expect(req.find((h) => h.kind === 'veth')?.dev).toMatch(/^cali[0-9a-f]{11}$/);
    expect(req.some((h) => h.title?.includes('proxy ARP'))).toBe(true);
    const encap = req.find((h) => h.kind === 'encap');
    expect(encap?.dev).toBe('tunl0');
    expect(encap?.packet.outer).toMatchObject({
      srcIP: '192.168.1.11',
      dstIP: '192.168.1.12',
      protocol: 'IPIP',
    });
  });
});
