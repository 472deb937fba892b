/** `k8snet routes` and `k8snet iptables` (DESIGN.md §5), and how trace text lists the rules. */
import { describe, expect, it } from 'vitest';

import { DEFAULT_SCENARIO, type Trace } from '@/sim';

import { k8snet, lines, scenarioFile } from './testkit';

const defaultFile = scenarioFile(DEFAULT_SCENARIO);
const vxlanFile = scenarioFile({
  ...DEFAULT_SCENARIO,
  cluster: { ...DEFAULT_SCENARIO.cluster, cni: { mode: 'vxlan' } },
});

describe('k8snet routes and iptables', () => {
  it('routes --node node-1 prints exactly the ip route lines', () => {
    const r = k8snet('routes', defaultFile, '--node', 'node-1');
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      'default via 192.168.1.1 dev eth0 proto static',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      '10.244.2.0/24 via 192.168.1.12 dev eth0',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
    ]);
  });

  it('routes in VXLAN mode point the other pod range at flannel.1', () => {
    expect(k8snet('routes', vxlanFile, '--node', 'node-2').out).toEqual([
      'default via 192.168.1.1 dev eth0 proto static',
      '10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink',
      '10.244.2.0/24 dev cni0 proto kernel scope link src 10.244.2.1',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.12',
    ]);
  });

  it('routes names a route the kernel refused on stderr, and keeps stdout to the table', () => {
    // A 192.168.0.0/16 pod network on a 192.168.1.0/24 LAN: node-2's pod range is the LAN.
    const overlap = scenarioFile({
      ...DEFAULT_SCENARIO,
      cluster: { ...DEFAULT_SCENARIO.cluster, podSubnet: '192.168.0.0/16' },
      nodes: DEFAULT_SCENARIO.nodes.map((x) => ({ ...x, spec: {} })),
    });
    const r = k8snet('routes', overlap, '--node', 'node-1');
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      'default via 192.168.1.1 dev eth0 proto static',
      '192.168.0.0/24 dev cni0 proto kernel scope link src 192.168.0.1',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
    ]);
    expect(r.err).toEqual([
      'not installed: ip route add 192.168.1.0/24 via 192.168.1.12 dev eth0: RTNETLINK answers: File exists (192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11)',
    ]);
  });

  it("iptables defaults to the cluster's primary family (IPv6-only: ip6tables rules)", () => {
    const v6 = scenarioFile({
      ...DEFAULT_SCENARIO,
      cluster: {
        ...DEFAULT_SCENARIO.cluster,
        podSubnet: 'fd00:10:244::/56',
        serviceSubnet: 'fd00:10:96::/112',
        nodeNetwork: [{ cidr: '2001:db8:1::/64' }],
      },
      nodes: DEFAULT_SCENARIO.nodes.map((x, i) => ({
        ...x,
        spec: {},
        status: { addresses: [{ type: 'InternalIP', address: `2001:db8:1::${11 + i}` }] },
      })),
      services: DEFAULT_SCENARIO.services.map((x) => {
        const { clusterIP: _a, clusterIPs: _b, ...spec } = x.spec;
        return { ...x, spec };
      }),
    });
    const text = lines(k8snet('iptables', v6, '--node', 'node-1'));
    expect(text.some((l) => /-A KUBE-SERVICES .* -d fd00:10:96::/.test(l))).toBe(true);
    expect(text.some((l) => / -d 10\.96\./.test(l))).toBe(false);
  });

  it('trace text lists every rule a netfilter hop traversed, with its line', () => {
    const out = lines(
      k8snet('trace', defaultFile, '--from', 'default/client', '--to', 'svc/shop/frontend'),
    );
    const at = out.findIndex((l) => /netfilter .* nat PREROUTING/.test(l));
    expect(at).toBeGreaterThan(0);
    const listed = out.slice(at).filter((l) => /^ {7} *\d+ {2}-A /.test(l));
    expect(listed[0]).toMatch(/-A PREROUTING .*-j KUBE-SERVICES$/);
    expect(listed.some((l) => /-A KUBE-SVC-\w+ .*--probability/.test(l))).toBe(true);
  });

  it('iptables --node node-1 prints iptables-save text with nat and filter', () => {
    const r = k8snet('iptables', defaultFile, '--node', 'node-1');
    expect(r.code).toBe(0);
    const text = lines(r);
    expect(text).toContain('*nat');
    expect(text).toContain('*filter');
    expect(text).toContain(':KUBE-SERVICES - [0:0]');
    expect(text.filter((l) => l === 'COMMIT')).toHaveLength(2);
    expect(
      text.some((l) => /^-A KUBE-SEP-\w+ .* -j DNAT --to-destination 10\.244\.2\.2:8080$/.test(l)),
    ).toBe(true);
  });

  it('the walk matched the very rule text iptables prints', () => {
    const ipt = lines(k8snet('iptables', defaultFile, '--node', 'node-1'));
    const r = k8snet(
      'trace',
      defaultFile,
      '--from',
      'default/client',
      '--to',
      'svc/shop/frontend',
      '--endpoint',
      '10.244.2.2:8080',
      '--json',
    );
    const t = JSON.parse(r.out.join('\n')) as Trace;
    const dnat = t.hops.find((h) => h.kind === 'dnat');
    expect(ipt).toContain(dnat?.rule?.text);
  });
});
