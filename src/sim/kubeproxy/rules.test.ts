import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import type { KubeProxySettings, Scenario } from '../model/scenario';

import { nodeIptablesText, nodeRuleset } from './ruleset';
import { caseScenario, type FixtureCase } from './testdata/cases';
import flowsJson from './testdata/kube-proxy-flows.json';
import { tracePacketCase } from './testdata/tracePacket';
import { traceFlow } from './testdata/traceFlow';

const cases = flowsJson as unknown as FixtureCase[];
const base = cases[0] as FixtureCase;
const tpCase = tracePacketCase(base);
const tpScenario = caseScenario(tpCase);

const withProxy = (
  s: Scenario,
  kp: Partial<KubeProxySettings>,
  cni: Partial<Scenario['cluster']['cni']> = {},
): Scenario => ({
  ...s,
  cluster: {
    ...s.cluster,
    kubeProxy: { ...s.cluster.kubeProxy, ...kp },
    cni: { ...s.cluster.cni, ...cni },
  },
});
const text = (s: Scenario, family: 4 | 6 = 4): string =>
  nodeIptablesText(deriveCluster(s), 'test-node', family);
const lines = (s: Scenario, family: 4 | 6 = 4): string[] => text(s, family).split('\n');

describe('the reference excerpts (TestOverallIPTablesRules) appear verbatim', () => {
  const all = lines(tpScenario);
  it.each([
    '-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 external IP" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT',
    '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "pod traffic for ns2/svc2:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT',
    '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "masquerade LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
    '-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "route LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-GNZBNJ2PO5MGZ6GT',
    '-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
    '-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.4:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-UKSFD7AGPMPPLUHC',
    '-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.5:80" -j KUBE-SEP-C6EBXVWJJZMIWKLZ',
    '-A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -s 10.180.0.4 -j KUBE-MARK-MASQ',
    '-A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.4:80',
    '-A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT',
    '-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j DROP',
    '-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 -> 10.180.0.3:80" -m recent --name KUBE-SEP-I77PXRDZVX7PMWMN --rcheck --seconds 10800 --reap -j KUBE-SEP-I77PXRDZVX7PMWMN',
    '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    '-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    '-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3001 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-GNZBNJ2PO5MGZ6GT',
    '-A KUBE-NODEPORTS -m comment --comment "ns2/svc2:p80 health check node port" -m tcp -p tcp --dport 30000 -j ACCEPT',
    '-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 loadbalancer IP" -s 203.0.113.0/25 -j KUBE-EXT-NUKIZ6OKUXPJNT4C',
    '-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "other traffic to ns5/svc5:p80 will be dropped by KUBE-PROXY-FIREWALL"',
    '-A KUBE-PROXY-FIREWALL -m comment --comment "ns5/svc5:p80 traffic not accepted by KUBE-FW-NUKIZ6OKUXPJNT4C" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j DROP',
    '-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -m recent --name KUBE-SEP-I77PXRDZVX7PMWMN --set -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80',
  ])('%s', (line) => {
    expect(all).toContain(line);
  });

  it('eTP Local without local endpoints: no jump to KUBE-SVL in KUBE-EXT', () => {
    expect(all.filter((l) => l.startsWith('-A KUBE-EXT-GNZBNJ2PO5MGZ6GT'))).toHaveLength(3);
    expect(all.some((l) => l.includes('KUBE-SVL-GNZBNJ2PO5MGZ6GT'))).toBe(false);
  });

  it('KUBE-SERVICES ends with the NodePort rule', () => {
    const svc = all.filter(
      (l) => l.startsWith('-A KUBE-SERVICES ') && l.includes('KUBE-NODEPORTS'),
    );
    const natServices = all
      .slice(0, all.indexOf('COMMIT'))
      .filter((l) => l.startsWith('-A KUBE-SERVICES '));
    expect(natServices[natServices.length - 1]).toBe(svc[0]);
  });
});

