/**
 * Golden walks between the host network and pods in both CNI modes: a node process → a pod,
 * a pod → a node socket (kubelet), and a hostNetwork pod as source and as destination.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import type { Cluster, DerivedNode } from '../derive/types';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { Pod } from '../model/k8s';
import type { CniMode, Scenario } from '../model/scenario';

import { MODES, device, steps, requestHops, replyHops } from './testkit';
import { trace } from './tracer';

/** A hostNetwork agent on node-2 listening on 9000 (like a DaemonSet's node agent). */
const agent: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'agent', namespace: 'kube-system', labels: { app: 'agent' } },
  spec: {
    nodeName: 'node-2',
    hostNetwork: true,
    containers: [{ name: 'agent', ports: [{ containerPort: 9000 }] }],
  },
  status: { phase: 'Running' },
};

function cluster(mode: CniMode): Cluster {
  const s: Scenario = {
    ...DEFAULT_SCENARIO,
    cluster: { ...DEFAULT_SCENARIO.cluster, cni: { mode } },
    pods: [...DEFAULT_SCENARIO.pods, agent],
  };
  return deriveCluster(s);
}
const nodeOf = (c: Cluster, name: string): DerivedNode => {
  const n = c.nodeByName.get(name);
  if (!n) throw new Error(`test setup: no node ${name}`);
  return n;
};

function crossing(dir: '→' | '←', a: string, b: string, mode: CniMode, routeAtA = true): string[] {
  const start = routeAtA ? [`${dir}:route:${a}`] : [];
  return mode === 'routes'
    ? [...start, `${dir}:wire:${a}`, `${dir}:wire:${b}`]
    : [...start, `${dir}:encap:${a}`, `${dir}:wire:${a}`, `${dir}:wire:${b}`, `${dir}:decap:${b}`];
}

describe.each(MODES)('node → pod (%s)', (mode) => {
  const c = cluster(mode);

  it('to a pod on the same node: routed onto cni0 from the bridge address', () => {
    const t = trace(c, { from: 'node/node-1', to: 'shop/frontend-1', port: 8080 });
    expect(t.verdict).toBe('delivered');
    expect(steps(t.hops)).toEqual([
      '→:send:node-1',
      '→:route:node-1',
      '→:bridge:node-1',
      '→:veth:node-1',
      '→:deliver:node-1',
      '←:send:node-1',
      '←:route:node-1',
      '←:veth:node-1',
      '←:bridge:node-1',
      '←:deliver:node-1',
    ]);
    const n1 = nodeOf(c, 'node-1');
    expect(t.hops[1]?.rule?.text).toBe(
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
    );
    // ip route get 10.244.1.3 → "dev cni0 src 10.244.1.1": the route's preferred source.
    expect(requestHops(t).at(-1)?.packet).toMatchObject({
      srcIP: '10.244.1.1',
      dstIP: '10.244.1.3',
      srcMAC: device(n1, 'cni0').mac,
      ttl: 64,
    });
    expect(t.masqueraded).toBe(false);
    expect(t.hops.at(-1)).toMatchObject({ kind: 'deliver', at: 'node:node-1' });
  });

  it('to a pod on another node', () => {
    const t = trace(c, { from: 'node/node-1', to: 'shop/frontend-2', port: 8080 });
    expect(t.verdict).toBe('delivered');
    const snat = mode === 'routes' ? ['→:netfilter:node-1', '→:snat:node-1'] : [];
    expect(steps(requestHops(t))).toEqual([
      '→:send:node-1',
      '→:route:node-1',
      ...snat,
      ...crossing('→', 'node-1', 'node-2', mode, false),
      '→:route:node-2',
      '→:bridge:node-2',
      '→:veth:node-2',
      '→:deliver:node-2',
    ]);
    if (mode === 'routes') {
      // eth0 route → eth0's address; flannel's `! -s podSubnet -d podSubnet -j MASQUERADE` matches.
      expect(t.hops[1]?.rule?.text).toBe('10.244.2.0/24 via 192.168.1.12 dev eth0');
      expect(t.hops.find((h) => h.kind === 'snat')?.rule?.text).toContain('FLANNEL-POSTRTG');
      expect(requestHops(t).at(-1)?.packet.srcIP).toBe('192.168.1.11');
    } else {
      // flannel.1 route → flannel.1's address (10.244.1.0): inside the pod network, no masquerade.
      expect(t.hops[1]?.rule?.text).toBe('10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink');
      expect(t.masqueraded).toBe(false);
      expect(requestHops(t).at(-1)?.packet.srcIP).toBe('10.244.1.0');
    }
    // Locally generated: TTL 64 out of node-1, one routing step on node-2.
    expect(t.hops[1]?.packet.ttl).toBe(64);
    expect(requestHops(t).at(-1)?.packet.ttl).toBe(63);
    expect(t.hops.at(-1)).toMatchObject({ kind: 'deliver', at: 'node:node-1', direction: 'reply' });
  });
});

