/**
 * Calico behind the CNI seam on the reference's 2-node cluster (reference/cni-datapaths.md §2):
 * links, addresses and routes as `ip` prints them, and the walks of §2.8 with their devices.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../../derive/cluster';
import { requestHops } from '../../trace/testkit';
import { trace } from '../../trace/tracer';
import type { Hop } from '../../trace/types';

import { caliName } from './names';
import { calicoScenario, ippool } from './testkit';

/** "kind@node:dev" for each request hop. */
const path = (hops: readonly Hop[]): string[] =>
  hops.map((h) => `${h.kind}@${h.node ?? '-'}:${h.dev ?? '-'}`);

describe('Calico IP-in-IP: what is on a node and in a pod', () => {
  const c = deriveCluster(calicoScenario());
  const n1 = c.nodeByName.get('node-1');
  const n2 = c.nodeByName.get('node-2');
  const a = c.podByKey.get('default/a');

  it('names the host veth cali + 11 hex of SHA-1("namespace.pod"), MAC ee:ee:ee:ee:ee:ee, no address', () => {
    expect(caliName('default', 'a')).toBe('caliacd53aa4120');
    expect(a?.vethHost).toMatchObject({
      name: 'caliacd53aa4120',
      mac: 'ee:ee:ee:ee:ee:ee',
      addrs: [],
      mtu: 1480,
    });
  });

  it('gives the pod a /32 from its node’s /26 block and routes via 169.254.1.1 answered by proxy ARP', () => {
    expect(a?.eth0?.addrs).toEqual([{ ip: '10.244.251.1', prefix: 32 }]);
    expect(a?.eth0?.mtu).toBe(1480);
    expect(a?.routes.map((r) => r.text)).toEqual([
      'default via 169.254.1.1 dev eth0',
      '169.254.1.1 dev eth0 scope link',
    ]);
    expect(a?.neigh.map((n) => n.text)).toEqual([
      '169.254.1.1 dev eth0 lladdr ee:ee:ee:ee:ee:ee REACHABLE',
    ]);
  });

  it('has no bridge; tunl0 (ipip, NOARP, MTU 1480) holds the first address of the node’s block as /32', () => {
    expect(n1?.devices.map((d) => `${d.name}:${d.type}:${d.mtu}`)).toEqual(['tunl0:ipip:1480']);
    expect(n1?.devices[0]?.addrs).toEqual([{ ip: '10.244.251.0', prefix: 32 }]);
    expect(n1?.devices[0]?.flags).toContain('NOARP');
    expect(n1?.podAttach.style).toBe('routed');
    expect(n1?.devices.some((d) => d.type === 'bridge')).toBe(false);
  });

  it('routes: /32 per local pod, blackhole for the own block, proto bird via tunl0 onlink to the peer’s', () => {
    expect(n1?.routes.map((r) => r.text)).toEqual([
      'default via 192.168.1.1 dev eth0 proto static',
      '10.244.123.192/26 via 192.168.1.12 dev tunl0 proto bird metric 1024 onlink',
      'blackhole 10.244.251.0/26 proto bird',
      '10.244.251.1 dev caliacd53aa4120 scope link metric 1024',
      `10.244.251.2 dev ${caliName('default', 'b')} scope link metric 1024`,
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
    ]);
    expect(n2?.routes.map((r) => r.text)).toContain(
      '10.244.251.0/26 via 192.168.1.11 dev tunl0 proto bird metric 1024 onlink',
    );
    expect(n1?.neigh.map((n) => n.text)).toContain(
      `10.244.251.1 dev caliacd53aa4120 lladdr ${a?.eth0?.mac ?? ''} PERMANENT`,
    );
  });

  it('ignores node.spec.podCIDR: the profile says where addresses come from', () => {
    expect(c.datapath.profile).toMatchObject({ kind: 'calico', podMtu: 1480, kubeProxy: true });
    expect(c.datapath.profile.ipam).toContain('/26 blocks');
    expect(c.datapath.profile.name).toBe('Calico IP-in-IP (ipipMode: Always)');
  });
});

