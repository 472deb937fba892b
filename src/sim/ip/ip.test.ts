/**
 * `ip addr|link|route|neigh` per CNI on the reference's 2-node cluster (reference/cni-datapaths.md:
 * node-1 192.168.1.11, node-2 192.168.1.12, pods a, b on node-1 and c on node-2): the lines each
 * datapath's nodes and pods print, read off the same derived model as the walk.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import type { Cluster } from '../derive/types';
import { ippool } from '../cni/calico/testkit';
import { ciliumConfigMapFor } from '../cni/cilium/config';
import { loadAllDatapaths } from '../cni/registry';
import type { OtherObject } from '../model/k8s';
import type { CniMode } from '../model/scenario';
import { node, pod, scenario } from '../test/builders';
import { trace } from '../trace/tracer';

import { ipShow, parseIpObject, type IpObject } from './show';
import { linkLocal } from './links';

beforeAll(loadAllDatapaths);

function ref(mode: CniMode, others: readonly OtherObject[] = []): Cluster {
  return deriveCluster(
    scenario({
      cluster: { podSubnet: '10.244.0.0/16', cni: { mode } },
      nodes: [
        node('node-1', '192.168.1.11', '10.244.1.0/24'),
        node('node-2', '192.168.1.12', '10.244.2.0/24'),
      ],
      pods: [pod('a', 'node-1'), pod('b', 'node-1'), pod('c', 'node-2', { ports: [80] })],
      others,
    }),
  );
}

const onNode = (c: Cluster, name: string, o: IpObject, fam?: 4 | 6): string[] => {
  const n = c.nodeByName.get(name);
  if (!n) throw new Error(name);
  return ipShow(c, { kind: 'node', node: n }, o, fam);
};
const inPod = (c: Cluster, key: string, o: IpObject, fam?: 4 | 6): string[] => {
  const p = c.podByKey.get(key);
  if (!p) throw new Error(key);
  return ipShow(c, { kind: 'pod', pod: p }, o, fam);
};
/** The `N: name…` line of a link (`ip link` prints one per link). */
const linkLine = (lines: readonly string[], name: string): string =>
  lines.find((l) => new RegExp(`^\\d+: ${name.replace('.', '\\.')}[@:]`).test(l)) ?? '';

describe('ip under flannel', () => {
  it('VXLAN: cni0 holds the gateway /24, flannel.1 the .0/32 with MTU 1450, veths are ports of cni0', () => {
    const c = ref('vxlan');
    const addr = onNode(c, 'node-1', 'addr');
    expect(addr).toContain('    inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0');
    expect(addr).toContain('    inet 10.244.1.0/32 scope global flannel.1');
    expect(addr).toContain('    inet 192.168.1.11/24 brd 192.168.1.255 scope global eth0');
    const link = onNode(c, 'node-1', 'link');
    expect(linkLine(link, 'flannel.1')).toMatch(
      /^4: flannel\.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default$/,
    );
    expect(link).toContain(
      '    vxlan id 1 local 192.168.1.11 dev eth0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300',
    );
    const veth = c.podByKey.get('default/a')?.vethHost?.name ?? '?';
    expect(linkLine(link, veth)).toMatch(
      new RegExp(`^5: ${veth}@if2: .* mtu 1450 qdisc noqueue master cni0 state UP mode DEFAULT`),
    );
    expect(onNode(c, 'node-1', 'route')).toEqual([
      'default via 192.168.1.1 dev eth0 proto static',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
    ]);
    const neigh = onNode(c, 'node-1', 'neigh');
    expect(neigh[0]).toMatch(/^192\.168\.1\.1 dev eth0 lladdr [0-9a-f:]{17} REACHABLE$/);
    expect(neigh[1]).toMatch(/^10\.244\.2\.0 dev flannel\.1 lladdr [0-9a-f:]{17} PERMANENT$/);
  });

  it('a pod: eth0 /24 with MTU 1450, the /16 route next to the default route', () => {
    const c = ref('vxlan');
    expect(inPod(c, 'default/a', 'addr', 4)).toEqual([
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      '2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default',
      '    inet 10.244.1.2/24 brd 10.244.1.255 scope global eth0',
      '       valid_lft forever preferred_lft forever',
    ]);
    expect(inPod(c, 'default/a', 'route')).toEqual([
      'default via 10.244.1.1 dev eth0',
      '10.244.0.0/16 via 10.244.1.1 dev eth0',
      '10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2',
    ]);
    expect(inPod(c, 'default/a', 'neigh')).toEqual([
      `10.244.1.1 dev eth0 lladdr ${c.nodeByName.get('node-1')?.devices[0]?.mac} REACHABLE`,
    ]);
  });

  it('host-gw: no flannel.1, the peer range via its eth0, MTU 1500', () => {
    const c = ref('routes');
    expect(linkLine(onNode(c, 'node-1', 'link'), 'flannel.1')).toBe('');
    expect(onNode(c, 'node-1', 'route')).toContain('10.244.2.0/24 via 192.168.1.12 dev eth0');
    expect(linkLine(inPod(c, 'default/c', 'link'), 'eth0')).toContain('mtu 1500');
  });
});

