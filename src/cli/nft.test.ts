/** `k8snet nft` and walks in nftables mode on the command line. */
import { describe, expect, it } from 'vitest';

import { DEFAULT_SCENARIO, type Trace } from '@/sim';

import { k8snet, lines, scenarioFile } from './testkit';

const nft = { ...DEFAULT_SCENARIO.cluster.kubeProxy, mode: 'nftables' as const };
const nftFile = scenarioFile({
  ...DEFAULT_SCENARIO,
  cluster: { ...DEFAULT_SCENARIO.cluster, kubeProxy: nft },
});
const iptFile = scenarioFile(DEFAULT_SCENARIO);
const walk = (file: string): Trace =>
  JSON.parse(
    k8snet(
      'trace',
      file,
      '--from',
      'default/client',
      '--to',
      'svc/shop/frontend',
      '--port',
      '80',
      '--json',
    ).out.join('\n'),
  ) as Trace;

describe('k8snet nft', () => {
  it('prints node-1’s nft list ruleset: kube-proxy’s table, then flannel’s', () => {
    const r = k8snet('nft', nftFile, '--node', 'node-1');
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    const out = lines(r);
    expect(out[0]).toBe('table ip kube-proxy {');
    expect(out).toContain('\tchain nat-prerouting {');
    expect(out).toContain('\t\ttype nat hook prerouting priority dstnat; policy accept;');
    expect(
      out.some((l) =>
        /^\t\telements = \{ 10\.[\d.]+ \. tcp \. 80 : goto service-[A-Z2-7]{8}-default\/web\/tcp\/http,$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(out).toContain('table ip flannel-ipv4 {');
  });

  it('on a cluster in iptables mode says so and prints what nftables mode would write', () => {
    const r = k8snet('nft', iptFile, '--node', 'node-1');
    expect(r.code).toBe(0);
    expect(r.err).toEqual([
      'note: the cluster runs kube-proxy in iptables mode; these are the rules nftables mode would write',
    ]);
    expect(r.out[0]).toMatch(/^table ip kube-proxy \{/);
  });

  it('iptables on a cluster in nftables mode says so too', () => {
    const r = k8snet('iptables', nftFile, '--node', 'node-1');
    expect(r.err).toEqual([
      'note: the cluster runs kube-proxy in nftables mode; these are the rules iptables mode would write',
    ]);
  });

  it('needs an existing --node', () => {
    expect(k8snet('nft', nftFile).code).toBe(2);
    const r = k8snet('nft', nftFile, '--node', 'node-9');
    expect([r.code, r.err[0]]).toEqual([
      2,
      'k8snet nft: --node node-9: no such node (nodes: node-1, node-2)',
    ]);
  });
});

describe('a walk in nftables mode', () => {
  const t = walk(nftFile);
  const ipt = walk(iptFile);
  it('names the nft rule, chain and map element at the DNAT hop', () => {
    const dnat = t.hops.find((h) => h.kind === 'dnat');
    expect(dnat?.rule?.source).toBe('nft ip kube-proxy');
    expect(dnat?.rule?.text).toMatch(/^meta l4proto tcp dnat to 10\.244\.\d+\.\d+:8080$/);
    const elements = dnat?.rules?.flatMap((r) => (r.element ? [r.element] : []));
    expect(elements?.[0]).toMatch(
      /^10\.\d+\.\d+\.\d+ \. tcp \. 80 : goto service-[A-Z2-7]{8}-shop\/frontend\/tcp\/http$/,
    );
    expect(dnat?.rules?.every((r) => r.view === 'nft')).toBe(true);
    expect(t.hops.some((h) => /iptables/.test(h.rule?.source ?? ''))).toBe(false);
  });
  it('has the same verdict, candidates and masquerade as iptables mode', () => {
    expect([t.verdict, t.candidates, t.masqueraded]).toEqual([
      ipt.verdict,
      ipt.candidates,
      ipt.masqueraded,
    ]);
    expect(t.candidates.length).toBe(2);
  });
});