describe('TestTracePacket flows through the generated rules', () => {
  const cluster = deriveCluster(tpScenario);
  it.each(base.flows.map((f) => [f.name, f] as const))('%s', (_n, f) => {
    const r = traceFlow(cluster, 'test-node', { src: f.sourceIP, dst: f.destIP, port: f.destPort });
    const out = f.expected.output;
    if (out === 'REJECT' || out === 'DROP') expect(r.verdict).toBe(out);
    else if (out === 'ACCEPT') {
      expect(r.verdict).toBe('ACCEPT');
      expect(r.decidedBy).toMatch(/-j ACCEPT$/);
    } else if (out === '') expect([r.candidates, r.verdict]).toEqual([[], 'ACCEPT']);
    else {
      expect([...r.candidates].sort()).toEqual(out.split(', ').sort());
      expect(r.masq).toBe(f.expected.masq);
    }
  });
});

describe('kube-proxy settings shape the rules', () => {
  const has = (s: Scenario, re: RegExp, family: 4 | 6 = 4): boolean =>
    lines(s, family).some((l) => re.test(l));
  it.each([
    [
      'masqueradeAll masquerades every ClusterIP packet',
      { masqueradeAll: true },
      /^-A KUBE-SVC-XPGD46QRK7WJZT7O .*--dport 80 -j KUBE-MARK-MASQ$/,
      true,
    ],
    [
      'masqueradeAll drops the detector condition',
      { masqueradeAll: true },
      /! -s 10\.0\.0\.0\/8 -j KUBE-MARK-MASQ/,
      false,
    ],
    [
      'no local detector: no ClusterIP masquerade rule',
      { clusterCIDR: '' },
      /KUBE-SVC-XPGD46QRK7WJZT7O .*KUBE-MARK-MASQ/,
      false,
    ],
    [
      'no local detector: no pod short-circuit in KUBE-EXT',
      { clusterCIDR: '' },
      /pod traffic for/,
      false,
    ],
    [
      'a custom clusterCIDR is the detector',
      { clusterCIDR: '10.244.0.0/16' },
      /! -s 10\.244\.0\.0\/16 -j KUBE-MARK-MASQ/,
      true,
    ],
    [
      'localhostNodePorts=false excludes 127.0.0.0/8',
      { iptables: { localhostNodePorts: false } },
      /--dst-type LOCAL ! -d 127\.0\.0\.0\/8 -j KUBE-NODEPORTS$/,
      true,
    ],
    [
      'localhostNodePorts=false: no localhost NodePort rule',
      { iptables: { localhostNodePorts: false } },
      /localhost_nps_accepted_pkts/,
      false,
    ],
    [
      'nodePortAddresses: one rule per matching node IP',
      { nodePortAddresses: ['192.168.0.0/24'] },
      /-d 192\.168\.0\.2 -j KUBE-NODEPORTS$/,
      true,
    ],
    [
      'nodePortAddresses: no addrtype NodePort rule',
      { nodePortAddresses: ['192.168.0.0/24'] },
      /--dst-type LOCAL( .*)? -j KUBE-NODEPORTS$/,
      false,
    ],
    [
      'nodePortAddresses without loopback: no localhost NodePorts',
      { nodePortAddresses: ['192.168.0.0/24'] },
      /localhost_nps_accepted_pkts/,
      false,
    ],
    [
      'nodePortAddresses with loopback keeps them',
      { nodePortAddresses: ['127.0.0.0/8', '192.168.0.0/24'] },
      /-d 127\.0\.0\.1 -j KUBE-NODEPORTS$/,
      true,
    ],
    [
      'masqueradeBit 15 uses mark 0x8000',
      { iptables: { masqueradeBit: 15 } },
      /^-A KUBE-MARK-MASQ -j MARK --or-mark 0x8000$/,
      true,
    ],
  ] as const)('%s', (_name, kp, re, want) => {
    expect(has(withProxy(tpScenario, kp as Partial<KubeProxySettings>), re)).toBe(want);
  });

  it('the CNI masquerades pod traffic leaving the pod network unless disabled', () => {
    const rule =
      /^-A FLANNEL-POSTRTG -s 10\.0\.0\.0\/8 ! -d 224\.0\.0\.0\/4 .*-j MASQUERADE --random-fully$/;
    expect(has(tpScenario, rule)).toBe(true);
    expect(has(withProxy(tpScenario, {}, { masquerade: false }), rule)).toBe(false);
    expect(
      has(withProxy(tpScenario, {}, { masquerade: false }), /^-A FLANNEL-FWD -s 10\.0\.0\.0\/8 /),
    ).toBe(true);
  });

  it('large clusters (> 1000 endpoints) drop comments from SVC and SEP rules', () => {
    const ips = Array.from({ length: 1001 }, (_, i) => `10.181.${i >> 8}.${i & 255}`);
    const big = tracePacketCase(base);
    const s = caseScenario({
      ...big,
      endpointSlices: [
        {
          ...(big.endpointSlices?.[0] ?? { service: 'ns1/svc1', addressType: 'IPv4', ports: [] }),
          endpoints: ips.map((ip) => ({
            addresses: [ip],
            nodeName: null,
            ready: null,
            serving: null,
            terminating: null,
          })),
        },
      ],
    });
    const t = lines(s);
    expect(t.some((l) => l.startsWith('-A KUBE-SEP-') && l.includes('--comment'))).toBe(false);
    const first =
      /^-A KUBE-SVC-XPGD46QRK7WJZT7O -m statistic --mode random --probability 0\.0009990010 -j KUBE-SEP-\w{16}$/;
    expect(t.some((l) => first.test(l))).toBe(true);
    expect(t.some((l) => l.includes('"ns1/svc1:p80 cluster IP"'))).toBe(true);
  });
});

