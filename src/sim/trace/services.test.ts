/**
 * Golden walks through kube-proxy's Service NAT in both CNI modes: pod → ClusterIP (DNAT, reply
 * un-NATed from conntrack), a pod to its own Service (hairpin: masqueraded), a node → ClusterIP,
 * an outside client → NodePort (externalTrafficPolicy Cluster and Local) and → LoadBalancer IP.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import type { Cluster, DerivedNode } from '../derive/types';
import type { Service } from '../model/k8s';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { CniMode } from '../model/scenario';
import { node, pod, scenario, service } from '../test/builders';

import { MODES, device, withMode, steps, replyHops, lastRequest } from './testkit';
import { trace } from './tracer';
import type { Trace } from './types';

const nodeOf = (c: Cluster, name: string): DerivedNode => {
  const n = c.nodeByName.get(name);
  if (!n) throw new Error(`test setup: no node ${name}`);
  return n;
};

/** Node `a` hands the packet to node `b`: routes → eth0 to eth0; vxlan → encap … decap. */
function crossing(dir: '→' | '←', a: string, b: string, mode: CniMode, routeAtA = true): string[] {
  const start = routeAtA ? [`${dir}:route:${a}`] : [];
  return mode === 'routes'
    ? [...start, `${dir}:wire:${a}`, `${dir}:wire:${b}`, `${dir}:route:${b}`]
    : [
        ...start,
        `${dir}:encap:${a}`,
        `${dir}:wire:${a}`,
        `${dir}:wire:${b}`,
        `${dir}:decap:${b}`,
        `${dir}:route:${b}`,
      ];
}

const podSendsOut = (dir: '→' | '←', n: string): string[] => [
  `${dir}:send:${n}`,
  `${dir}:route:${n}`,
  `${dir}:veth:${n}`,
  `${dir}:bridge:${n}`,
];
const podReceives = (dir: '→' | '←', n: string): string[] => [
  `${dir}:bridge:${n}`,
  `${dir}:veth:${n}`,
  `${dir}:deliver:${n}`,
];

