/**
 * Cilium with kube-proxy replacement runs no kube-proxy: no walk, listener, inspector or legend text
 * credits kube-proxy with what eBPF does, and kube-proxy's nftables tables are not written even
 * when KubeProxyConfiguration says nftables. Without the replacement kube-proxy's words and rules stay.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { deriveCluster } from '../../derive/cluster';
import type { Cluster } from '../../derive/types';
import { nodeNftRuleset } from '../../kubeproxy/nft/generate';
import { DEFAULT_SCENARIO } from '../../model/defaultScenario';
import type { Scenario } from '../../model/scenario';
import { hostListeners } from '../../trace/edges';
import { trace } from '../../trace/tracer';
import type { TraceRequest } from '../../trace/types';
import { ippool } from '../calico/testkit';
import { loadAllDatapaths } from '../registry';

import { ciliumConfigMapFor } from './config';

beforeAll(loadAllDatapaths);

function cilium(kpr: boolean, proxyMode: 'iptables' | 'nftables' = 'iptables'): Cluster {
  const s: Scenario = {
    ...DEFAULT_SCENARIO,
    cluster: {
      ...DEFAULT_SCENARIO.cluster,
      cni: { mode: 'cilium' },
      kubeProxy: { mode: proxyMode },
    },
    services: DEFAULT_SCENARIO.services.map((x) =>
      x.metadata.name === 'web'
        ? {
            ...x,
            spec: {
              ...x.spec,
              type: 'LoadBalancer' as const,
              externalTrafficPolicy: 'Local' as const,
              ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 30080 }],
            },
          }
        : x,
    ),
    others: [
      ciliumConfigMapFor({
        routingMode: 'tunnel',
        kubeProxyReplacement: kpr,
        poolCidr: '10.244.0.0/16',
      }),
    ],
  };
  return deriveCluster(s);
}

/** "kube-proxy" as an actor — not "no kube-proxy", nor the name of Cilium's feature (kube-proxy replacement). */
const KUBE_PROXY = /(?<![Nn]o )kube-proxy(?![- ]replacement)/;

const walks = (c: Cluster): TraceRequest[] => {
  const web = c.serviceByKey.get('default/web');
  const lb = web?.loadBalancerIPs[0] ?? '';
  return [
    { from: 'pod/default/client', to: 'svc/default/web', port: 80 },
    { from: 'pod/default/client', to: 'svc/default/web', port: 81 },
    { from: 'pod/default/client', to: 'svc/default/web', protocol: 'ICMP' },
    { from: 'node/node-1', to: 'svc/default/web', port: 80 },
    { from: '203.0.113.7', to: '192.168.1.11', port: 30080, node: 'node-1' },
    { from: '203.0.113.7', to: '192.168.1.11', port: 10256, node: 'node-1' },
    { from: '203.0.113.7', to: lb, port: 80 },
  ];
};

describe('Cilium with kube-proxy replacement names no kube-proxy', () => {
  it('no hop title, rule source, explanation or reason credits kube-proxy', () => {
    const c = cilium(true);
    for (const req of walks(c)) {
      const t = trace(c, req);
      const said = [t.reason, ...t.hops.flatMap((h) => [h.title, h.rule?.source, h.explain])];
      expect(
        said.filter((x) => x !== undefined && KUBE_PROXY.test(x)),
        JSON.stringify(req),
      ).toEqual([]);
    }
  });

  it('the wrong port of a ClusterIP is a missing eBPF service-map entry, not a kube-proxy rule', () => {
    const t = trace(cilium(true), { from: 'pod/default/client', to: 'svc/default/web', port: 81 });
    expect(t.reason).toMatch(/^No eBPF service-map entry for TCP port 81 on default\/web/);
    const k = trace(cilium(false), { from: 'pod/default/client', to: 'svc/default/web', port: 81 });
    expect(k.reason).toMatch(/^No kube-proxy rule for TCP port 81/);
  });

  it("kube-proxy's healthz (10256) listens only where kube-proxy runs; health-check node ports are the load balancer's", () => {
    const kpr = cilium(true);
    const n1 = kpr.nodes[0];
    if (!n1) throw new Error('node-1');
    const listeners = hostListeners(kpr, n1);
    expect(listeners.some((l) => l.port === 10256)).toBe(false);
    expect(listeners.find((l) => l.who.includes('health check'))?.who).toBe(
      "Cilium's eBPF load balancer's health check for default/web",
    );
    const plain = cilium(false);
    expect(hostListeners(plain, plain.nodes[0] ?? n1).some((l) => l.port === 10256)).toBe(true);
  });

  it('the profile the inspector and legend show: kube-proxy only as the name of the replacement', () => {
    const p = cilium(true).datapath.profile;
    const texts = [
      p.summary,
      p.serviceNat,
      p.masquerade,
      p.policy,
      ...p.caveats,
      ...p.legend.flatMap((l) => [l.term, l.text]),
    ];
    expect(texts.filter((x) => KUBE_PROXY.test(x))).toEqual([]);
    expect(p.kubeProxy).toBe(false);
    expect(cilium(false).datapath.profile.serviceNat).toMatch(/kube-proxy handles NodePorts/);
  });
});

describe("kube-proxy's nftables tables", () => {
  it('are not written with kube-proxy replacement, whatever the configured mode', () => {
    const text = nodeNftRuleset(cilium(true, 'nftables'), 'node-1').text;
    expect(text).not.toMatch(/table ip6? kube-proxy/);
    expect(text).not.toMatch(/flannel/);
  });

  it('stay without it (Cilium still load-balances pod traffic, kube-proxy does the rest)', () => {
    const text = nodeNftRuleset(cilium(false, 'nftables'), 'node-1').text;
    expect(text).toMatch(/^table ip kube-proxy \{/m);
    expect(text).toMatch(/chain nat-prerouting \{/);
  });

  it("flannel's own tables come with flannel only (not under Calico)", () => {
    const base = { ...DEFAULT_SCENARIO.cluster, kubeProxy: { mode: 'nftables' as const } };
    const flannel = deriveCluster({ ...DEFAULT_SCENARIO, cluster: base });
    expect(nodeNftRuleset(flannel, 'node-1').text).toMatch(/^table ip flannel-ipv4 \{/m);
    const calico = deriveCluster({
      ...DEFAULT_SCENARIO,
      cluster: { ...base, cni: { mode: 'calico' } },
      others: [ippool('p', { ipipMode: 'Always' })],
    });
    const text = nodeNftRuleset(calico, 'node-1').text;
    expect(text).toMatch(/^table ip kube-proxy \{/m);
    expect(text).not.toMatch(/flannel/);
  });
});
