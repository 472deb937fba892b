/**
 * Calico configured by the cluster's IPPools (reference/cni-datapaths.md §2.3–2.5): both API
 * groups, block size and node affinity, VXLAN, no encapsulation, CrossSubnet across the node
 * subnets, nodeSelector, and bad pools named in a note.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../../derive/cluster';
import { requestHops } from '../../trace/testkit';
import { trace } from '../../trace/tracer';

import { calicoScenario, ippool } from './testkit';

const TWO_SUBNETS = [{ cidr: '192.168.1.0/24' }, { cidr: '192.168.2.0/24' }];

describe('IPPool objects configure Calico', () => {
  it.each(['projectcalico.org/v3', 'crd.projectcalico.org/v1'])(
    'reads %s pools: cidr and blockSize decide the blocks',
    (api) => {
      const c = deriveCluster(
        calicoScenario({
          pools: [ippool('p', { cidr: '10.50.0.0/16', blockSize: 28, ipipMode: 'Always' }, api)],
        }),
      );
      for (const p of c.pods) expect(p.ips[0]).toMatch(/^10\.50\./);
      const blackholes = c.nodes.flatMap((n) =>
        n.routes.filter((r) => r.type === 'blackhole').map((r) => r.dst),
      );
      expect(blackholes).toHaveLength(2);
      for (const b of blackholes) expect(b).toMatch(/^10\.50\.\d+\.\d+\/28$/);
    },
  );

  it('without IPPools calico-node’s default pool is used: the pod network, IP-in-IP Always, /26', () => {
    const c = deriveCluster(calicoScenario({ pools: [] }));
    expect(c.datapath.profile.name).toBe('Calico IP-in-IP (ipipMode: Always)');
    expect(c.datapath.profile.ipam).toContain('default-ipv4-ippool');
    expect(c.nodeByName.get('node-1')?.routes.some((r) => r.dst.endsWith('/26'))).toBe(true);
  });

  it('a node whose block is full claims another block (node affinity: several blocks per node)', () => {
    const s = calicoScenario({ pools: [ippool('p', { blockSize: 30, ipipMode: 'Never' })] });
    const c = deriveCluster({
      ...s,
      pods: [
        ...s.pods,
        ...['d', 'e', 'f'].map((n) => ({
          ...s.pods[0]!,
          metadata: { name: n, namespace: 'default' },
        })),
      ],
    });
    const n1 = c.nodeByName.get('node-1');
    const blocks = n1?.routes.filter((r) => r.type === 'blackhole') ?? [];
    // 5 pods on node-1 (no tunnel device in plain BGP mode): a /30 holds 4, so two blocks.
    expect(blocks).toHaveLength(2);
    const n2routes = c.nodeByName.get('node-2')?.routes ?? [];
    for (const b of blocks)
      expect(n2routes.map((r) => r.text)).toContain(
        `${b.dst} via 192.168.1.11 dev eth0 proto bird metric 1024`,
      );
  });

  it('nodeSelector limits a pool to the nodes it selects', () => {
    const s = calicoScenario({
      pools: [
        ippool('blue', { cidr: '10.1.0.0/16', nodeSelector: "kubernetes.io/hostname == 'node-1'" }),
        ippool('green', { cidr: '10.2.0.0/16', nodeSelector: '!has(nope) && all()' }),
      ],
    });
    const c = deriveCluster(s);
    expect(c.podByKey.get('default/a')?.ips[0]).toMatch(/^10\.1\./);
    expect(c.podByKey.get('default/c')?.ips[0]).toMatch(/^10\.2\./);
  });

  it('a bad pool is named in a note with the fix, and the rest of the cluster still derives', () => {
    const c = deriveCluster(
      calicoScenario({
        pools: [
          ippool('bad', { cidr: '10.300.0.0/16' }),
          ippool('both', { ipipMode: 'Always', vxlanMode: 'Always' }),
        ],
      }),
    );
    const msgs = c.notes.filter((n) => n.code === 'calico-ippool-invalid').map((n) => n.message);
    expect(msgs.some((m) => m.includes('IPPool bad') && m.includes('not a CIDR'))).toBe(true);
    expect(msgs.some((m) => m.includes('IPPool both') && m.includes('ipipMode: Never'))).toBe(true);
    expect(c.nodeByName.get('node-1')?.devices.map((d) => d.name)).toEqual(['vxlan.calico']);
  });
});

describe('VXLAN and no encapsulation', () => {
  it('vxlanMode Always: vxlan.calico (VNI 4096, UDP 4789, MTU 1450), route via the peer VTEP onlink, neighbour + FDB', () => {
    const c = deriveCluster(calicoScenario({ pools: [ippool('p', { vxlanMode: 'Always' })] }));
    const n1 = c.nodeByName.get('node-1');
    const n2 = c.nodeByName.get('node-2');
    const vx = n1?.devices.find((d) => d.name === 'vxlan.calico');
    expect(vx).toMatchObject({ type: 'vxlan', mtu: 1450 });
    expect(vx?.details).toContain('vxlan id 4096 local 192.168.1.11 dev eth0');
    expect(vx?.details).toContain('dstport 4789');
    const vtep2 = n2?.devices.find((d) => d.name === 'vxlan.calico')?.addrs[0]?.ip ?? '';
    const peerBlock = n2?.routes.find((r) => r.type === 'blackhole')?.dst ?? '';
    expect(n1?.routes.map((r) => r.text)).toContain(
      `${peerBlock} via ${vtep2} dev vxlan.calico onlink mtu 1450`,
    );
    expect(n1?.routes.find((r) => r.type === 'blackhole')?.text).toMatch(/proto 80$/);
    expect(n1?.fdb.map((f) => f.text)).toEqual([
      expect.stringMatching(/^[0-9a-f:]{17} dev vxlan\.calico dst 192\.168\.1\.12 self permanent$/),
    ]);
    expect(c.podByKey.get('default/a')?.eth0?.mtu).toBe(1450);
    const t = trace(c, { from: 'pod/default/a', to: 'pod/default/c' });
    const encap = requestHops(t).find((h) => h.kind === 'encap');
    expect(encap?.dev).toBe('vxlan.calico');
    expect(encap?.packet.outer).toMatchObject({
      srcIP: '192.168.1.11',
      dstIP: '192.168.1.12',
      dstPort: 4789,
    });
    expect(encap?.packet.vni).toBe(4096);
    expect(t.verdict).toBe('delivered');
  });

  it('ipipMode and vxlanMode Never: BGP routes via the peer’s eth0, the pod packet on the wire as is', () => {
    const c = deriveCluster(calicoScenario({ pools: [ippool('p', {})] }));
    const n1 = c.nodeByName.get('node-1');
    expect(n1?.devices).toEqual([]);
    expect(c.podByKey.get('default/a')?.eth0?.mtu).toBe(1500);
    expect(c.podByKey.get('default/a')?.ips[0]).toMatch(/\.0$/); // no tunnel address: pods from .0
    const t = trace(c, { from: 'pod/default/a', to: 'pod/default/c' });
    const req = requestHops(t);
    expect(req.some((h) => h.kind === 'encap')).toBe(false);
    expect(req.find((h) => h.kind === 'wire')?.packet.srcIP).toBe(
      c.podByKey.get('default/a')?.ips[0],
    );
    const peer = req.find((h) => h.kind === 'route' && h.netns === 'node/node-1');
    expect(peer?.rule?.text).toMatch(/ via 192\.168\.1\.12 dev eth0 proto bird metric 1024$/);
  });
});

describe('CrossSubnet uses the node subnets', () => {
  it.each([
    ['ipipMode', 'tunl0'],
    ['vxlanMode', 'vxlan.calico'],
  ])('%s CrossSubnet: plain routes within a subnet, %s to a node on another', (field, dev) => {
    const pools = [ippool('p', { [field]: 'CrossSubnet' })];
    const same = deriveCluster(calicoScenario({ pools, subnets: TWO_SUBNETS }));
    const other = deriveCluster(
      calicoScenario({ pools, subnets: TWO_SUBNETS, node2Ip: '192.168.2.12' }),
    );
    const peerRoute = (c: typeof same) =>
      c.nodeByName
        .get('node-1')
        ?.routes.find((r) => r.dst.endsWith('/26') && r.type !== 'blackhole');
    expect(peerRoute(same)?.dev).toBe('eth0');
    expect(peerRoute(other)?.dev).toBe(dev);
    const t1 = trace(same, { from: 'pod/default/a', to: 'pod/default/c' });
    const t2 = trace(other, { from: 'pod/default/a', to: 'pod/default/c' });
    expect(requestHops(t1).some((h) => h.kind === 'encap')).toBe(false);
    expect(requestHops(t2).find((h) => h.kind === 'encap')?.dev).toBe(dev);
    expect(t1.verdict).toBe('delivered');
    expect(t2.verdict).toBe('delivered');
  });
});
