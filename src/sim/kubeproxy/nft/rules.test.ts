/**
 * The ruleset kube-proxy's nftables proxier writes, against the text its own tests expect
 * (TestOverallNFTablesRules, compared object by object in nft's canonical form), its chain-name
 * hashes, and the settings that change it (nodePortAddresses, masqueradeAll, the local-traffic
 * detector, traffic policies, source ranges, IPv6, dual-stack, flannel's tables).
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../../derive/cluster';
import { formatElement, formatRuleset, typeSelector } from '../../nftables/format';
import { parseNftRuleset } from '../../nftables/parse';
import type { Ruleset } from '../../nftables/types';
import type { KubeProxySettings } from '../../model/scenario';
import { caseScenario } from '../testdata/cases';

import { kubeProxyTransaction, nodeNftRuleset } from './generate';
import { endpointBase, hashAndTruncate, servicePortBase } from './names';
import { OVERALL_CASE, OVERALL_EXPECTED } from './testdata/overall';

function load(text: string): Ruleset {
  const r = parseNftRuleset(text);
  if (!r.ok) throw new Error(`line ${r.error.line}: ${r.error.message}`);
  formatRuleset(r.value); // canonical rule texts
  return r.value;
}

/** Every object of the table in canonical form, order-independent except rules in a chain. */
function summary(rs: Ruleset): Record<string, unknown> {
  const t = rs.tables[0];
  if (!t) return {};
  const out: Record<string, unknown> = { comment: t.comment };
  for (const c of [...t.chains.values()].sort((a, b) => (a.name < b.name ? -1 : 1)))
    out[`chain ${c.name}`] = {
      base: c.base,
      comment: c.comment,
      rules: c.rules.map((r) => r.text),
    };
  for (const s of [...t.sets.values()].sort((a, b) => (a.name < b.name ? -1 : 1)))
    out[`${s.isMap ? 'map' : 'set'} ${s.name}`] = {
      type: [...s.keyType, ...(s.dataType ? [':', ...s.dataType] : [])].join(' '),
      flags: s.flags,
      timeout: s.timeout,
      comment: s.comment,
      elements: s.elements.map((e) => formatElement(e, s.keyType.map(typeSelector))).sort(),
    };
  return out;
}

const scenario = (kp: Partial<KubeProxySettings> = {}) => {
  const s = caseScenario(OVERALL_CASE, { withSlices: true, mode: 'nftables' });
  return { ...s, cluster: { ...s.cluster, kubeProxy: { ...s.cluster.kubeProxy, ...kp } } };
};
const tx = (kp: Partial<KubeProxySettings> = {}): string =>
  kubeProxyTransaction(deriveCluster(scenario(kp)), 'test-node', 4);
const rulesOf = (text: string, chain: string): string[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith(`add rule ip kube-proxy ${chain} `))
    .map((l) => l.slice(`add rule ip kube-proxy ${chain} `.length));

describe('TestOverallNFTablesRules', () => {
  it('writes exactly the tables, sets, maps, chains, rules and elements kube-proxy’s test expects', () => {
    expect(summary(load(tx()))).toEqual(summary(load(OVERALL_EXPECTED)));
  });
  it('writes kube-proxy’s own mark syntax (%#08x of 1<<14)', () => {
    expect(rulesOf(tx(), 'mark-for-masquerade')).toEqual(['mark set mark or 0x004000']);
  });
});

describe('chain names (hashAndTruncate)', () => {
  it.each([
    ['ns1', 'svc1', 'p80', 'ULMVA6XW-ns1/svc1/tcp/p80'],
    ['ns2', 'svc2', 'p80', '42NFTM6N-ns2/svc2/tcp/p80'],
    ['ns3', 'svc3', 'p80', '4AT6LBPK-ns3/svc3/tcp/p80'],
    ['ns4', 'svc4', 'p80', 'LAUZTJTB-ns4/svc4/tcp/p80'],
    ['ns5', 'svc5', 'p80', 'HVFWP5L3-ns5/svc5/tcp/p80'],
  ])('%s/%s/tcp/%s → %s', (ns, name, port, want) => {
    expect(servicePortBase(ns, name, 'tcp', port)).toBe(want);
  });
  it.each([
    ['ns1', 'svc1', '10.180.0.1', '5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80'],
    ['ns2', 'svc2', '10.180.0.2', 'SGOXE6O3-ns2/svc2/tcp/p80__10.180.0.2/80'],
    ['ns3', 'svc3', '10.180.0.3', 'UEIP74TE-ns3/svc3/tcp/p80__10.180.0.3/80'],
    ['ns4', 'svc4', '10.180.0.4', 'UNZV3OEC-ns4/svc4/tcp/p80__10.180.0.4/80'],
    ['ns4', 'svc4', '10.180.0.5', '5RFCDDV7-ns4/svc4/tcp/p80__10.180.0.5/80'],
    ['ns5', 'svc5', '10.180.0.3', 'GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80'],
    ['ns1', 'svc1', 'fd00:10:180::1', 'ZVRFLKHO-ns1/svc1/tcp/p80__fd00.10.180..1/80'],
    ['ns1', 'svc1', 'fd00:10:180::2:1', '2CRNCTTE-ns1/svc1/tcp/p80__fd00.10.180..2.1/80'],
  ])('%s/%s endpoint %s → %s', (ns, name, ip, want) => {
    expect(endpointBase(ns, name, 'tcp', 'p80', ip, 80)).toBe(want);
  });
  it('an unnamed port leaves the last part empty; long names are cut to 240 with "..."', () => {
    expect(servicePortBase('ns1', 'svc1', 'tcp', '')).toMatch(/^[A-Z2-7]{8}-ns1\/svc1\/tcp\/$/);
    const long = hashAndTruncate('x'.repeat(300));
    expect([long.length, long.endsWith('...')]).toEqual([240, true]);
  });
});

