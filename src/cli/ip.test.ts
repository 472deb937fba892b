/** `k8snet ip <file> (--node NAME | --pod NS/NAME) addr|link|route|neigh` (DESIGN.md §5). */
import { describe, expect, it } from 'vitest';

import { ciliumConfigMapFor, DEFAULT_SCENARIO, loadAllDatapaths } from '@/sim';

import { k8snet, scenarioFile } from './testkit';

await loadAllDatapaths();

const hostgw = scenarioFile(DEFAULT_SCENARIO);
const calico = scenarioFile({
  ...DEFAULT_SCENARIO,
  cluster: { ...DEFAULT_SCENARIO.cluster, cni: { mode: 'calico' } },
  others: [
    {
      apiVersion: 'projectcalico.org/v3',
      kind: 'IPPool',
      metadata: { name: 'default-ipv4-ippool' },
      spec: { cidr: '10.244.0.0/16', ipipMode: 'Always', natOutgoing: true },
    },
  ],
});
const cilium = scenarioFile({
  ...DEFAULT_SCENARIO,
  cluster: { ...DEFAULT_SCENARIO.cluster, cni: { mode: 'cilium' } },
  others: [
    ciliumConfigMapFor({
      routingMode: 'tunnel',
      kubeProxyReplacement: true,
      poolCidr: '10.244.0.0/16',
    }),
  ],
});

describe('k8snet ip', () => {
  it('route on a node prints the same table as k8snet routes (IPv4, as ip route does)', () => {
    for (const f of [hostgw, calico, cilium]) {
      const ip = k8snet('ip', f, '--node', 'node-1', 'route');
      expect(ip.code).toBe(0);
      expect(ip.out).toEqual(k8snet('routes', f, '--node', 'node-1').out);
    }
  });

  it('Calico: tunl0 MTU 1480, cali… with ee:ee:ee:ee:ee:ee, blackhole and proto bird routes', () => {
    const link = k8snet('ip', calico, '--node', 'node-1', 'link').out;
    expect(link).toContain(
      '3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
    );
    expect(link.some((l) => /^4: cali[0-9a-f]{11}@if2: .* mtu 1480 /.test(l))).toBe(true);
    const route = k8snet('ip', calico, '--node', 'node-1', 'r').out;
    expect(route.some((l) => /^blackhole 10\.244\.\d+\.\d+\/26 proto bird$/.test(l))).toBe(true);
    expect(
      route.some((l) => / via 192\.168\.1\.12 dev tunl0 proto bird metric 1024 onlink$/.test(l)),
    ).toBe(true);
    expect(k8snet('ip', calico, '--pod', 'shop/frontend-1', 'neigh').out).toEqual([
      '169.254.1.1 dev eth0 lladdr ee:ee:ee:ee:ee:ee REACHABLE',
    ]);
  });

  it('Cilium: lxc… host ends, cilium_host/cilium_net, cilium_vxlan; the pod default route with mtu 1450', () => {
    const addr = k8snet('ip', cilium, '--node', 'node-1', 'addr').out;
    expect(addr.some((l) => /^3: cilium_host@cilium_net: /.test(l))).toBe(true);
    expect(addr.some((l) => /^\d+: cilium_vxlan: .* state UNKNOWN/.test(l))).toBe(true);
    expect(addr.some((l) => /^\d+: lxc[0-9a-f]{12}@if2: /.test(l))).toBe(true);
    const pod = k8snet('ip', cilium, '--pod', 'pod/shop/frontend-1', 'route');
    expect(pod.out[0]).toMatch(/^default via 10\.244\.\d+\.\d+ dev eth0 mtu 1450$/);
  });

  it('flannel pod: eth0@ifN, -4 narrows addr to IPv4 (and -4 before the object still reads it)', () => {
    const r = k8snet('ip', hostgw, '--pod', 'shop/frontend-1', '-4', 'addr');
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => /^\d+: /.test(l)).map((l) => l.split(':')[1]?.trim())).toEqual([
      'lo',
      'eth0@if5',
    ]);
    expect(r.out.some((l) => l.includes('inet6'))).toBe(false);
    expect(r.out).toContain('    inet 10.244.1.3/24 brd 10.244.1.255 scope global eth0');
  });

  it('names the flag in errors: unknown node, unknown pod, no target, unknown object', () => {
    const node = k8snet('ip', hostgw, '--node', 'nope', 'addr');
    expect(node.code).toBe(2);
    expect(node.err[0]).toBe('k8snet ip: --node nope: no such node (nodes: node-1, node-2)');
    const pod = k8snet('ip', hostgw, '--pod', 'shop/nope', 'addr');
    expect(pod.code).toBe(2);
    expect(pod.err[0]).toMatch(
      /^k8snet ip: --pod shop\/nope: no such pod \(give NS\/NAME; pods: .*shop\/frontend-1/,
    );
    expect(k8snet('ip', hostgw, 'addr').err[0]).toMatch(/needs --node NAME or --pod NS\/NAME/);
    expect(k8snet('ip', hostgw, '--node', 'node-1').err[0]).toMatch(
      /which object\? addr, link, route or neigh/,
    );
    expect(k8snet('ip', hostgw, '--node', 'node-1', 'tunnel').err[0]).toMatch(
      /unknown object "tunnel"/,
    );
    expect(
      k8snet('ip', hostgw, '--node', 'node-1', '--pod', 'shop/frontend-1', 'addr').err[0],
    ).toMatch(/not both/);
  });
});