describe.each(MODES)('pod → ClusterIP (%s)', (mode) => {
  const cluster = deriveCluster(withMode(DEFAULT_SCENARIO, mode));
  const vip = cluster.serviceByKey.get('shop/frontend')?.clusterIPs[0] ?? '?';
  const run = (): Trace =>
    trace(cluster, {
      from: 'default/client',
      to: 'svc/shop/frontend',
      endpoint: '10.244.2.2:8080',
    });

  it('DNATs at node-1 PREROUTING to the chosen endpoint and un-NATs the reply', () => {
    const t = run();
    expect(t.verdict).toBe('delivered');
    expect(steps(t.hops)).toEqual([
      ...podSendsOut('→', 'node-1'),
      '→:netfilter:node-1',
      '→:dnat:node-1',
      ...crossing('→', 'node-1', 'node-2', mode),
      ...podReceives('→', 'node-2'),
      ...podSendsOut('←', 'node-2'),
      ...crossing('←', 'node-2', 'node-1', mode),
      '←:unnat:node-1',
      ...podReceives('←', 'node-1'),
    ]);
  });

  it('lists every candidate with its probability, and follows the requested one', () => {
    const t = run();
    expect(t.candidates).toEqual(['10.244.1.3:8080', '10.244.2.2:8080']);
    expect(t.probabilities).toEqual([0.5, 0.5]);
    expect(t.chosen).toBe('10.244.2.2:8080');
    expect(t.masqueraded).toBe(false);
  });

  it('the DNAT hop names the KUBE-SEP rule and rewrites only the destination', () => {
    const t = run();
    const nf = t.hops.find((h) => h.kind === 'netfilter');
    const dnat = t.hops.find((h) => h.kind === 'dnat');
    expect(nf?.title).toContain('PREROUTING');
    expect(nf?.packet).toMatchObject({ dstIP: vip, dstPort: 80 });
    expect(dnat?.rule?.source).toBe('iptables -t nat');
    expect(dnat?.rule?.text).toMatch(
      /^-A KUBE-SEP-\w+ .*--comment shop\/frontend:http .*-j DNAT --to-destination 10\.244\.2\.2:8080$/,
    );
    expect(dnat?.rules?.[0]).toMatchObject({ node: 'node-1', table: 'nat', family: 4 });
    expect(dnat?.highlight).toEqual(['svc:shop/frontend', 'svcep:shop/frontend/10.244.2.2']);
    const sport = t.hops[0]?.packet.srcPort;
    expect(dnat?.packet).toMatchObject({
      srcIP: '10.244.1.2',
      srcPort: sport,
      dstIP: '10.244.2.2',
      dstPort: 8080,
      ttl: 64,
    });
    // The server sees the pod's own address: no masquerade for pod → ClusterIP.
    expect(lastRequest(t)?.packet).toMatchObject({ srcIP: '10.244.1.2', dstIP: '10.244.2.2' });
    expect(lastRequest(t)?.explain).not.toContain('No NAT');
  });

  it('the reply is un-DNATed back to the ClusterIP from the conntrack entry', () => {
    const t = run();
    const sport = t.hops[0]?.packet.srcPort ?? 0;
    const unnat = t.hops.find((h) => h.kind === 'unnat');
    expect(unnat?.direction).toBe('reply');
    expect(unnat?.node).toBe('node-1');
    expect(unnat?.rule?.source).toBe('conntrack -L');
    expect(unnat?.rule?.text).toBe(
      `tcp      6 120 SYN_SENT src=10.244.1.2 dst=${vip} sport=${sport} dport=80 [UNREPLIED] src=10.244.2.2 dst=10.244.1.2 sport=8080 dport=${sport} mark=0 use=1`,
    );
    const reply = replyHops(t);
    const i = reply.findIndex((h) => h.kind === 'unnat');
    for (const h of reply.slice(0, i))
      expect(h.packet).toMatchObject({ srcIP: '10.244.2.2', srcPort: 8080 });
    for (const h of reply.slice(i))
      expect(h.packet).toMatchObject({
        srcIP: vip,
        srcPort: 80,
        dstIP: '10.244.1.2',
        dstPort: sport,
      });
    expect(reply.at(-1)?.at).toBe('pod:default/client/c/shell');
  });

  it('without an endpoint the seed chooses deterministically among the candidates', () => {
    const chosen = new Set<string>();
    for (let seed = 1; seed <= 24; seed++) {
      const a = trace(cluster, { from: 'default/client', to: 'svc/shop/frontend', seed });
      const b = trace(cluster, { from: 'default/client', to: 'svc/shop/frontend', seed });
      expect(a).toEqual(b);
      expect(a.verdict).toBe('delivered');
      expect(a.candidates).toContain(a.chosen);
      expect(lastRequest(a)?.packet.dstIP).toBe(a.chosen?.split(':')[0]);
      chosen.add(a.chosen ?? '');
    }
    expect([...chosen].sort()).toEqual(['10.244.1.3:8080', '10.244.2.2:8080']);
  });

  it('a same-node endpoint: the reply is bridged and still un-NATed (br_netfilter)', () => {
    const t = trace(cluster, {
      from: 'default/client',
      to: 'svc/shop/frontend',
      endpoint: '10.244.1.3:8080',
    });
    expect(t.verdict).toBe('delivered');
    expect(steps(replyHops(t))).toEqual([
      '←:send:node-1',
      '←:route:node-1',
      '←:veth:node-1',
      '←:bridge:node-1',
      '←:unnat:node-1',
      '←:veth:node-1',
      '←:deliver:node-1',
    ]);
    expect(t.hops.at(-1)?.packet).toMatchObject({ srcIP: vip, srcPort: 80, dstIP: '10.244.1.2' });
  });
});