describe('IPv6', () => {
  const v6 = cases.find((c) => c.proxier_defaults.ipFamily === 'IPv6') as FixtureCase;
  const t = lines(caseScenario(v6), 6);
  it.each([
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS',
    '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d fd00:172:30::41 --dport 80 ! -s fd00:10::/64 -j KUBE-MARK-MASQ',
  ])('%s', (line) => expect(t).toContain(line));
  it('has no localhost NodePorts and no localnet firewall rule', () => {
    expect(
      t.some((l) => l.includes('localhost_nps_accepted_pkts') || l.startsWith('-A KUBE-FIREWALL ')),
    ).toBe(false);
    expect(t.some((l) => /DNAT --to-destination \[fd00:10:180::1\]:80$/.test(l))).toBe(true);
  });
  it('the IPv4 table of a single-stack IPv6 cluster has no service rules', () => {
    expect(lines(caseScenario(v6), 4).some((l) => l.includes('KUBE-SVC-'))).toBe(false);
  });
});

describe('nodeRuleset', () => {
  const cluster = deriveCluster(tpScenario);
  it('is memoised per cluster, node and family', () => {
    expect(nodeRuleset(cluster, 'test-node', 4)).toBe(nodeRuleset(cluster, 'test-node', 4));
    expect(nodeRuleset(cluster, 'test-node', 6)).not.toBe(nodeRuleset(cluster, 'test-node', 4));
  });
  it('every rule knows its line in the text', () => {
    const { text: t, ruleset } = nodeRuleset(cluster, 'test-node', 4);
    const textLines = t.split('\n');
    for (const table of Object.values(ruleset.tables))
      for (const chain of table?.chains.values() ?? [])
        for (const r of chain.rules) expect(textLines[r.ref.line - 1]).toBe(r.ref.text);
  });
  it('an unknown node still gets the base chains', () => {
    expect(nodeIptablesText(cluster, 'ghost', 4)).toContain(
      '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
    );
  });
});
