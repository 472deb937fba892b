/**
 * Golden walks between pods in both CNI modes (DESIGN.md §3/§4): containers of one pod over lo,
 * pods on one node over the bridge, pods on two nodes over static routes or the VXLAN overlay.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import type { Cluster, DerivedNode, DerivedPod } from '../derive/types';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { CniMode } from '../model/scenario';

import { MODES, device, withMode, steps, requestHops, replyHops } from './testkit';
import { trace } from './tracer';
import type { Hop, Trace } from './types';

function setup(mode: CniMode): {
  cluster: Cluster;
  pod: (key: string) => DerivedPod;
  node: (name: string) => DerivedNode;
} {
  const cluster = deriveCluster(withMode(DEFAULT_SCENARIO, mode));
  return {
    cluster,
    pod: (key) => {
      const p = cluster.podByKey.get(key);
      if (!p) throw new Error(`test setup: no pod ${key}`);
      return p;
    },
    node: (name) => {
      const n = cluster.nodeByName.get(name);
      if (!n) throw new Error(`test setup: no node ${name}`);
      return n;
    },
  };
}

/** The hops of one routed crossing from node `a` to node `b` (both ends route). */
function crossing(dir: '→' | '←', a: string, b: string, mode: CniMode): string[] {
  return mode === 'routes'
    ? [`${dir}:route:${a}`, `${dir}:wire:${a}`, `${dir}:wire:${b}`, `${dir}:route:${b}`]
    : [
        `${dir}:route:${a}`,
        `${dir}:encap:${a}`,
        `${dir}:wire:${a}`,
        `${dir}:wire:${b}`,
        `${dir}:decap:${b}`,
        `${dir}:route:${b}`,
      ];
}

describe.each(MODES)('containers of one pod (%s)', (mode) => {
  it('talk over localhost: lo only, no veth, no bridge, no MACs', () => {
    const { cluster } = setup(mode);
    const t = trace(cluster, { from: 'pod/shop/frontend-1/app', to: '127.0.0.1', port: 9100 });
    expect(t.verdict).toBe('delivered');
    expect(steps(t.hops)).toEqual([
      '→:send:node-1',
      '→:loopback:node-1',
      '→:deliver:node-1',
      '←:send:node-1',
      '←:loopback:node-1',
      '←:deliver:node-1',
    ]);
    const [send, lo, deliver] = t.hops;
    expect(send?.at).toBe('pod:shop/frontend-1/c/app');
    expect(lo?.at).toBe('pod:shop/frontend-1/lo');
    expect(lo?.rule?.text).toBe('local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1');
    expect(deliver?.at).toBe('pod:shop/frontend-1/c/metrics');
    expect(t.hops.at(-1)?.at).toBe('pod:shop/frontend-1/c/app');
    for (const h of t.hops) {
      expect(h.packet.srcMAC).toBeUndefined();
      expect(h.packet.dstMAC).toBeUndefined();
      expect(h.packet.ttl).toBe(64);
      expect([h.packet.srcIP, h.packet.dstIP]).toEqual(['127.0.0.1', '127.0.0.1']);
    }
    expect(t.masqueraded).toBe(false);
    expect(t.candidates).toEqual([]);
  });

  it('"localhost" is the loopback address, not a cluster DNS name', () => {
    const { cluster } = setup(mode);
    const t = trace(cluster, { from: 'pod/shop/frontend-1/app', to: 'localhost', port: 9100 });
    expect(t.verdict).toBe('delivered');
    expect(t.hops.some((h) => h.phase === 'dns')).toBe(false);
    expect(t.hops[0]?.packet.dstIP).toBe('127.0.0.1');
  });

  it("talk over the pod's own IP through the local table, unchanged", () => {
    const { cluster, pod } = setup(mode);
    const ip = pod('shop/frontend-1').ips[0];
    expect(ip).toBe('10.244.1.3');
    const t = trace(cluster, {
      from: 'pod/shop/frontend-1/app',
      to: 'shop/frontend-1',
      port: 9100,
    });
    expect(t.verdict).toBe('delivered');
    expect(steps(t.hops)).toEqual([
      '→:send:node-1',
      '→:loopback:node-1',
      '→:deliver:node-1',
      '←:send:node-1',
      '←:loopback:node-1',
      '←:deliver:node-1',
    ]);
    expect(t.hops[1]?.rule).toEqual({
      source: 'ip route show table local',
      text: 'local 10.244.1.3 dev eth0 proto kernel scope host src 10.244.1.3',
    });
    const deliver = t.hops[2];
    expect(deliver?.packet).toMatchObject({ srcIP: ip, dstIP: ip, dstPort: 9100, ttl: 64 });
    expect(deliver?.explain).toContain('No NAT');
    expect(t.hops.some((h) => h.kind === 'veth' || h.kind === 'bridge')).toBe(false);
    const reply = replyHops(t);
    expect(reply[0]?.packet).toMatchObject({ srcIP: ip, srcPort: 9100, dstIP: ip });
    expect(reply[0]?.packet.dstPort).toBe(t.hops[0]?.packet.srcPort);
  });

  it('a port no container listens on is refused (rejected), with no reply', () => {
    const { cluster } = setup(mode);
    const t = trace(cluster, {
      from: 'pod/shop/frontend-1/app',
      to: 'shop/frontend-1',
      port: 9999,
    });
    expect(t.verdict).toBe('rejected');
    expect(t.reason).toContain('connection refused');
    expect(steps(t.hops)).toEqual(['→:send:node-1', '→:loopback:node-1', '→:drop:node-1']);
    expect(t.hops.at(-1)?.explain).toContain('8080/TCP, 9100/TCP');
  });
});