describe('ip under Calico', () => {
  it('IP-in-IP: tunl0@NONE (ipip, MTU 1480, /32 from the block), cali… veths ee:ee:ee:ee:ee:ee, /32, blackhole and proto bird routes', () => {
    const c = ref('calico', [
      ippool('default-ipv4-ippool', { ipipMode: 'Always', natOutgoing: true }),
    ]);
    const n1 = c.nodeByName.get('node-1');
    const block = n1?.podRanges[0] ?? '';
    const tunl = n1?.devices.find((d) => d.name === 'tunl0')?.addrs[0]?.ip ?? '';
    const link = onNode(c, 'node-1', 'link');
    expect(linkLine(link, 'tunl0')).toBe(
      '3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
    );
    expect(link).toContain(
      '    link/ipip 0.0.0.0 brd 0.0.0.0 promiscuity 0 allmulti 0 minmtu 68 maxmtu 65515',
    );
    expect(onNode(c, 'node-1', 'addr')).toContain(`    inet ${tunl}/32 scope global tunl0`);
    expect(block.startsWith(tunl.replace(/\.\d+$/, ''))).toBe(true);
    const cali = 'caliacd53aa4120'; // default/a, as the reference names it
    expect(linkLine(link, cali)).toMatch(
      new RegExp(
        `^4: ${cali}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP`,
      ),
    );
    const addr = onNode(c, 'node-1', 'addr');
    const at = addr.indexOf(linkLine(addr, cali));
    expect(addr[at + 1]).toMatch(
      /^ {4}link\/ether ee:ee:ee:ee:ee:ee brd ff:ff:ff:ff:ff:ff link-netns cni-/,
    );
    // No IPv4 address on the host end: only the link-local one of ee:ee:ee:ee:ee:ee.
    expect(addr[at + 2]).toBe('    inet6 fe80::ecee:eeff:feee:eeee/64 scope link');
    const a = c.podByKey.get('default/a')?.ips[0] ?? '';
    const n2block = c.nodeByName.get('node-2')?.podRanges[0] ?? '';
    expect(onNode(c, 'node-1', 'route')).toEqual(
      expect.arrayContaining([
        `${a} dev ${cali} scope link metric 1024`,
        `blackhole ${block} proto bird`,
        `${n2block} via 192.168.1.12 dev tunl0 proto bird metric 1024 onlink`,
      ]),
    );
    expect(onNode(c, 'node-1', 'neigh')).toContain(
      `${a} dev ${cali} lladdr ${c.podByKey.get('default/a')?.eth0?.mac} PERMANENT`,
    );
  });

  it('a pod: eth0 /32, 169.254.1.1 on-link and default via it, answered by proxy ARP with ee:ee:ee:ee:ee:ee', () => {
    const c = ref('calico', [ippool('p', { ipipMode: 'Always' })]);
    const a = c.podByKey.get('default/a')?.ips[0] ?? '';
    expect(inPod(c, 'default/a', 'addr', 4)).toContain(`    inet ${a}/32 scope global eth0`);
    expect(linkLine(inPod(c, 'default/a', 'link'), 'eth0')).toContain('mtu 1480');
    expect(inPod(c, 'default/a', 'route')).toEqual([
      'default via 169.254.1.1 dev eth0',
      '169.254.1.1 dev eth0 scope link',
    ]);
    expect(inPod(c, 'default/a', 'neigh')).toEqual([
      '169.254.1.1 dev eth0 lladdr ee:ee:ee:ee:ee:ee REACHABLE',
    ]);
  });

  it('VXLAN: vxlan.calico (VNI 4096, UDP 4789, MTU 1450), Felix routes via the peer VTEP, its neighbour entry', () => {
    const c = ref('calico', [ippool('p', { vxlanMode: 'Always' })]);
    const link = onNode(c, 'node-1', 'link');
    expect(linkLine(link, 'vxlan.calico')).toMatch(/mtu 1450 qdisc noqueue state UNKNOWN/);
    expect(link).toContain(
      '    vxlan id 4096 local 192.168.1.11 dev eth0 srcport 0 0 dstport 4789 nolearning ttl auto ageing 300',
    );
    const vtep2 = c.nodeByName.get('node-2')?.devices.find((d) => d.name === 'vxlan.calico');
    const n2block = c.nodeByName.get('node-2')?.podRanges[0] ?? '';
    const vip = vtep2?.addrs[0]?.ip ?? '';
    expect(onNode(c, 'node-1', 'route')).toContain(
      `${n2block} via ${vip} dev vxlan.calico onlink mtu 1450`,
    );
    expect(onNode(c, 'node-1', 'neigh')).toContain(
      `${vip} dev vxlan.calico lladdr ${vtep2?.mac} PERMANENT`,
    );
  });
});

