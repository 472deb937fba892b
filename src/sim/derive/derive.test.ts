import { describe, expect, it } from 'vitest';

import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import { node, pod, scenario, service } from '../test/builders';

import { deriveCluster } from './cluster';

describe('IPAM: node ranges and addresses', () => {
  it('allocates node podCIDRs from the pod network in node order, keeping given ones', () => {
    const c = deriveCluster(
      scenario({
        nodes: [node('a'), node('b', undefined, '10.244.0.0/24'), node('c')],
        cluster: { podSubnet: '10.244.0.0/16' },
      }),
    );
    expect(c.nodes.map((n) => n.podCIDRs[0])).toEqual([
      '10.244.1.0/24',
      '10.244.0.0/24',
      '10.244.2.0/24',
    ]);
    expect(c.nodes.map((n) => n.podCIDRsAllocated)).toEqual([true, false, true]);
  });

  it.each([
    ['/16 with /24 nodes', '10.244.0.0/16', 24, '10.244.0.0/24'],
    ['/20 with /26 nodes', '10.0.0.0/20', 26, '10.0.0.0/26'],
    ['IPv6 /56 with /64 nodes', 'fd00:10:244::/56', 64, 'fd00:10:244::/64'],
  ])('first node range for %s', (_name, podSubnet, mask, want) => {
    const c = deriveCluster(
      scenario({
        nodes: [node('a', '192.168.1.11')],
        cluster: { podSubnet, nodeCIDRMaskSize: mask, nodeCIDRMaskSizeIPv6: mask },
      }),
    );
    expect(c.nodes[0]?.podCIDRs).toEqual([want]);
  });

  it('reports an exhausted pod network', () => {
    const c = deriveCluster(
      scenario({
        nodes: [node('a'), node('b'), node('c')],
        cluster: { podSubnet: '10.244.0.0/23' },
      }),
    );
    expect(c.nodes[2]?.podCIDRs).toEqual([]);
    expect(c.notes.map((n) => n.code)).toContain('podcidr-exhausted');
  });

  it('gives nodes without addresses the next free ones from the node network', () => {
    const c = deriveCluster(scenario({ nodes: [node('a'), node('b', '192.168.1.12'), node('c')] }));
    expect(c.nodes.map((n) => n.ips[0])).toEqual(['192.168.1.11', '192.168.1.12', '192.168.1.13']);
  });

  it('gives pods IPs from their node range (.1 is cni0), keeping explicit ones', () => {
    const c = deriveCluster(
      scenario({
        nodes: [node('a', '192.168.1.11', '10.244.1.0/24')],
        pods: [pod('p1', 'a'), pod('p2', 'a', { ip: '10.244.1.2' }), pod('p3', 'a')],
      }),
    );
    expect(c.nodes[0]?.devices.find((d) => d.name === 'cni0')?.addrs).toEqual([
      { ip: '10.244.1.1', prefix: 24 },
    ]);
    expect(c.pods.map((p) => p.ips[0])).toEqual(['10.244.1.3', '10.244.1.2', '10.244.1.4']);
    expect(c.pods.map((p) => p.ipAllocated)).toEqual([true, false, true]);
  });

  it('hostNetwork pods take the node IP and get no veth', () => {
    const c = deriveCluster(
      scenario({
        nodes: [node('a', '192.168.1.11')],
        pods: [pod('h', 'a', { hostNetwork: true })],
      }),
    );
    expect(c.pods[0]?.ips).toEqual(['192.168.1.11']);
    expect(c.pods[0]?.vethHost).toBeUndefined();
  });

  it('a pod on a missing node gets no network and a note naming the node', () => {
    const c = deriveCluster(scenario({ nodes: [node('a')], pods: [pod('p', 'ghost')] }));
    expect(c.pods[0]?.ips).toEqual([]);
    expect(c.pods[0]?.nodeMissing).toBe(true);
    expect(c.notes.find((n) => n.code === 'pod-node-missing')?.message).toContain('"ghost"');
  });

  it('schedules pods without nodeName onto the least loaded node', () => {
    const c = deriveCluster(
      scenario({
        nodes: [node('a'), node('b')],
        pods: [pod('x', 'a'), pod('y', undefined), pod('z', undefined)],
      }),
    );
    expect(c.pods.map((p) => p.nodeName)).toEqual(['a', 'b', 'a']);
    expect(c.pods[1]?.scheduled).toBe(true);
  });
});