describe.each(MODES)('pod to pod on one node: bridged (%s)', (mode) => {
  const run = (): { t: Trace; client: DerivedPod; server: DerivedPod } => {
    const { cluster, pod } = setup(mode);
    const t = trace(cluster, { from: 'default/client', to: 'shop/frontend-1', port: 8080 });
    return { t, client: pod('default/client'), server: pod('shop/frontend-1') };
  };

  it('goes veth → cni0 FDB → veth and back, never routed by the node', () => {
    const { t } = run();
    expect(t.verdict).toBe('delivered');
    expect(steps(t.hops)).toEqual([
      '→:send:node-1',
      '→:route:node-1',
      '→:veth:node-1',
      '→:bridge:node-1',
      '→:veth:node-1',
      '→:deliver:node-1',
      '←:send:node-1',
      '←:route:node-1',
      '←:veth:node-1',
      '←:bridge:node-1',
      '←:veth:node-1',
      '←:deliver:node-1',
    ]);
    expect(t.hops.filter((h) => h.kind === 'route').map((h) => h.at)).toEqual([
      'pod:default/client/eth0',
      'pod:shop/frontend-1/eth0',
    ]);
  });

  it('matches the pod subnet route and the bridge FDB entry of the peer', () => {
    const { t, client, server } = run();
    const [, route, vethOut, bridge, vethIn, deliver] = t.hops;
    expect(route?.rule).toEqual({
      source: 'ip route (pod netns)',
      text: '10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2',
    });
    expect(vethOut?.via).toBe('veth:default/client');
    expect(vethOut?.rule?.text).toContain(`${client.vethHost?.name}@if2:`);
    expect(vethOut?.rule?.text).toContain(`mtu ${mode === 'vxlan' ? 1450 : 1500} master cni0`);
    expect(bridge?.rule).toEqual({
      source: 'bridge fdb',
      text: `${server.eth0?.mac} dev ${server.vethHost?.name} master cni0`,
    });
    expect(vethIn?.via).toBe('veth:shop/frontend-1');
    expect(vethIn?.at).toBe('pod:shop/frontend-1/eth0');
    expect(deliver?.at).toBe('pod:shop/frontend-1/c/app');
  });

  it('keeps addresses, MACs pod to pod, and the TTL (no routing step)', () => {
    const { t, client, server } = run();
    for (const h of requestHops(t).slice(1)) {
      expect(h.packet).toMatchObject({
        srcIP: '10.244.1.2',
        dstIP: '10.244.1.3',
        dstPort: 8080,
        srcMAC: client.eth0?.mac,
        dstMAC: server.eth0?.mac,
        ttl: 64,
      });
    }
    const reply = replyHops(t);
    expect(reply.at(-1)?.packet).toMatchObject({
      srcIP: '10.244.1.3',
      srcPort: 8080,
      dstIP: '10.244.1.2',
      dstPort: t.hops[0]?.packet.srcPort,
      srcMAC: server.eth0?.mac,
      dstMAC: client.eth0?.mac,
      ttl: 64,
    });
    expect(reply.at(-1)?.at).toBe('pod:default/client/c/shell');
    expect(t.masqueraded).toBe(false);
  });
});