describe('ip under Cilium', () => {
  const cm = (o: Partial<Parameters<typeof ciliumConfigMapFor>[0]>) =>
    ciliumConfigMapFor({
      routingMode: 'tunnel',
      kubeProxyReplacement: true,
      poolCidr: '10.244.0.0/16',
      ...o,
    });

  it('VXLAN: cilium_host@cilium_net with the router /32 (scope link), cilium_vxlan external, lxc… veths, route MTU 1450', () => {
    const c = ref('cilium', [cm({})]);
    const router = c.nodeByName.get('node-1')?.devices[0]?.addrs[0]?.ip ?? '';
    const link = onNode(c, 'node-1', 'link');
    expect(linkLine(link, 'cilium_host')).toMatch(
      /^3: cilium_host@cilium_net: <BROADCAST,MULTICAST,NOARP,UP,LOWER_UP> mtu 1500 /,
    );
    expect(linkLine(link, 'cilium_net')).toMatch(/^4: cilium_net@cilium_host: /);
    expect(linkLine(link, 'cilium_vxlan')).toMatch(
      /^5: cilium_vxlan: .* mtu 1500 qdisc noqueue state UNKNOWN/,
    );
    expect(link).toContain(
      '    vxlan external id 0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300',
    );
    const lxc = c.podByKey.get('default/a')?.vethHost?.name ?? '?';
    expect(lxc).toMatch(/^lxc[0-9a-f]{12}$/);
    expect(linkLine(link, lxc)).toMatch(
      new RegExp(`^6: ${lxc}@if2: .* mtu 1500 qdisc noqueue state UP`),
    );
    expect(onNode(c, 'node-1', 'addr')).toContain(`    inet ${router}/32 scope link cilium_host`);
    expect(onNode(c, 'node-1', 'route')).toEqual([
      'default via 192.168.1.1 dev eth0 proto static',
      `10.244.0.0/24 via ${router} dev cilium_host proto kernel src ${router}`,
      `${router} dev cilium_host proto kernel scope link`,
      `10.244.1.0/24 via ${router} dev cilium_host proto kernel src ${router} mtu 1450`,
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
    ]);
    expect(inPod(c, 'default/a', 'route')).toEqual([
      `default via ${router} dev eth0 mtu 1450`,
      `${router} dev eth0 scope link`,
    ]);
    // The router IP is answered by the eBPF program on lxc, with lxc's MAC.
    expect(inPod(c, 'default/a', 'neigh')).toEqual([
      `${router} dev eth0 lladdr ${c.podByKey.get('default/a')?.vethHost?.mac} REACHABLE`,
    ]);
  });

  it('Geneve: cilium_geneve on 6081; native routing: no tunnel device, the peer CIDR via its eth0', () => {
    const g = ref('cilium', [cm({ tunnelProtocol: 'geneve' })]);
    expect(onNode(g, 'node-2', 'link')).toContain('    geneve external id 0 ttl auto dstport 6081');
    const n = ref('cilium', [cm({ routingMode: 'native' })]);
    const link = onNode(n, 'node-1', 'link');
    expect(link.filter((l) => /cilium_(vxlan|geneve)/.test(l))).toEqual([]);
    expect(onNode(n, 'node-1', 'route')).toContain(
      '10.244.1.0/24 via 192.168.1.12 dev eth0 proto kernel',
    );
    expect(inPod(n, 'default/a', 'route')[0]).not.toContain('mtu');
  });
});

