/**
 * An invalid address plan has real consequences, and the walk tells them at the hop where they
 * happen: a Service range overlapping the pod network lets kube-proxy's DNAT capture a pod's
 * address; a node network overlapping the pod network makes eth0's connected route take pod
 * addresses (the CNI's route is refused with "File exists", or cni0's connected route comes
 * second), so the node ARPs on the wrong wire.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { CniMode } from '../model/scenario';
import { node, pod, scenario, service } from '../test/builders';

import { trace } from './tracer';
import type { Hop, TraceRequest } from './types';

const find = (hops: readonly Hop[], kind: string, nodeName?: string): Hop | undefined =>
  hops.find((h) => h.kind === kind && (nodeName === undefined || h.node === nodeName));
const tcp = (from: string, to: string, port: number): TraceRequest => ({
  from,
  to,
  port,
  protocol: 'TCP',
});

describe('a Service range overlapping the pod network', () => {
  // web's pod IP 10.96.1.2 is also the api Service's ClusterIP.
  const cluster = deriveCluster(
    scenario({
      cluster: { podSubnet: '10.96.0.0/16', serviceSubnet: '10.96.0.0/12' },
      nodes: [
        node('node-1', '192.168.1.11', '10.96.0.0/24'),
        node('node-2', '192.168.1.12', '10.96.1.0/24'),
      ],
      pods: [
        pod('client', 'node-1'),
        pod('api-1', 'node-1', { labels: { app: 'api' }, ports: [8080] }),
        pod('web', 'node-2', { ports: [80], ip: '10.96.1.2' }),
      ],
      services: [
        service('api', {
          selector: { app: 'api' },
          clusterIP: '10.96.1.2',
          ports: [{ port: 80, targetPort: 8080 }],
        }),
      ],
    }),
  );

  it('DNATs a packet meant for the pod to the Service endpoints, and says so at the DNAT hop', () => {
    const t = trace(cluster, tcp('pod/default/client', '10.96.1.2', 80));
    const dnat = find(t.hops, 'dnat');
    expect(dnat?.node).toBe('node-1');
    expect(dnat?.explain).toContain(
      'Address-plan overlap: 10.96.1.2 is also the IP of pod default/web — the Service range 10.96.0.0/12 overlaps the pod network 10.96.0.0/16.',
    );
    expect(dnat?.explain).toContain('can never reach the pod');
    expect(t.verdict).toBe('delivered');
    expect(find(t.hops, 'deliver')?.at).toContain('default/api-1');
  });

  it('says nothing of overlap when the address is only a ClusterIP', () => {
    const ok = deriveCluster(DEFAULT_SCENARIO);
    const svc = ok.services.find((s) => s.clusterIPs.length > 0 && s.ports.length > 0)!;
    const t = trace(ok, tcp('pod/default/client', svc.clusterIPs[0]!, svc.ports[0]!.port));
    expect(find(t.hops, 'dnat')).toBeDefined();
    expect(t.hops.some((h) => h.explain.includes('Address-plan overlap'))).toBe(false);
  });
});

/**
 * The classic mistake: a pod network of 192.168.0.0/16 on a LAN of 192.168.1.0/24. node-2's pod
 * range is then 192.168.1.0/24 — the node network itself.
 */
