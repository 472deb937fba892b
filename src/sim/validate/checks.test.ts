import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { cidrsOverlap, parseCidr } from '../addr/cidr';
import type { Node } from '../model/k8s';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { Scenario } from '../model/scenario';

import { tweak, withCode, type Mutable } from './testkit';
import { validate } from './validate';

const nodeWith = (name: string, n: number, podCIDR: string): Mutable<Node> => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  spec: { podCIDR },
  status: { addresses: [{ type: 'InternalIP', address: `192.168.1.${20 + n}` }] },
});

describe('node range overlaps', () => {
  it('finds exactly the overlapping pairs of node ranges (against brute force)', () => {
    const range = fc
      .record({ third: fc.integer({ min: 0, max: 7 }), prefix: fc.integer({ min: 21, max: 26 }) })
      .map(({ third, prefix }) => {
        const c = parseCidr(`10.244.${third}.0/${prefix}`);
        if (!c.ok) throw new Error(c.error);
        const net = c.value.addr & ~((1n << BigInt(32 - prefix)) - 1n);
        const q = [24n, 16n, 8n, 0n].map((s) => Number((net >> s) & 255n)).join('.');
        return `${q}/${prefix}`;
      });
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 8 }), (ranges) => {
        const s = tweak((x) => {
          x.nodes = ranges.map((r, i) => nodeWith(`n${i}`, i, r));
          x.pods = [];
        });
        const got = withCode(validate(s), 'cidr-overlap')
          .filter((d) => d.objects.length === 2)
          .map((d) => d.objects.join(' '));
        const want: string[] = [];
        for (let i = 0; i < ranges.length; i++)
          for (let j = i + 1; j < ranges.length; j++) {
            const a = parseCidr(ranges[i]!);
            const b = parseCidr(ranges[j]!);
            if (a.ok && b.ok && cidrsOverlap(a.value, b.value)) want.push(`node/n${i} node/n${j}`);
          }
        expect(got).toEqual(want);
      }),
    );
  });
});

describe('shared addresses that are fine and that are not', () => {
  const lb = (ip: string, port: number) =>
    tweak((x) => {
      for (const i of [0, 2]) {
        x.services[i]!.spec.type = 'LoadBalancer';
        x.services[i]!.status = { loadBalancer: { ingress: [{ ip }] } };
      }
      x.services[2]!.spec.ports![0]!.port = port;
    });

  it('two LoadBalancer Services may share an IP on different ports', () => {
    expect(withCode(validate(lb('192.168.1.240', 8080)), 'ip-duplicate')).toEqual([]);
  });

  it('but not on the same port', () => {
    const d = withCode(validate(lb('192.168.1.240', 80)), 'ip-duplicate');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      severity: 'error',
      field: 'services[2].status.loadBalancer.ingress[0].ip',
      ranges: ['192.168.1.240/32'],
      objects: ['svc/shop/frontend', 'svc/default/web'],
      message:
        '192.168.1.240 belongs to the load-balancer IP of Service shop/frontend and the load-balancer IP of Service default/web: both Services listen on 80/TCP there, and kube-proxy sends that traffic to only one of them. Use different ports or addresses.',
    });
  });

  it('a pod IP equal to a node address is a duplicate', () => {
    const s = tweak((x) => void (x.pods[0]!.status = { podIP: '192.168.1.12' }));
    expect(withCode(validate(s), 'ip-duplicate')[0]).toMatchObject({
      objects: ['node/node-2', 'pod/default/client'],
      field: 'pods[0].status.podIP',
    });
  });

  it('a pod with two IPv4 addresses is a family error', () => {
    const s = tweak(
      (x) => void (x.pods[0]!.status = { podIPs: [{ ip: '10.244.1.5' }, { ip: '10.244.1.6' }] }),
    );
    expect(withCode(validate(s), 'cidr-family')[0]).toMatchObject({
      severity: 'error',
      field: 'pods[0].status.podIPs[1].ip',
      ranges: ['10.244.1.5/32', '10.244.1.6/32'],
    });
  });
});