describe.each(MODES)('pod → node (%s)', (mode) => {
  const c = cluster(mode);

  it("to its own node's kubelet: up through cni0 into INPUT, no NAT", () => {
    const t = trace(c, { from: 'default/client', to: 'node/node-1', port: 10250 });
    expect(t.verdict).toBe('delivered');
    expect(steps(t.hops)).toEqual([
      '→:send:node-1',
      '→:route:node-1',
      '→:veth:node-1',
      '→:bridge:node-1',
      '→:deliver:node-1',
      '←:send:node-1',
      '←:route:node-1',
      '←:bridge:node-1',
      '←:veth:node-1',
      '←:deliver:node-1',
    ]);
    expect(requestHops(t).at(-1)).toMatchObject({ at: 'node:node-1' });
    expect(requestHops(t).at(-1)?.packet).toMatchObject({
      srcIP: '10.244.1.2',
      dstIP: '192.168.1.11',
      dstPort: 10250,
      ttl: 64,
    });
    expect(requestHops(t).at(-1)?.explain).toContain('kubelet');
    expect(t.masqueraded).toBe(false);
    expect(t.hops.at(-1)?.at).toBe('pod:default/client/c/shell');
  });

  it("to another node's kubelet: flannel masquerades pod → outside-the-pod-network", () => {
    const t = trace(c, { from: 'default/client', to: 'node/node-2', port: 10250 });
    expect(t.verdict).toBe('delivered');
    expect(t.masqueraded).toBe(true);
    const nodeRoute = requestHops(t).find((h) => h.at === 'node:node-1/routes');
    expect(nodeRoute?.rule?.text).toBe(
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
    );
    expect(nodeRoute?.packet.ttl).toBe(63);
    expect(t.hops.find((h) => h.kind === 'snat')?.rule?.text).toBe(
      '-A FLANNEL-POSTRTG -s 10.244.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
    );
    // Node to node is plain node network in both modes: never through flannel.1.
    expect(t.hops.some((h) => h.kind === 'encap')).toBe(false);
    expect(requestHops(t).at(-1)?.packet).toMatchObject({
      srcIP: '192.168.1.11',
      dstIP: '192.168.1.12',
    });
    const unnat = replyHops(t).find((h) => h.kind === 'unnat');
    expect(unnat?.node).toBe('node-1');
    expect(unnat?.packet.dstIP).toBe('10.244.1.2');
    expect(t.hops.at(-1)?.at).toBe('pod:default/client/c/shell');
  });

  it('a port nothing on the node listens on is refused', () => {
    const t = trace(c, { from: 'default/client', to: 'node/node-2', port: 8081 });
    expect(t.verdict).toBe('rejected');
    expect(t.hops.at(-1)).toMatchObject({ kind: 'drop', at: 'node:node-2' });
  });
});

describe.each(MODES)('a hostNetwork pod (%s)', (mode) => {
  const c = cluster(mode);

  it('as destination: its container listens on the node address', () => {
    const t = trace(c, { from: 'default/client', to: 'kube-system/agent', port: 9000 });
    expect(t.verdict).toBe('delivered');
    expect(t.summary?.to).toContain('pod IP of kube-system/agent');
    expect(t.hops[0]?.packet.dstIP).toBe('192.168.1.12');
    const deliver = requestHops(t).at(-1);
    expect(deliver).toMatchObject({
      kind: 'deliver',
      node: 'node-2',
      at: 'pod:kube-system/agent/c/agent',
    });
    // No veth and no bridge on node-2: the agent shares the node's network namespace.
    expect(
      requestHops(t)
        .filter((h) => h.node === 'node-2')
        .map((h) => h.kind),
    ).toEqual(['wire', 'deliver']);
    expect(deliver?.packet.srcIP).toBe('192.168.1.11');
    expect(t.hops.at(-1)?.at).toBe('pod:default/client/c/shell');
  });

  it('as source: it sends from the node, through OUTPUT and the node routes', () => {
    const t = trace(c, { from: 'kube-system/agent', to: 'default/web', port: 80 });
    expect(t.verdict).toBe('delivered');
    expect(t.hops[0]).toMatchObject({
      kind: 'send',
      node: 'node-2',
      at: 'pod:kube-system/agent/c/agent',
    });
    expect(t.hops[1]).toMatchObject({ kind: 'route', at: 'node:node-2/routes' });
    // No veth of its own: it leaves from the host stack straight onto cni0.
    expect(steps(requestHops(t))).toEqual([
      '→:send:node-2',
      '→:route:node-2',
      '→:bridge:node-2',
      '→:veth:node-2',
      '→:deliver:node-2',
    ]);
    // default/web is on node-2 too: out of cni0 from the bridge address.
    expect(requestHops(t).at(-1)?.packet).toMatchObject({
      srcIP: '10.244.2.1',
      dstIP: '10.244.2.3',
    });
    expect(t.hops.at(-1)).toMatchObject({
      direction: 'reply',
      kind: 'deliver',
      node: 'node-2',
      at: 'pod:kube-system/agent/c/agent',
    });
  });

  it('as source to a pod on another node', () => {
    const t = trace(c, { from: 'kube-system/agent', to: 'default/client', port: 80 });
    expect(t.verdict).toBe('delivered');
    expect(requestHops(t).at(-1)?.packet.srcIP).toBe(
      mode === 'routes' ? '192.168.1.12' : '10.244.2.0',
    );
    expect(t.hops.at(-1)?.at).toBe('pod:kube-system/agent/c/agent');
  });

  it('as source to its own node port: over lo', () => {
    const t = trace(c, { from: 'kube-system/agent', to: 'node/node-2', port: 10250 });
    expect(t.verdict).toBe('delivered');
    expect(steps(requestHops(t))).toEqual([
      '→:send:node-2',
      '→:loopback:node-2',
      '→:deliver:node-2',
    ]);
    expect(t.hops[1]?.rule?.text).toBe(
      'local 192.168.1.12 dev eth0 proto kernel scope host src 192.168.1.12',
    );
  });
});