describe.each<CniMode>(['routes'])('a node network overlapping the pod network (%s)', (mode) => {
  const cluster = deriveCluster(
    scenario({
      cluster: {
        podSubnet: '192.168.0.0/16',
        nodeNetwork: [{ cidr: '192.168.1.0/24' }],
        cni: { mode },
      },
      nodes: [node('node-1', '192.168.1.11'), node('node-2', '192.168.1.12')],
      pods: [pod('a', 'node-1', { ports: [80] }), pod('b', 'node-2', { ports: [80] })],
    }),
  );
  const n1 = cluster.nodeByName.get('node-1')!;
  const n2 = cluster.nodeByName.get('node-2')!;

  it('allocates node-2 the node network as its pod range', () => {
    expect(n2.podCIDRs).toEqual(['192.168.1.0/24']);
    expect(cluster.podByKey.get('default/b')?.ips[0]).toMatch(/^192\.168\.1\./);
  });

  it("refuses node-1's route to node-2's pods: the prefix is eth0's", () => {
    expect(n1.routes.map((r) => r.text)).not.toContain('192.168.1.0/24 via 192.168.1.12 dev eth0');
    expect(n1.rejectedRoutes).toEqual([
      {
        route: expect.objectContaining({ text: '192.168.1.0/24 via 192.168.1.12 dev eth0' }),
        existing: expect.objectContaining({
          text: '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
        }),
        error: 'RTNETLINK answers: File exists',
      },
    ]);
  });

  it("keeps both connected routes on node-2, eth0's first (as ip route prints them)", () => {
    const same = n2.routes.filter((r) => r.dst === '192.168.1.0/24').map((r) => r.text);
    expect(same).toEqual([
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.12',
      '192.168.1.0/24 dev cni0 proto kernel scope link src 192.168.1.1',
    ]);
    expect(n2.rejectedRoutes).toEqual([]);
  });

  it('a pod on node-1 cannot reach a pod on node-2: node-1 ARPs for it on eth0', () => {
    const t = trace(cluster, tcp('pod/default/a', 'pod/default/b', 80));
    expect(t.verdict).toBe('unreachable');
    const route = t.hops.filter((h) => h.kind === 'route' && h.node === 'node-1').at(-1)!;
    expect(route.rule?.text).toBe(
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
    );
    expect(route.explain).toContain("eth0's connected route (on-link: no next hop) takes it");
    expect(route.explain).toContain(
      "The CNI's route `192.168.1.0/24 via 192.168.1.12 dev eth0` was never installed (RTNETLINK answers: File exists), so instead of going to 192.168.1.12",
    );
    const drop = t.hops.at(-1)!;
    expect(drop.kind).toBe('drop');
    expect(drop.at).toBe('node:node-1/eth0');
    expect(drop.explain).toContain('belongs to pod default/b');
    expect(drop.explain).toContain('No route to host');
  });

  it('node-2 cannot reach its own pod: eth0 shadows cni0', () => {
    const t = trace(cluster, tcp('node/node-2', 'pod/default/b', 80));
    expect(t.verdict).toBe('unreachable');
    const route = find(t.hops, 'route', 'node-2')!;
    expect(route.explain).toContain(
      "The lookup picks the wrong device: cni0's route for the same prefix",
    );
    expect(route.explain).toContain('comes second');
  });

  it('a pod on node-2 still reaches node-1 (its route is intact), but the reply is lost on node-1', () => {
    const t = trace(cluster, tcp('pod/default/b', 'pod/default/a', 80));
    expect(t.verdict).toBe('unreachable');
    expect(t.hops.some((h) => h.kind === 'deliver' && h.direction === 'request')).toBe(true);
    const last = t.hops.at(-1)!;
    expect(last.direction).toBe('reply');
    expect(last.node).toBe('node-1');
  });

  it('a pod on node-2 looks for node-1 on its own bridge', () => {
    const t = trace(cluster, tcp('pod/default/b', 'node/node-1', 22));
    expect(t.verdict).toBe('unreachable');
    const drop = t.hops.at(-1)!;
    expect(drop.explain).toContain("is node node-1's address on the node network");
  });
});

describe('a valid plan', () => {
  it('has no refused routes and no overlap notes in any pod-to-pod walk', () => {
    for (const mode of ['routes', 'vxlan'] as const) {
      const c = deriveCluster({
        ...DEFAULT_SCENARIO,
        cluster: { ...DEFAULT_SCENARIO.cluster, cni: { mode } },
      });
      expect(c.nodes.flatMap((n) => n.rejectedRoutes)).toEqual([]);
      const pods = c.pods.filter((p) => !p.hostNetwork);
      for (const a of pods)
        for (const b of pods) {
          const t = trace(c, tcp(`pod/${a.key}`, `pod/${b.key}`, b.ports[0]?.port ?? 80));
          expect(t.hops.some((h) => h.explain.includes('Address-plan overlap'))).toBe(false);
        }
    }
  });
});