describe.each(MODES)('pod → its own Service: hairpin (%s)', (mode) => {
  const cluster = deriveCluster(withMode(DEFAULT_SCENARIO, mode));
  const vip = cluster.serviceByKey.get('shop/frontend')?.clusterIPs[0] ?? '?';
  const n1 = nodeOf(cluster, 'node-1');
  const t = trace(cluster, {
    from: 'shop/frontend-1',
    to: 'svc/shop/frontend',
    endpoint: '10.244.1.3:8080',
  });

  it('is marked and masqueraded to cni0, so the reply comes back through the node', () => {
    expect(t.verdict).toBe('delivered');
    expect(t.masqueraded).toBe(true);
    expect(steps(t.hops)).toEqual([
      ...podSendsOut('→', 'node-1'),
      '→:netfilter:node-1',
      '→:dnat:node-1',
      '→:route:node-1',
      '→:netfilter:node-1',
      '→:snat:node-1',
      ...podReceives('→', 'node-1'),
      ...podSendsOut('←', 'node-1'),
      '←:unnat:node-1',
      '←:route:node-1',
      '←:unnat:node-1',
      ...podReceives('←', 'node-1'),
    ]);
    const nf = t.hops.find((h) => h.kind === 'netfilter');
    expect(nf?.explain).toContain('KUBE-MARK-MASQ marks it 0x4000');
    const snat = t.hops.find((h) => h.kind === 'snat');
    expect(snat?.rule?.text).toBe(
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    );
    // The server sees the bridge address as its client.
    expect(lastRequest(t)?.packet).toMatchObject({
      srcIP: '10.244.1.1',
      dstIP: '10.244.1.3',
      ttl: 63,
    });
  });

  it('the reply leaves eth0 for cni0 on-link and is un-SNATed, routed, then un-DNATed', () => {
    const reply = replyHops(t);
    expect(reply[0]?.packet.srcMAC).toBe(cluster.podByKey.get('shop/frontend-1')?.eth0?.mac);
    expect(reply[1]?.rule?.text).toBe(
      '10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.3',
    );
    expect(reply[1]?.packet.dstMAC).toBe(device(n1, 'cni0').mac);
    expect(reply[1]?.explain).not.toContain('not on the pod');
    const [unSnat, unDnat] = reply.filter((h) => h.kind === 'unnat');
    expect(unSnat?.packet).toMatchObject({
      srcIP: '10.244.1.3',
      dstIP: '10.244.1.3',
      dstPort: t.hops[0]?.packet.srcPort,
    });
    expect(unDnat?.packet).toMatchObject({ srcIP: vip, srcPort: 80, dstIP: '10.244.1.3' });
    expect(reply.at(-1)?.at).toBe('pod:shop/frontend-1/c/app');
  });
});

describe.each(MODES)('node → ClusterIP (%s)', (mode) => {
  const cluster = deriveCluster(withMode(DEFAULT_SCENARIO, mode));
  const t = trace(cluster, {
    from: 'node/node-1',
    to: 'svc/shop/frontend',
    endpoint: '10.244.2.2:8080',
  });

  it('DNATs in OUTPUT, masquerades on the way out, and un-NATs at INPUT', () => {
    expect(t.verdict).toBe('delivered');
    expect(t.masqueraded).toBe(true);
    expect(steps(t.hops)).toEqual([
      '→:send:node-1',
      '→:netfilter:node-1',
      '→:dnat:node-1',
      '→:route:node-1',
      '→:netfilter:node-1',
      '→:snat:node-1',
      ...crossing('→', 'node-1', 'node-2', mode, false),
      ...podReceives('→', 'node-2'),
      ...podSendsOut('←', 'node-2'),
      ...crossing('←', 'node-2', 'node-1', mode, true).slice(0, -1),
      '←:unnat:node-1',
      '←:unnat:node-1',
      '←:deliver:node-1',
    ]);
    expect(t.hops[1]?.title).toContain('OUTPUT');
    // A locally generated packet is not forwarded: its TTL is 64 leaving node-1.
    expect(t.hops[3]?.packet.ttl).toBe(64);
    // MASQUERADE takes the outgoing interface's address: eth0's, or flannel.1's in VXLAN mode.
    const seen = mode === 'routes' ? '192.168.1.11' : '10.244.1.0';
    expect(lastRequest(t)?.packet).toMatchObject({ srcIP: seen, dstIP: '10.244.2.2', ttl: 63 });
    expect(t.hops.at(-1)?.at).toBe('node:node-1');
    expect(t.hops.at(-1)?.packet).toMatchObject({
      dstIP: '192.168.1.11',
      dstPort: t.hops[0]?.packet.srcPort,
    });
  });
});