describe('Calico IP-in-IP: walks (reference §2.8)', () => {
  const c = deriveCluster(calicoScenario());

  it('a → b on the same node is routed through the host: proxy ARP, cali a, /32 route, cali b; TTL −1', () => {
    const t = trace(c, { from: 'pod/default/a', to: 'pod/default/b' });
    const req = requestHops(t);
    expect(t.verdict).toBe('delivered');
    expect(path(req)).toEqual([
      'send@node-1:eth0',
      'route@node-1:eth0',
      'veth@node-1:caliacd53aa4120',
      `route@node-1:${caliName('default', 'b')}`,
      `route@node-1:${caliName('default', 'b')}`,
      'veth@node-1:eth0',
      'deliver@node-1:eth0',
    ]);
    expect(req[1]?.title).toBe('ARP 169.254.1.1 → proxy ARP by caliacd53aa4120');
    expect(req.at(-1)?.packet.ttl).toBe(63);
    expect(req.at(-1)?.packet.srcIP).toBe('10.244.251.1');
  });

  it('a → c crosses nodes in tunl0: outer 192.168.1.11 → 192.168.1.12 protocol 4; inner TTL −2', () => {
    const t = trace(c, { from: 'pod/default/a', to: 'pod/default/c' });
    const req = requestHops(t);
    expect(path(req)).toEqual([
      'send@node-1:eth0',
      'route@node-1:eth0',
      'veth@node-1:caliacd53aa4120',
      'route@node-1:tunl0',
      'encap@node-1:tunl0',
      'wire@node-1:eth0',
      'wire@node-2:eth0',
      'decap@node-2:tunl0',
      `route@node-2:${caliName('default', 'c')}`,
      `route@node-2:${caliName('default', 'c')}`,
      'veth@node-2:eth0',
      'deliver@node-2:eth0',
    ]);
    const encap = req.find((h) => h.kind === 'encap');
    expect(encap?.packet.outer).toMatchObject({
      srcIP: '192.168.1.11',
      dstIP: '192.168.1.12',
      protocol: 'IPIP',
      ttl: 63,
    });
    expect(encap?.rule?.text).toBe(
      '10.244.123.192/26 via 192.168.1.12 dev tunl0 proto bird metric 1024 onlink',
    );
    expect(req.at(-1)?.packet).toMatchObject({ srcIP: '10.244.251.1', ttl: 62 });
    expect(req.at(-1)?.packet.outer).toBeUndefined();
  });

  it('a → ClusterIP: kube-proxy DNATs in node-1’s nat PREROUTING on arrival from cali a, then as pod → pod', () => {
    const t = trace(c, { from: 'pod/default/a', to: 'svc/default/svc-c' });
    const req = requestHops(t);
    const dnat = req.find((h) => h.kind === 'dnat');
    expect(dnat).toMatchObject({ node: 'node-1', dev: 'caliacd53aa4120' });
    expect(req.map((h) => h.kind).indexOf('dnat')).toBeLessThan(
      req.map((h) => h.kind).indexOf('encap'),
    );
    expect(req.at(-1)?.packet).toMatchObject({ srcIP: '10.244.251.1', dstIP: '10.244.123.193' });
  });

  it('external → NodePort on node-1, backend on node-2: MASQUERADE to tunl0’s address, not the node IP', () => {
    const t = trace(c, { from: '203.0.113.10', to: 'svc/default/np-c', node: 'node-1' });
    const req = requestHops(t);
    expect(t.verdict).toBe('delivered');
    expect(req.find((h) => h.kind === 'snat')?.dev).toBe('tunl0');
    expect(req.at(-1)?.packet.srcIP).toBe('10.244.251.0');
    expect(t.masqueraded).toBe(true);
  });

  it('node-1 → c leaves with tunl0’s address (the route’s device picks the source)', () => {
    const t = trace(c, { from: 'node/node-1', to: 'pod/default/c' });
    expect(requestHops(t).at(-1)?.packet.srcIP).toBe('10.244.251.0');
  });

  it('natOutgoing: a → the internet is masqueraded by cali-nat-outgoing; without it the pod keeps its address', () => {
    const on = trace(c, { from: 'pod/default/a', to: '93.184.216.34' });
    expect(requestHops(on).at(-1)?.packet.srcIP).toBe('192.168.1.11');
    const snat = requestHops(on).find((h) => h.kind === 'snat');
    expect(snat?.rules?.some((r) => r.chain === 'cali-nat-outgoing')).toBe(true);
    const off = deriveCluster(
      calicoScenario({ pools: [ippool('p', { ipipMode: 'Always', natOutgoing: false })] }),
    );
    const t = trace(off, { from: 'pod/default/a', to: '93.184.216.34' });
    expect(requestHops(t).at(-1)?.packet.srcIP).toBe(off.podByKey.get('default/a')?.ips[0]);
    expect(requestHops(t).some((h) => h.kind === 'snat')).toBe(false);
  });
});
