/**
 * The Cilium datapath on the reference's 2-node cluster (reference/cni-datapaths.md §3): what the
 * agent puts on nodes and in pods, and the walks pod→pod (same node, across nodes), pod→ClusterIP
 * (socket LB with kube-proxy replacement, tc LB at lxc without) and outside→NodePort (SNAT, DSR).
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { deriveCluster } from '../../derive/cluster';
import { generateNodeRules } from '../../kubeproxy/generate';
import { DEFAULT_SCENARIO } from '../../model/defaultScenario';
import type { Scenario } from '../../model/scenario';
import { replyHops, requestHops } from '../../trace/testkit';
import { trace } from '../../trace/tracer';
import type { Trace } from '../../trace/types';
import { loadAllDatapaths } from '../registry';

import { ciliumConfigMapFor } from './config';

beforeAll(loadAllDatapaths);

type Opts = Parameters<typeof ciliumConfigMapFor>[0];
function cilium(o: Partial<Opts> = {}, data: Record<string, string> = {}): Scenario {
  const cm = ciliumConfigMapFor({
    routingMode: 'tunnel',
    kubeProxyReplacement: true,
    poolCidr: '10.244.0.0/16',
    ...o,
  });
  return {
    ...DEFAULT_SCENARIO,
    cluster: { ...DEFAULT_SCENARIO.cluster, cni: { mode: 'cilium' } },
    services: DEFAULT_SCENARIO.services.map((s) =>
      s.metadata.name === 'web'
        ? {
            ...s,
            spec: {
              ...s.spec,
              type: 'NodePort' as const,
              ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 30080 }],
            },
          }
        : s,
    ),
    others: [{ ...cm, data: { ...(cm.data as Record<string, string>), ...data } }],
  };
}

const kinds = (t: Trace, dir: 'request' | 'reply' = 'request'): string[] =>
  (dir === 'request' ? requestHops(t) : replyHops(t)).map((h) => h.kind);
const delivered = (t: Trace) => requestHops(t).find((h) => h.kind === 'deliver');

describe('Cilium on a node and in a pod', () => {
  it('cluster-pool CIDRs (not node.spec.podCIDR), cilium_host /32, routes with proto kernel and the tunnel MTU', () => {
    const c = deriveCluster(cilium());
    const [n1, n2] = c.nodes;
    expect(n1?.podRanges).toEqual(['10.244.0.0/24']);
    expect(n2?.podRanges).toEqual(['10.244.1.0/24']);
    expect(n1?.podCIDRs).toEqual(['10.244.1.0/24']); // given, unused by cluster-pool
    const host = n1?.devices.find((d) => d.name === 'cilium_host');
    const r = host?.addrs[0]?.ip ?? '';
    expect(host?.addrs[0]?.prefix).toBe(32);
    expect(r).toMatch(/^10\.244\.0\.\d+$/);
    expect(n1?.devices.map((d) => `${d.name}:${d.type}:${d.mtu}`)).toEqual([
      'cilium_host:veth:1500',
      'cilium_net:veth:1500',
      'cilium_vxlan:vxlan:1500',
    ]);
    expect(n1?.devices[2]?.details).toContain('vxlan external id 0');
    expect(n1?.devices[2]?.details).toContain('dstport 8472');
    const r2 = n2?.devices.find((d) => d.name === 'cilium_host')?.addrs[0]?.ip ?? '';
    expect(n1?.routes.map((x) => x.text)).toEqual([
      'default via 192.168.1.1 dev eth0 proto static',
      `10.244.0.0/24 via ${r} dev cilium_host proto kernel src ${r}`,
      `${r} dev cilium_host proto kernel scope link`,
      `10.244.1.0/24 via ${r} dev cilium_host proto kernel src ${r} mtu 1450`,
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
    ]);
    expect(r2).toMatch(/^10\.244\.1\.\d+$/);
    expect(n1?.podAttach.style).toBe('ebpf');
    expect(c.nodes.flatMap((n) => n.devices).some((d) => d.type === 'bridge')).toBe(false);
  });

  it('a pod: eth0 /32, lxc + 12 hex on the host, default via the router IP with mtu 1450, ARP answered with lxc’s MAC', () => {
    const c = deriveCluster(cilium());
    const p = c.podByKey.get('default/client');
    const r =
      c.nodeByName.get('node-1')?.devices.find((d) => d.name === 'cilium_host')?.addrs[0]?.ip ?? '';
    expect(p?.eth0?.addrs).toEqual([{ ip: p?.ips[0], prefix: 32 }]);
    expect(p?.eth0?.mtu).toBe(1500);
    expect(p?.vethHost?.name).toMatch(/^lxc[0-9a-f]{12}$/);
    expect(p?.vethHost?.addrs).toEqual([]);
    expect(p?.routes.map((x) => x.text)).toEqual([
      `default via ${r} dev eth0 mtu 1450`,
      `${r} dev eth0 scope link`,
    ]);
    expect(p?.neigh.map((x) => x.text)).toEqual([
      `${r} dev eth0 lladdr ${p?.vethHost?.mac ?? ''} REACHABLE`,
    ]);
    // Random allocation inside the node CIDR: never the network or broadcast address.
    for (const q of c.pods.filter((x) => !x.hostNetwork))
      expect(q.ips[0]).not.toMatch(/\.(0|255)$/);
  });

  it('Geneve: cilium_geneve on UDP 6081; native: routes via the peer’s eth0 and no route MTU', () => {
    const g = deriveCluster(cilium({ tunnelProtocol: 'geneve' }));
    const dev = g.nodes[0]?.devices.find((d) => d.name === 'cilium_geneve');
    expect(dev?.type).toBe('geneve');
    expect(dev?.tunnel).toMatchObject({ encap: 'geneve', port: 6081, overhead: 50 });
    const n = deriveCluster(cilium({ routingMode: 'native' }));
    expect(n.nodes[0]?.devices.map((d) => d.name)).toEqual(['cilium_host', 'cilium_net']);
    expect(n.nodes[0]?.routes.map((x) => x.text)).toContain(
      '10.244.1.0/24 via 192.168.1.12 dev eth0 proto kernel',
    );
    expect(n.podByKey.get('default/client')?.routes[0]?.text).toMatch(
      /^default via 10\.244\.0\.\d+ dev eth0$/,
    );
  });

  it('ipam: kubernetes takes node.spec.podCIDR; the profile follows the ConfigMap', () => {
    const c = deriveCluster(cilium({}, { ipam: 'kubernetes' }));
    expect(c.nodes.map((n) => n.podRanges[0])).toEqual(['10.244.1.0/24', '10.244.2.0/24']);
    expect(c.datapath.profile).toMatchObject({
      kind: 'cilium',
      kubeProxy: false,
      ipBlockMatchesPods: false,
      podMtu: 1500,
    });
    expect(c.datapath.profile.name).toBe('Cilium VXLAN + kube-proxy replacement');
  });

  it('a bad value is reported with its key and the default is used', () => {
    const c = deriveCluster(cilium({}, { 'routing-mode': 'overlay' }));
    expect(c.notes.map((n) => n.message).join(' ')).toContain('routing-mode "overlay"');
    expect(c.datapath.profile.variant).toContain('VXLAN');
  });

  it('with kube-proxy replacement the nodes have no kube-proxy rules, only Cilium’s', () => {
    const text = generateNodeRules(deriveCluster(cilium()), 'node-1', 4);
    expect(text).not.toContain('KUBE-SERVICES');
    expect(text).toContain('-A CILIUM_FORWARD -i lxc+');
    expect(text).toContain(
      '! -o cilium_+ -m comment --comment "cilium masquerade non-cluster" -j MASQUERADE',
    );
    expect(
      generateNodeRules(deriveCluster(cilium({ kubeProxyReplacement: false })), 'node-1', 4),
    ).toContain('KUBE-SERVICES');
  });
});

describe('walks through Cilium', () => {
  it('pod → pod on the same node: lxc to lxc by eBPF redirect, TTL −1, no bridge, no netfilter', () => {
    const t = trace(deriveCluster(cilium()), {
      from: 'pod/default/client',
      to: 'pod/shop/frontend-1',
      port: 8080,
    });
    expect(t.verdict).toBe('delivered');
    expect(kinds(t)).toEqual(['send', 'route', 'veth', 'route', 'veth', 'deliver']);
    const hops = requestHops(t);
    expect(hops[2]?.dev).toMatch(/^lxc/);
    expect(hops[3]?.title).toContain('local endpoint');
    expect(delivered(t)?.packet.ttl).toBe(63);
  });

  it('pod → pod across nodes (VXLAN): cilium_vxlan, UDP 8472, VNI = the sender’s identity, inner TTL −1 in total', () => {
    const t = trace(deriveCluster(cilium()), {
      from: 'pod/default/client',
      to: 'pod/default/web',
      port: 80,
    });
    expect(kinds(t)).toEqual([
      'send',
      'route',
      'veth',
      'encap',
      'wire',
      'wire',
      'decap',
      'route',
      'route',
      'veth',
      'deliver',
    ]);
    const encap = requestHops(t).find((h) => h.kind === 'encap');
    expect(encap?.dev).toBe('cilium_vxlan');
    expect(encap?.packet.outer).toMatchObject({
      srcIP: '192.168.1.11',
      dstIP: '192.168.1.12',
      dstPort: 8472,
    });
    expect(encap?.packet.vni).toBeGreaterThanOrEqual(256);
    expect(delivered(t)?.packet.ttl).toBe(63);
    expect(t.verdict).toBe('delivered');
  });

  it('pod → pod across nodes (native): the kernel routes via the peer’s eth0, no encapsulation', () => {
    const t = trace(deriveCluster(cilium({ routingMode: 'native' })), {
      from: 'pod/default/client',
      to: 'pod/default/web',
      port: 80,
    });
    expect(t.verdict).toBe('delivered');
    expect(kinds(t)).not.toContain('encap');
    expect(requestHops(t).map((h) => h.rule?.text)).toContain(
      '10.244.1.0/24 via 192.168.1.12 dev eth0 proto kernel',
    );
  });

  it('pod → ClusterIP with kube-proxy replacement: translated at connect() in the pod, the packet leaves addressed to the backend', () => {
    const c = deriveCluster(cilium());
    const web = c.podByKey.get('default/web')?.ips[0];
    const t = trace(c, { from: 'pod/default/client', to: 'svc/default/web' });
    expect(t.verdict).toBe('delivered');
    const hops = requestHops(t);
    expect(hops[1]).toMatchObject({ kind: 'dnat', netns: 'pod/default/client', dev: 'eth0' });
    expect(hops[1]?.rule?.source).toContain('connect4');
    expect(hops.slice(1).every((h) => h.packet.dstIP === web)).toBe(true);
    expect(hops.filter((h) => h.kind === 'dnat' || h.kind === 'netfilter')).toHaveLength(1);
    expect(replyHops(t).some((h) => h.kind === 'unnat')).toBe(false);
    expect(t.chosen).toBe(`${web ?? ''}:80`);
  });

  it('pod → ClusterIP without replacement: DNAT per packet at the client’s lxc, reversed there for the reply', () => {
    const t = trace(deriveCluster(cilium({ kubeProxyReplacement: false })), {
      from: 'pod/default/client',
      to: 'svc/default/web',
    });
    expect(t.verdict).toBe('delivered');
    const dnat = requestHops(t).find((h) => h.kind === 'dnat');
    expect(dnat).toMatchObject({ netns: 'node/node-1' });
    expect(dnat?.dev).toMatch(/^lxc/);
    expect(kinds(t).indexOf('dnat')).toBe(3); // send, route, veth (lxc), dnat
    const un = replyHops(t).find((h) => h.kind === 'unnat');
    expect(un?.dev).toBe(dnat?.dev);
    expect(replyHops(t).at(-1)?.packet.srcIP).toBe(requestHops(t)[0]?.packet.dstIP);
  });

  it('outside → NodePort (snat): eBPF on eth0 DNATs and SNATs to the node; the server sees the node; the reply returns through it', () => {
    const t = trace(deriveCluster(cilium()), {
      from: '203.0.113.9',
      to: '192.168.1.11',
      port: 30080,
      node: 'node-1',
    });
    expect(t.verdict).toBe('delivered');
    expect(kinds(t).slice(0, 5)).toEqual(['send', 'wire', 'dnat', 'snat', 'encap']);
    expect(requestHops(t)[2]).toMatchObject({ dev: 'eth0', netns: 'node/node-1' });
    expect(delivered(t)?.packet.srcIP).toBe('192.168.1.11');
    expect(replyHops(t).some((h) => h.kind === 'unnat' && h.node === 'node-1')).toBe(true);
    expect(t.masqueraded).toBe(true);
  });

  it('outside → NodePort (dsr, native): no SNAT, the server sees the client, the reply leaves the backend’s node directly', () => {
    const t = trace(deriveCluster(cilium({ routingMode: 'native', lbMode: 'dsr' })), {
      from: '203.0.113.9',
      to: '192.168.1.11',
      port: 30080,
      node: 'node-1',
    });
    expect(t.verdict).toBe('delivered');
    expect(kinds(t)).not.toContain('snat');
    expect(delivered(t)?.packet.srcIP).toBe('203.0.113.9');
    expect(replyHops(t).some((h) => h.node === 'node-1')).toBe(false);
    expect(replyHops(t).at(-1)?.packet.srcIP).toBe('192.168.1.11');
  });

  it('every hop inside the cluster names its dev and netns', () => {
    const c = deriveCluster(cilium());
    for (const to of ['pod/default/web', 'svc/default/web', 'pod/shop/frontend-1'])
      for (const h of trace(c, { from: 'pod/default/client', to, port: 80 }).hops.filter(
        (x) => x.node !== undefined,
      )) {
        expect(h.dev, `${h.kind} ${h.title ?? ''}`).toBeTruthy();
        expect(h.netns, `${h.kind} ${h.title ?? ''}`).toBeTruthy();
      }
  });

  it('an ipBlock never matches a pod IP under Cilium, and the policy hop says when that decided the verdict', () => {
    const base = cilium();
    const s: Scenario = {
      ...base,
      networkPolicies: [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'egress-cidr', namespace: 'default' },
          spec: {
            podSelector: { matchLabels: { app: 'client' } },
            policyTypes: ['Egress'],
            egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
          },
        },
      ],
    };
    const t = trace(deriveCluster(s), {
      from: 'pod/default/client',
      to: 'pod/default/web',
      port: 80,
    });
    expect(t.verdict).toBe('dropped');
    const h = requestHops(t).find((x) => x.kind === 'drop');
    expect(h).toMatchObject({ netns: 'node/node-1' });
    expect(h?.dev).toMatch(/^lxc/);
    expect(h?.explain).toContain('The ipBlock decided this');
    expect(h?.explain).toContain('would be allowed');
    const flannel = trace(
      deriveCluster({ ...s, cluster: { ...s.cluster, cni: { mode: 'routes' } } }),
      {
        from: 'pod/default/client',
        to: 'pod/default/web',
        port: 80,
      },
    );
    expect(flannel.verdict).toBe('delivered');
  });
});