describe('one model for ip and the walk', () => {
  it.each<[CniMode, OtherObject[]]>([
    ['vxlan', []],
    ['calico', [ippool('p', { ipipMode: 'Always' })]],
  ])(
    '%s: the pod eth0@ifN names its host end, whose @if2 is the pod eth0; the walk prints the same',
    (mode, others) => {
      const c = ref(mode, others);
      const b = c.podByKey.get('default/b');
      const host = onNode(c, 'node-1', 'link');
      const eth0 = linkLine(inPod(c, 'default/b', 'link'), 'eth0');
      const n = /@if(\d+):/.exec(eth0)?.[1];
      expect(linkLine(host, b?.vethHost?.name ?? '?')).toMatch(
        new RegExp(`^${n}: ${b?.vethHost?.name}@if2:`),
      );
      const t = trace(c, {
        from: 'default/a',
        to: 'default/b',
        port: 80,
        protocol: 'TCP',
      });
      const into = t.hops.find(
        (h) => h.kind === 'veth' && h.dev === 'eth0' && h.direction === 'request',
      );
      expect(into?.rule?.text).toMatch(new RegExp(`^eth0@if${n}: `));
    },
  );

  it('ifindexes are unique in a namespace; lo is 1, eth0 2; link-local from the MAC (EUI-64)', () => {
    const c = ref('calico', [ippool('p', { vxlanMode: 'Always' })]);
    const idx = onNode(c, 'node-1', 'link')
      .filter((l) => /^\d+: /.test(l))
      .map((l) => Number(l.split(':')[0]));
    expect(new Set(idx).size).toBe(idx.length);
    expect(idx.slice(0, 2)).toEqual([1, 2]);
    expect(linkLocal('ee:ee:ee:ee:ee:ee')).toBe('fe80::ecee:eeff:feee:eeee');
    expect(linkLocal('02:42:ac:11:00:02')).toBe('fe80::42:acff:fe11:2');
  });

  it('parses iproute2 abbreviations', () => {
    expect(
      [
        'a',
        'addr',
        'address',
        'l',
        'link',
        'r',
        'ro',
        'route',
        'n',
        'neigh',
        'neighbour',
        'x',
        'routes',
      ].map(parseIpObject),
    ).toEqual([
      'addr',
      'addr',
      'addr',
      'link',
      'link',
      'route',
      'route',
      'route',
      'neigh',
      'neigh',
      'neigh',
      undefined,
      undefined,
    ]);
  });
});
