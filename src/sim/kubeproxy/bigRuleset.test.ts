/**
 * A node with 1,000 Services: every ClusterIP still resolves through PREROUTING, FORWARD and
 * POSTROUTING to its own three endpoints. (Speed is measured by `npm run bench`, not here.)
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import type { EndpointSlice, Node, Service } from '../model/k8s';
import { DEFAULT_CLUSTER, emptyScenario, type Scenario } from '../model/scenario';
import { runHook } from '../netfilter/engine';
import { parsedLineCount } from '../netfilter/parse';
import type { NfContext, NfPacket } from '../netfilter/types';

import { nodeRuleset } from './ruleset';

function bigScenario(services: number): Scenario {
  const nodes: Node[] = Array.from({ length: 10 }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `n${i}` },
  }));
  const svcs: Service[] = [];
  const slices: EndpointSlice[] = [];
  for (let i = 0; i < services; i++) {
    svcs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `s${i}`, namespace: 'default' },
      spec: { type: i % 3 === 0 ? 'NodePort' : 'ClusterIP', ports: [{ name: 'http', port: 80 }] },
    });
    slices.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: `s${i}-1`,
        namespace: 'default',
        labels: { 'kubernetes.io/service-name': `s${i}` },
      },
      addressType: 'IPv4',
      endpoints: [0, 1, 2].map((k) => ({
        addresses: [`10.244.${(i * 3 + k) >> 8}.${(i * 3 + k) & 255}`],
        nodeName: `n${k}`,
      })),
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
  }
  return {
    ...emptyScenario('perf'),
    cluster: DEFAULT_CLUSTER,
    nodes,
    services: svcs,
    endpointSlices: slices,
  };
}

describe('a ruleset for 1,000 Services', () => {
  it('sends each ClusterIP to its own endpoints', () => {
    const cluster = deriveCluster(bigScenario(1000));
    const { ruleset } = nodeRuleset(cluster, 'n0', 4);
    const node = cluster.nodeByName.get('n0');
    const local = new Set(node?.localIps ?? []);
    const ctx: NfContext = {
      isLocal: (ip) => local.has(ip),
      ctstate: 'NEW',
      random: () => 0.5,
      masqueradeAddress: () => node?.ips[0],
    };
    for (let i = 0; i < 400; i++) {
      const svc = cluster.services[(i * 7) % 1000];
      const pkt: NfPacket = {
        family: 4,
        srcIP: '10.244.0.7',
        dstIP: svc?.clusterIPs[0] ?? '',
        protocol: 'TCP',
        srcPort: 40000,
        dstPort: 80,
        mark: 0,
        inIface: 'cni0',
      };
      const pre = runHook(ruleset, 'nat', 'PREROUTING', pkt, ctx);
      const fwd = runHook(ruleset, 'filter', 'FORWARD', { ...pre.packet, outIface: 'eth0' }, ctx);
      const post = runHook(ruleset, 'nat', 'POSTROUTING', { ...fwd.packet, outIface: 'eth0' }, ctx);
      const n = (i * 7) % 1000;
      expect([...pre.candidates].sort()).toEqual(
        [0, 1, 2].map((k) => `10.244.${(n * 3 + k) >> 8}.${(n * 3 + k) & 255}:8080`).sort(),
      );
      expect(fwd.verdict).toBe('ACCEPT');
      expect(post.packet.dstIP).toBe(pre.packet.dstIP);
    }
  });
});

describe('rules every node shares', () => {
  it('are parsed once: a second node adds only its own lines, and its ruleset is complete', () => {
    const cluster = deriveCluster(bigScenario(300));
    const first = nodeRuleset(cluster, 'n5', 4);
    const before = parsedLineCount();
    const second = nodeRuleset(cluster, 'n6', 4);
    const lines = second.text.split('\n').filter((l) => l.startsWith('-A')).length;
    expect(lines).toBeGreaterThan(3000);
    // Node-specific lines only (its own address in the NodePort and masquerade rules).
    expect(parsedLineCount() - before).toBeLessThan(lines / 100);
    for (const t of ['nat', 'filter'] as const)
      for (const [name, chain] of first.ruleset.tables[t]?.chains ?? [])
        expect(second.ruleset.tables[t]?.chains.get(name)?.rules.length, name).toBe(
          chain.rules.length,
        );
  });
});