describe('settings that change the ruleset', () => {
  it('nodePortAddresses unset ([]) means "primary" in nftables mode: nodeport-ips holds the node IP', () => {
    const t = tx({ nodePortAddresses: [] });
    expect(t).toContain('add element ip kube-proxy nodeport-ips { 192.168.0.2 }');
    expect(t).not.toContain('192.168.1.2 }');
  });
  it('nodePortAddresses 0.0.0.0/0: every local address except loopback, by fib', () => {
    const t = tx({ nodePortAddresses: ['0.0.0.0/0'] });
    expect(t).not.toContain('nodeport-ips');
    expect(rulesOf(t, 'services')[1]).toBe(
      'fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports',
    );
    expect(rulesOf(t, 'nodeport-endpoints-check')).toEqual([
      'ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @no-endpoint-nodeports',
    ]);
  });
  it('localhost is never a NodePort address (localhostNodePorts is iptables-only)', () => {
    const t = tx({ nodePortAddresses: ['127.0.0.0/8', '192.168.0.0/24'] });
    expect(t).toContain('nodeport-ips { 192.168.0.2 }');
    expect(t).not.toContain('nodeport-ips { 127.0.0.1 }');
  });
  it('masqueradeAll masquerades every ClusterIP connection', () => {
    expect(rulesOf(tx({ masqueradeAll: true }), 'service-ULMVA6XW-ns1/svc1/tcp/p80')[0]).toBe(
      'ip daddr 172.30.0.41 jump mark-for-masquerade',
    );
  });
  it('without a local-traffic detector: no ClusterIP masquerade rule, no pod short-circuit', () => {
    const t = tx({ clusterCIDR: '' });
    expect(rulesOf(t, 'service-ULMVA6XW-ns1/svc1/tcp/p80')).toEqual([
      'numgen random mod 1 vmap { 0 : goto endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 }',
    ]);
    expect(rulesOf(t, 'external-42NFTM6N-ns2/svc2/tcp/p80')[0]).toMatch(/^fib saddr type local/);
  });
  it('source ranges that hold the node IP also admit the LB IPs (VIP-like load balancers)', () => {
    const s = scenario();
    const svc5 = s.services.find((x) => x.metadata.name === 'svc5');
    if (!svc5) throw new Error('no svc5');
    const wide = {
      ...s,
      services: s.services.map((x) =>
        x === svc5
          ? {
              ...x,
              spec: { ...x.spec, loadBalancerSourceRanges: ['192.168.0.0/24', ' 203.0.113.0/25'] },
            }
          : x,
      ),
    };
    const t = kubeProxyTransaction(deriveCluster(wide), 'test-node', 4);
    expect(rulesOf(t, 'firewall-HVFWP5L3-ns5/svc5/tcp/p80')).toEqual([
      'ip saddr != { 192.168.0.0/24, 203.0.113.0/25, 5.6.7.8 } drop',
    ]);
  });
  it('internalTrafficPolicy Local without a local endpoint drops the ClusterIP', () => {
    const s = scenario();
    const itp = {
      ...s,
      services: s.services.map((x) =>
        x.metadata.name === 'svc1'
          ? { ...x, spec: { ...x.spec, internalTrafficPolicy: 'Local' as const } }
          : x,
      ),
    };
    const t = kubeProxyTransaction(deriveCluster(itp), 'test-node', 4);
    expect(t).toContain(
      'add element ip kube-proxy no-endpoint-services { 172.30.0.41 . tcp . 80 comment "ns1/svc1:p80" : drop }',
    );
    expect(t).not.toContain('service-ULMVA6XW');
  });
});

describe('the node’s whole ruleset', () => {
  it('lists kube-proxy’s table and flannel’s (nftables mode) as nft list ruleset prints them', () => {
    const { text } = nodeNftRuleset(deriveCluster(scenario()), 'test-node');
    expect(text).toMatch(/^table ip kube-proxy \{\n\tcomment "rules for kube-proxy"\n/);
    expect(text).toContain('table ip flannel-ipv4 {');
    expect(text).toContain('\t\tmeta mark 0x00004000 return\n');
    expect(text).toContain(
      '\t\ttype filter hook prerouting priority dstnat - 10; policy accept;\n',
    );
    expect(text).toContain(
      '\t\telements = { 172.30.0.41 . tcp . 80 : goto service-ULMVA6XW-ns1/svc1/tcp/p80,\n',
    );
  });
  it('a dual-stack cluster runs two proxiers: ip and ip6 kube-proxy tables', () => {
    const s = scenario();
    const dual = {
      ...s,
      cluster: {
        ...s.cluster,
        serviceSubnet: '172.30.0.0/16,fd00:172:30::/112',
        podSubnet: '10.0.0.0/8,fd00:10::/64',
      },
    };
    const { text } = nodeNftRuleset(deriveCluster(dual), 'test-node');
    expect(text).toContain('table ip kube-proxy {');
    expect(text).toContain('table ip6 kube-proxy {');
    expect(text).toContain(
      'ip6 daddr fd00:172:30::/112 drop comment "Drop traffic to unallocated ClusterIPs"',
    );
    expect(text).toContain('elements = { 2001:db8::1 }');
  });
});