const twoNodes = [
  node('node-1', '192.168.1.11', '10.244.1.0/24'),
  node('node-2', '192.168.1.12', '10.244.2.0/24'),
];

function nodePort(policy: 'Cluster' | 'Local', mode: CniMode): Cluster {
  return deriveCluster(
    scenario({
      cluster: { cni: { mode } },
      nodes: twoNodes,
      pods: [pod('web', 'node-1', { labels: { app: 'web' }, ports: [80] })],
      services: [
        service('web', {
          type: 'NodePort',
          selector: { app: 'web' },
          clusterIP: '10.96.12.80',
          externalTrafficPolicy: policy,
          ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 30080 }],
        }),
      ],
    }),
  );
}

describe.each(MODES)('outside client → NodePort (%s)', (mode) => {
  const client = '203.0.113.25';

  it('Cluster: DNAT + masquerade on the entry node; the server sees that node', () => {
    const c = nodePort('Cluster', mode);
    const t = trace(c, { from: client, to: '192.168.1.12', port: 30080, node: 'node-2' });
    expect(t.verdict).toBe('delivered');
    expect(t.masqueraded).toBe(true);
    expect(t.candidates).toEqual(['10.244.1.2:80']);
    expect(steps(t.hops)).toEqual([
      '→:send:-',
      '→:wire:node-2',
      '→:netfilter:node-2',
      '→:dnat:node-2',
      '→:route:node-2',
      '→:netfilter:node-2',
      '→:snat:node-2',
      ...crossing('→', 'node-2', 'node-1', mode, false),
      ...podReceives('→', 'node-1'),
      ...podSendsOut('←', 'node-1'),
      ...crossing('←', 'node-1', 'node-2', mode).slice(0, -1),
      '←:unnat:node-2',
      '←:route:node-2',
      '←:unnat:node-2',
      '←:wire:node-2',
      '←:deliver:node-2',
    ]);
  });

  it('Cluster: DNAT names the NodePort, the reply is un-NATed back to node-2:30080', () => {
    const c = nodePort('Cluster', mode);
    const n2 = nodeOf(c, 'node-2');
    const t = trace(c, { from: client, to: '192.168.1.12', port: 30080, node: 'node-2' });
    const dnat = t.hops.find((h) => h.kind === 'dnat');
    expect(dnat?.rule?.text).toContain('-j DNAT --to-destination 10.244.1.2:80');
    expect(dnat?.packet).toMatchObject({ srcIP: client, dstIP: '10.244.1.2', dstPort: 80 });
    const seen = mode === 'routes' ? '192.168.1.12' : '10.244.2.0';
    expect(lastRequest(t)?.packet).toMatchObject({ srcIP: seen, dstIP: '10.244.1.2', dstPort: 80 });
    const last = t.hops.at(-1);
    expect(last?.at).toBe('ext:internet');
    expect(last?.packet).toMatchObject({
      srcIP: '192.168.1.12',
      srcPort: 30080,
      dstIP: client,
      dstPort: t.hops[0]?.packet.srcPort,
    });
    // Out of eth0 towards the gateway: node-2's MAC is the frame's source.
    const out = replyHops(t).find((h) => h.kind === 'wire' && h.at === 'ext:internet');
    expect(out?.packet.srcMAC).toBe(n2.eth0.mac);
    expect(out?.packet.outer).toBeUndefined();
    expect(
      replyHops(t)
        .filter((h) => h.kind === 'unnat')
        .map((h) => h.node),
    ).toEqual(['node-2', 'node-2']);
  });

  it('Local on a node with the endpoint: no masquerade, the server sees the client', () => {
    const c = nodePort('Local', mode);
    const t = trace(c, { from: client, to: '192.168.1.11', port: 30080, node: 'node-1' });
    expect(t.verdict).toBe('delivered');
    expect(t.masqueraded).toBe(false);
    expect(t.hops.some((h) => h.kind === 'snat')).toBe(false);
    expect(lastRequest(t)?.packet).toMatchObject({
      srcIP: client,
      dstIP: '10.244.1.2',
      dstPort: 80,
    });
    expect(t.hops.at(-1)?.packet).toMatchObject({
      srcIP: '192.168.1.11',
      srcPort: 30080,
      dstIP: client,
    });
  });

  it('Local on a node without a local endpoint: dropped, naming the missing endpoint', () => {
    const c = nodePort('Local', mode);
    const t = trace(c, { from: client, to: '192.168.1.12', port: 30080, node: 'node-2' });
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toContain('no local endpoints');
    const drop = t.hops.at(-1);
    expect(drop?.kind).toBe('drop');
    expect(drop?.node).toBe('node-2');
    expect(drop?.rule?.text).toContain(
      '-m comment --comment "default/web:http has no local endpoints"',
    );
    expect(drop?.rule?.text).toMatch(/-j DROP$/);
    expect(replyHops(t)).toEqual([]);
  });
});