describe('more checks', () => {
  it('warns about a duplicate port definition inside one container', () => {
    const s = tweak((x) => void x.pods[4]!.spec.containers[0]!.ports!.push({ containerPort: 80 }));
    expect(withCode(validate(s), 'port-conflict')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        field: 'pods[4].spec.containers[0].ports[1].containerPort',
      }),
    ]);
  });

  it('checks workload templates once, not per replica', () => {
    const s = tweak((x) => {
      x.workloads.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'api', namespace: 'shop' },
        spec: {
          replicas: 3,
          template: {
            metadata: { labels: { app: 'api' } },
            spec: {
              containers: [
                { name: 'a', ports: [{ containerPort: 8080 }] },
                { name: 'b', ports: [{ containerPort: 8080 }] },
              ],
            },
          },
        },
      });
    });
    expect(withCode(validate(s), 'port-conflict')).toEqual([
      expect.objectContaining({
        objects: ['deploy/shop/api'],
        field: 'workloads[0].spec.template.spec.containers[1].ports[0].containerPort',
      }),
    ]);
  });

  it('flags invalid NetworkPolicy ipBlocks and loadBalancerSourceRanges', () => {
    const s = tweak((x) => {
      x.services[2]!.spec.loadBalancerSourceRanges = ['10.0.0.0/40'];
      x.networkPolicies.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'p', namespace: 'shop' },
        spec: { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0', except: ['x'] } }] }] },
      });
    });
    expect(withCode(validate(s), 'cidr-invalid').map((d) => d.field)).toEqual([
      'services[2].spec.loadBalancerSourceRanges[0]',
      'networkPolicies[0].spec.ingress[0].from[0].ipBlock.cidr',
      'networkPolicies[0].spec.ingress[0].from[0].ipBlock.except[0]',
    ]);
  });

  it('warns when a Service range family has no pods of that family', () => {
    const s = tweak((x) => void (x.cluster.serviceSubnet = '10.96.0.0/12,fd00:10:96::/112'));
    expect(withCode(validate(s), 'cidr-family')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        field: 'cluster.serviceSubnet',
        message:
          "Service CIDR fd00:10:96::/112 is IPv6 but the pod network (podSubnet) has no IPv6 block: pods cannot reach these ClusterIPs. Add an IPv6 pod block or use a service range of the pods' family.",
      }),
    ]);
  });

  it('warns about an IPv4 node mask far longer than the pod network (kubeadm)', () => {
    const s = tweak((x) => {
      x.cluster.podSubnet = '10.0.0.0/8';
      x.cluster.nodeCIDRMaskSize = 26;
      x.nodes.forEach((n) => delete n.spec);
    });
    expect(withCode(validate(s), 'mask-size')).toEqual([
      expect.objectContaining({ severity: 'warning', field: 'cluster.nodeCIDRMaskSize' }),
    ]);
  });

  it('warns about a node address on the node network gateway', () => {
    const s = tweak((x) => void (x.nodes[0]!.status!.addresses![0]!.address = '192.168.1.1'));
    expect(withCode(validate(s), 'ip-outside-range')[0]).toMatchObject({
      severity: 'warning',
      message:
        "Node node-1's InternalIP 192.168.1.1 is the node subnet 192.168.1.0/24's default gateway, which its router holds. Pick another address in 192.168.1.0/24.",
    });
  });
});

describe('node addresses and the families of the plan', () => {
  // An IPv6-only plan whose nodes kept their IPv4 addresses: no IPv6 next hop between nodes.
  const v6 = (): Scenario => ({
    ...DEFAULT_SCENARIO,
    cluster: {
      ...DEFAULT_SCENARIO.cluster,
      podSubnet: 'fd00:10:244::/56',
      serviceSubnet: 'fd00:10:96::/112',
      nodeNetwork: [{ cidr: '2001:db8::/64' }],
    },
    nodes: DEFAULT_SCENARIO.nodes.map((n) => ({ ...n, spec: {} })),
    services: DEFAULT_SCENARIO.services.map((x) => {
      const { clusterIP: _a, clusterIPs: _b, ...spec } = x.spec;
      return { ...x, spec };
    }),
  });

  it('warns for each node without an address of the pod network family', () => {
    const d = withCode(validate(v6()), 'cidr-family');
    expect(d.map((x) => x.message)).toEqual(
      expect.arrayContaining([
        "Node node-1 has no IPv6 address (InternalIP 192.168.1.11) but the pod network has the IPv6 block fd00:10:244::/56: no node has a next hop for node-1's IPv6 pod range, so IPv6 pod traffic cannot cross to or from node-1. Give node-1 an IPv6 InternalIP.",
        "Node node-2's address 192.168.1.12 is IPv4 but the node network (nodeNetwork 2001:db8::/64) has no IPv4 block: routes and the node network's gateway are worked out from it. Add an IPv4 block to nodeNetwork or give node-2 an address inside it.",
      ]),
    );
    expect(d.find((x) => x.objects?.includes('node/node-1'))?.field).toBe(
      'nodes[0].status.addresses',
    );
  });

  it('is quiet when the nodes have addresses of the plan family', () => {
    const s = v6();
    const ok: Scenario = {
      ...s,
      nodes: s.nodes.map((n, i) => ({
        ...n,
        status: { addresses: [{ type: 'InternalIP', address: `2001:db8::${11 + i}` }] },
      })),
    };
    expect(withCode(validate(ok), 'cidr-family')).toEqual([]);
  });
});