describe.each(MODES)('pod to pod across nodes (%s)', (mode) => {
  const run = (): { t: Trace; s: ReturnType<typeof setup> } => {
    const s = setup(mode);
    return {
      t: trace(s.cluster, { from: 'default/client', to: 'shop/frontend-2', port: 8080 }),
      s,
    };
  };

  it('golden hop sequence', () => {
    const { t } = run();
    expect(t.verdict).toBe('delivered');
    expect(steps(t.hops)).toEqual([
      '→:send:node-1',
      '→:route:node-1',
      '→:veth:node-1',
      '→:bridge:node-1',
      ...crossing('→', 'node-1', 'node-2', mode),
      '→:bridge:node-2',
      '→:veth:node-2',
      '→:deliver:node-2',
      '←:send:node-2',
      '←:route:node-2',
      '←:veth:node-2',
      '←:bridge:node-2',
      ...crossing('←', 'node-2', 'node-1', mode),
      '←:bridge:node-1',
      '←:veth:node-1',
      '←:deliver:node-1',
    ]);
  });

  it('source and destination IPs unchanged end to end; no NAT', () => {
    const { t } = run();
    const sport = t.hops[0]?.packet.srcPort;
    expect(sport).toBeGreaterThanOrEqual(32768);
    expect(sport).toBeLessThanOrEqual(60999);
    for (const h of requestHops(t))
      expect(h.packet).toMatchObject({
        srcIP: '10.244.1.2',
        srcPort: sport,
        dstIP: '10.244.2.2',
        dstPort: 8080,
        protocol: 'TCP',
      });
    for (const h of replyHops(t))
      expect(h.packet).toMatchObject({
        srcIP: '10.244.2.2',
        srcPort: 8080,
        dstIP: '10.244.1.2',
        dstPort: sport,
      });
    const deliver = requestHops(t).at(-1);
    expect(deliver?.kind).toBe('deliver');
    expect(deliver?.explain).toContain('No NAT');
    expect(t.masqueraded).toBe(false);
    expect(t.candidates).toEqual([]);
    expect(t.hops.some((h) => ['dnat', 'snat', 'unnat'].includes(h.kind))).toBe(false);
  });

  it('decrements the TTL once per routing node, in both directions', () => {
    const { t } = run();
    const ttl = (hops: readonly Hop[]): string[] =>
      hops.filter((h) => h.kind === 'route').map((h) => `${h.at}=${h.packet.ttl ?? '?'}`);
    expect(ttl(requestHops(t))).toEqual([
      'pod:default/client/eth0=64',
      'node:node-1/routes=63',
      'node:node-2/routes=62',
    ]);
    expect(requestHops(t).at(-1)?.packet.ttl).toBe(62);
    expect(ttl(replyHops(t))).toEqual([
      'pod:shop/frontend-2/eth0=64',
      'node:node-2/routes=63',
      'node:node-1/routes=62',
    ]);
  });

  it('uses the gateway, the node route and the receiving bridge entry', () => {
    const { t, s } = run();
    const client = s.pod('default/client');
    const server = s.pod('shop/frontend-2');
    const n1 = s.node('node-1');
    const n2 = s.node('node-2');
    const hops = requestHops(t);
    // flannel's route to the pod network matches before the default route.
    expect(hops[1]?.rule?.text).toBe('10.244.0.0/16 via 10.244.1.1 dev eth0');
    expect(hops[1]?.packet).toMatchObject({
      srcMAC: client.eth0?.mac,
      dstMAC: device(n1, 'cni0').mac,
    });
    expect(hops[3]?.rule).toEqual({
      source: 'bridge fdb',
      text: `${device(n1, 'cni0').mac} dev cni0 vlan 1 master cni0 permanent`,
    });
    const nodeRoute = hops.find(
      (h) => h.kind === 'route' && h.node === 'node-1' && h.at !== hops[1]?.at,
    );
    expect(nodeRoute?.rule?.text).toBe(
      mode === 'routes'
        ? '10.244.2.0/24 via 192.168.1.12 dev eth0'
        : '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
    );
    const last = hops.filter((h) => h.kind === 'route').at(-1);
    expect(last?.rule?.text).toBe('10.244.2.0/24 dev cni0 proto kernel scope link src 10.244.2.1');
    const inBridge = hops.filter((h) => h.kind === 'bridge').at(-1);
    expect(inBridge?.rule?.text).toBe(
      `10.244.2.2 dev cni0 lladdr ${server.eth0?.mac} REACHABLE · ${server.eth0?.mac} dev ${server.vethHost?.name} master cni0`,
    );
    expect(inBridge?.packet).toMatchObject({
      srcMAC: device(n2, 'cni0').mac,
      dstMAC: server.eth0?.mac,
    });
    const wire = hops.find((h) => h.kind === 'wire');
    expect(wire?.rule?.text).toBe(`192.168.1.12 dev eth0 lladdr ${n2.eth0.mac} REACHABLE`);
    expect(wire?.via).toBe('link:node-1');
  });

  if (mode === 'routes')
    it('routes: the frame crosses the node network between eth0 MACs, unwrapped', () => {
      const { t, s } = run();
      const wires = requestHops(t).filter((h) => h.kind === 'wire');
      expect(wires.map((h) => h.at)).toEqual(['net:nodes/192.168.1.0/24', 'node:node-2/eth0']);
      for (const w of wires) {
        expect(w.packet.outer).toBeUndefined();
        expect(w.packet).toMatchObject({
          srcMAC: s.node('node-1').eth0.mac,
          dstMAC: s.node('node-2').eth0.mac,
          ttl: 63,
        });
      }
    });

  if (mode === 'vxlan')
    it('vxlan: flannel.1 wraps the unchanged packet in UDP 8472 node → node, VNI 1, until decap', () => {
      const { t, s } = run();
      const n1 = s.node('node-1');
      const n2 = s.node('node-2');
      const hops = requestHops(t);
      const encap = hops.findIndex((h) => h.kind === 'encap');
      const decap = hops.findIndex((h) => h.kind === 'decap');
      expect(hops[encap]?.rule).toEqual({
        source: 'bridge fdb',
        text: `${device(n2, 'flannel.1').mac} dev flannel.1 dst 192.168.1.12 self permanent`,
      });
      expect(hops[encap]?.at).toBe('node:node-1/flannel.1');
      for (const h of hops.slice(encap, decap)) {
        expect(h.packet.vni).toBe(1);
        expect(h.packet.outer).toMatchObject({
          srcIP: '192.168.1.11',
          dstIP: '192.168.1.12',
          protocol: 'UDP',
          dstPort: 8472,
          ttl: 64,
        });
        expect(h.packet).toMatchObject({
          srcIP: '10.244.1.2',
          dstIP: '10.244.2.2',
          ttl: 63,
          srcMAC: device(n1, 'flannel.1').mac,
          dstMAC: device(n2, 'flannel.1').mac,
        });
      }
      expect(hops[encap]?.packet.outer?.srcMAC).toBeUndefined();
      for (const h of hops.filter((x) => x.kind === 'wire'))
        expect(h.packet.outer).toMatchObject({ srcMAC: n1.eth0.mac, dstMAC: n2.eth0.mac });
      const sport = hops[encap]?.packet.outer?.srcPort ?? 0;
      expect(sport).toBeGreaterThanOrEqual(49152);
      expect(sport).toBeLessThan(65536);
      expect(hops[decap]?.rule?.text).toBe(
        'flannel.1: vxlan id 1 local 192.168.1.12 dev eth0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300',
      );
      for (const h of hops.slice(decap)) {
        expect(h.packet.outer).toBeUndefined();
        expect(h.packet.vni).toBeUndefined();
      }
      const back = replyHops(t).find((h) => h.kind === 'encap');
      expect(back?.packet.outer).toMatchObject({ srcIP: '192.168.1.12', dstIP: '192.168.1.11' });
      expect(back?.rule?.text).toBe(
        `${device(n1, 'flannel.1').mac} dev flannel.1 dst 192.168.1.11 self permanent`,
      );
    });

  it('the reply ends at the client container, un-NATed nowhere', () => {
    const { t } = run();
    const last = t.hops.at(-1);
    expect(last?.direction).toBe('reply');
    expect(last?.kind).toBe('deliver');
    expect(last?.at).toBe('pod:default/client/c/shell');
    expect(last?.packet.dstIP).toBe('10.244.1.2');
  });
});