function loadBalancer(policy: 'Cluster' | 'Local', mode: CniMode): Cluster {
  const svc: Service = {
    ...service('ingress/ingress-nginx', {
      type: 'LoadBalancer',
      selector: { app: 'ingress-nginx' },
      clusterIP: '10.96.88.1',
      externalTrafficPolicy: policy,
      ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 31080 }],
    }),
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.100' }] } },
  };
  return deriveCluster(
    scenario({
      cluster: { cni: { mode } },
      nodes: twoNodes,
      pods: [
        pod('ingress/ingress-nginx-1', 'node-1', { labels: { app: 'ingress-nginx' }, ports: [80] }),
      ],
      services: [svc],
    }),
  );
}

describe.each(MODES)('outside client → LoadBalancer IP (%s)', (mode) => {
  const client = '198.51.100.7';

  it('Local: the load balancer sends to the node with an endpoint; the client IP survives', () => {
    const t = trace(loadBalancer('Local', mode), { from: client, to: '203.0.113.100', port: 80 });
    expect(t.verdict).toBe('delivered');
    // Through the load balancer drawn on the graph, then onto node-1's eth0.
    expect(t.hops[1]).toMatchObject({ kind: 'wire', at: 'lb:ingress/ingress-nginx' });
    expect(t.hops[1]?.explain).toContain('externalTrafficPolicy: Local');
    expect(t.hops[1]?.explain).toContain('health check');
    expect(t.hops[2]).toMatchObject({ kind: 'wire', node: 'node-1', at: 'node:node-1/eth0' });
    expect(t.masqueraded).toBe(false);
    expect(t.hops.find((h) => h.kind === 'dnat')?.packet).toMatchObject({
      srcIP: client,
      dstIP: '10.244.1.2',
      dstPort: 80,
    });
    expect(lastRequest(t)?.packet).toMatchObject({ srcIP: client, dstIP: '10.244.1.2' });
    expect(t.hops.at(-1)?.packet).toMatchObject({
      srcIP: '203.0.113.100',
      srcPort: 80,
      dstIP: client,
    });
  });

  it('Local through a node without an endpoint: dropped by KUBE-EXTERNAL-SERVICES', () => {
    const t = trace(loadBalancer('Local', mode), {
      from: client,
      to: '203.0.113.100',
      port: 80,
      node: 'node-2',
    });
    expect(t.verdict).toBe('dropped');
    expect(t.hops.at(-1)?.rule?.text).toContain('has no local endpoints');
  });

  it('Cluster through node-2: DNAT to node-1 and masquerade', () => {
    const t = trace(loadBalancer('Cluster', mode), {
      from: client,
      to: 'svc/ingress/ingress-nginx',
      port: 80,
      node: 'node-2',
    });
    expect(t.verdict).toBe('delivered');
    expect(t.summary?.to).toContain('load-balancer IP of svc/ingress/ingress-nginx');
    expect(t.hops[0]?.packet.dstIP).toBe('203.0.113.100');
    expect(t.hops[1]).toMatchObject({ kind: 'wire', at: 'lb:ingress/ingress-nginx' });
    expect(t.hops[1]?.title).toBe('load balancer 203.0.113.100 → node-2');
    expect(t.masqueraded).toBe(true);
    expect(lastRequest(t)?.packet.srcIP).toBe(mode === 'routes' ? '192.168.1.12' : '10.244.2.0');
    expect(t.hops.at(-1)?.packet).toMatchObject({
      srcIP: '203.0.113.100',
      srcPort: 80,
      dstIP: client,
    });
  });
});