describe('Services and EndpointSlices', () => {
  const base = scenario({
    nodes: [node('a', '192.168.1.11', '10.244.1.0/24'), node('b', '192.168.1.12', '10.244.2.0/24')],
    pods: [
      pod('web-1', 'a', {
        labels: { app: 'web' },
        containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }],
      }),
      pod('web-2', 'b', {
        labels: { app: 'web' },
        containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 9090 }] }],
      }),
      pod('web-3', 'b', {
        labels: { app: 'web' },
        ready: false,
        containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }],
      }),
      pod('other', 'b', { labels: { app: 'other' } }),
    ],
    services: [
      service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
      service('fixed', { clusterIP: '10.96.0.50', ports: [{ port: 1 }] }),
    ],
  });
  const c = deriveCluster(base);

  it('allocates ClusterIPs inside the service range and keeps given ones', () => {
    const web = c.serviceByKey.get('default/web');
    expect(web?.clusterIPs[0]).toMatch(/^10\.(9[6-9]|10[0-9]|110|111)\./);
    expect(web?.clusterIPAllocated).toBe(true);
    expect(c.serviceByKey.get('default/fixed')?.clusterIPs).toEqual(['10.96.0.50']);
  });

  it('derives endpoints from the selector, readiness and named target ports per pod', () => {
    const slices = c.endpointSlices.filter((e) => e.serviceKey === 'default/web');
    const byPort = Object.fromEntries(
      slices.map((s) => [
        s.slice.ports?.[0]?.port,
        s.slice.endpoints.map((e) => [e.addresses[0], e.conditions?.ready, e.nodeName]),
      ]),
    );
    expect(byPort).toEqual({
      8080: [
        ['10.244.1.2', true, 'a'],
        ['10.244.2.3', false, 'b'],
      ],
      9090: [['10.244.2.2', true, 'b']],
    });
  });

  it('given EndpointSlices replace the derived ones for their Service', () => {
    const withSlice = deriveCluster({
      ...base,
      endpointSlices: [
        {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            name: 'web-x',
            namespace: 'default',
            labels: { 'kubernetes.io/service-name': 'web' },
          },
          addressType: 'IPv4',
          endpoints: [{ addresses: ['10.9.9.9'] }],
          ports: [{ port: 80 }],
        },
      ],
    });
    const slices = withSlice.endpointSlices.filter((e) => e.serviceKey === 'default/web');
    expect(slices).toHaveLength(1);
    expect(slices[0]?.derived).toBe(false);
  });

  it('allocates NodePorts in 30000-32767 and an LB address for LoadBalancer Services', () => {
    const lb = deriveCluster({
      ...base,
      services: [
        service('lb', {
          type: 'LoadBalancer',
          selector: { app: 'web' },
          externalTrafficPolicy: 'Local',
          ports: [{ port: 80 }],
        }),
      ],
    });
    const s = lb.serviceByKey.get('default/lb');
    expect(s?.ports[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    expect(s?.ports[0]?.nodePort).toBeLessThanOrEqual(32767);
    expect(s?.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(s?.loadBalancerIPs).toEqual(['192.168.1.254']);
  });
});

describe('datapath', () => {
  const c = deriveCluster(DEFAULT_SCENARIO);

  it("node-1's ip route has the other node's pod range via its node IP", () => {
    expect(c.nodeByName.get('node-1')?.routes.map((r) => r.text)).toEqual([
      'default via 192.168.1.1 dev eth0 proto static',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      '10.244.2.0/24 via 192.168.1.12 dev eth0',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
    ]);
  });

  it('every pod gets a veth pair on its node bridge and routes via cni0', () => {
    for (const p of c.pods) {
      expect(p.vethHost?.name).toMatch(/^veth[0-9a-f]{8}$/);
      expect(p.eth0?.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
      expect(p.routes.map((r) => r.text)[0]).toMatch(/^default via 10\.244\.[12]\.1 dev eth0$/);
    }
    expect(new Set(c.pods.map((p) => p.vethHost?.name)).size).toBe(c.pods.length);
  });

  it('vxlan mode routes other pod ranges through flannel.1 with FDB and neighbour entries', () => {
    const v = deriveCluster({
      ...DEFAULT_SCENARIO,
      cluster: { ...DEFAULT_SCENARIO.cluster, cni: { mode: 'vxlan' } },
    });
    const n1 = v.nodeByName.get('node-1');
    expect(n1?.routes.map((r) => r.text)).toContain(
      '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
    );
    expect(n1?.fdb[0]?.dst).toBe('192.168.1.12');
    expect(n1?.devices.find((d) => d.name === 'flannel.1')?.mtu).toBe(1450);
    expect(v.pods[0]?.eth0?.mtu).toBe(1450);
  });

  it('derivation is deterministic and memoised', () => {
    expect(deriveCluster(DEFAULT_SCENARIO)).toBe(c);
    const again = deriveCluster(JSON.parse(JSON.stringify(DEFAULT_SCENARIO)));
    expect(again.pods.map((p) => [p.key, p.ips, p.eth0?.mac])).toEqual(
      c.pods.map((p) => [p.key, p.ips, p.eth0?.mac]),
    );
  });
});
