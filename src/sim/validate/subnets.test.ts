/** Node subnets: gateways, overlaps between subnets, addresses outside them, routes across them. */
import { describe, expect, it } from 'vitest';

import { node, pod, scenario, service } from '../test/builders';

import { validate } from './validate';

const TWO = scenario({
  cluster: { nodeNetwork: [{ cidr: '192.168.1.0/24' }, { cidr: '192.168.2.0/24' }] },
  nodes: [node('node-1', '192.168.1.11'), node('node-2', '192.168.2.11')],
});

const codes = (s: Parameters<typeof validate>[0]) =>
  validate(s).map((d) => `${d.severity} ${d.code} ${d.field ?? ''}`);

describe('validate: node subnets', () => {
  it('warns when routes (host-gw) must cross given subnets, not with VXLAN or cloud routes', () => {
    const d = validate(TWO).find((x) => x.code === 'cross-subnet-routes');
    expect(d).toMatchObject({
      severity: 'warning',
      ranges: ['192.168.1.0/24', '192.168.2.0/24'],
      objects: ['node/node-1', 'node/node-2'],
      field: 'cluster.cni.mode',
    });
    expect(d?.message).toMatch(
      /ip route add 10\.244\.1\.0\/24 via 192\.168\.2\.11 dev eth0 on node-1: Nexthop has invalid gateway/,
    );
    for (const mode of ['vxlan', 'cloud-routes'] as const)
      expect(codes({ ...TWO, cluster: { ...TWO.cluster, cni: { mode } } })).toEqual([]);
  });

  it('says nothing about subnets an import inferred (their blocks are a guess)', () => {
    const inferred = {
      ...TWO,
      cluster: {
        ...TWO.cluster,
        nodeNetwork: TWO.cluster.nodeNetwork.map((s) => ({ ...s, inferred: true })),
      },
    };
    expect(codes(inferred)).toEqual([]);
  });

  it('checks gateways: an address, of the subnet, not its network or broadcast address', () => {
    const gw = (gateway: string) =>
      validate({
        ...TWO,
        cluster: { ...TWO.cluster, nodeNetwork: [{ cidr: '192.168.1.0/24', gateway }] },
        nodes: [TWO.nodes[0]!],
      }).map((d) => [d.code, d.message]);
    expect(gw('192.168.1.254')).toEqual([]);
    expect(gw('192.168.3.1')).toEqual([
      [
        'ip-outside-range',
        "Node subnet 192.168.1.0/24's gateway 192.168.3.1 is outside the subnet 192.168.1.0/24: a default route's gateway must be on the link. Use a host address of 192.168.1.0/24 (clouds put the router on the first one).",
      ],
    ]);
    expect(gw('192.168.1.255')[0]?.[1]).toMatch(/is the broadcast address/);
    expect(gw('router')[0]).toEqual([
      'ip-invalid',
      'Node subnet 192.168.1.0/24\'s gateway "router" is not usable: it is not an IP address. Give the router\'s address on the subnet, e.g. its first address.',
    ]);
    expect(gw('fd00::1')[0]?.[0]).toBe('cidr-family');
  });

  it('finds overlapping subnets, a node outside every subnet and a node on the gateway', () => {
    const s = scenario({
      cluster: { nodeNetwork: [{ cidr: '192.168.0.0/16' }, { cidr: '192.168.2.0/24' }] },
      nodes: [node('a', '192.168.0.1'), node('b', '172.16.0.5')],
    });
    const d = validate(s);
    expect(d.find((x) => x.code === 'cidr-overlap')?.message).toMatch(
      /^Node subnet 192\.168\.0\.0\/16 overlaps Node subnet 192\.168\.2\.0\/24/,
    );
    expect(d.filter((x) => x.code === 'ip-outside-range').map((x) => x.message)).toEqual([
      "Node a's InternalIP 192.168.0.1 is the node subnet 192.168.0.0/16's default gateway, which its router holds. Pick another address in 192.168.0.0/16.",
      "Node b's InternalIP 172.16.0.5 is in none of the node subnets (192.168.0.0/16, 192.168.2.0/24): b is taken to sit on a subnet of its own, 172.16.0.0/24, reached from the others only through the router. Use an address in 192.168.0.0/16, or add b's subnet to nodeNetwork.",
    ]);
  });
});

describe('validate: topology-aware routing', () => {
  const base = scenario({
    nodes: [node('n1', '192.168.1.11'), node('n2', '192.168.1.12')],
    pods: [pod('w1', 'n1', { labels: { app: 'w' } }), pod('w2', 'n2', { labels: { app: 'w' } })],
  });
  const withSvc = (spec: object, annotations?: Record<string, string>) => ({
    ...base,
    services: [
      {
        ...service('w', { selector: { app: 'w' }, ports: [{ port: 80 }], ...spec }),
        metadata: { name: 'w', namespace: 'default', ...(annotations ? { annotations } : {}) },
      },
    ],
  });

  it('refuses an unknown trafficDistribution, as kube-apiserver does', () => {
    expect(codes(withSvc({ trafficDistribution: 'PreferFar' }))).toEqual([
      'error traffic-distribution services[0].spec.trafficDistribution',
    ]);
  });

  it('warns when the hints asked for are withheld or cannot match any node', () => {
    expect(
      validate(withSvc({}, { 'service.kubernetes.io/topology-mode': 'Auto' }))[0]?.message,
    ).toMatch(/withholds them — Insufficient Node information/);
    expect(validate(withSvc({ trafficDistribution: 'PreferClose' }))[0]?.message).toMatch(
      /no node has a topology\.kubernetes\.io\/zone label/,
    );
  });
});
