/**
 * Every packet flow of kube-proxy's nftables test suite (testdata/kube-proxy-nftables-flows.json,
 * transcribed from pkg/proxy/nftables/proxier_test.go) through the ruleset written here and the
 * nftables engine, asked through the service-proxy seam: DNAT candidates, the masquerade mark,
 * REJECT / DROP, or no kube-proxy rule at all. (TestTracePacketV4, which has static rules and no
 * Services, is nftables/tracePacket.test.ts.)
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../../derive/cluster';
import { proxyFlow, type ProxyFlowResult } from '../../proxy/testdata/flow';
import { caseScenario, slicesDeleted, type FixtureCase, type FixtureFlow } from '../testdata/cases';

import { nftablesProxy } from './proxy';
import flowsJson from './testdata/kube-proxy-nftables-flows.json';

const cases = flowsJson as unknown as FixtureCase[];

function judge(expected: FixtureFlow['expected'], r: ProxyFlowResult): string | undefined {
  const cands = r.candidates.map((c) => c.toLowerCase()).sort();
  const out = expected.output;
  if (out === 'REJECT' || out === 'DROP')
    return r.verdict === out ? undefined : `want ${out}, got ${r.verdict}`;
  if (out === '')
    return cands.length === 0 && r.verdict === 'ACCEPT'
      ? undefined
      : `want no match, got ${r.verdict} [${cands.join(', ')}]`;
  const want = out
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .sort();
  if (JSON.stringify(cands) !== JSON.stringify(want) || r.verdict !== 'ACCEPT')
    return `want [${want.join(', ')}], got ${r.verdict} [${cands.join(', ')}]`;
  return r.masq === expected.masq ? undefined : `masq: want ${expected.masq}, got ${r.masq}`;
}

const rows = cases.flatMap((c) =>
  c.services.length === 0
    ? []
    : c.flows.map((f) => ({ test: c.source_test.split(' (')[0] ?? '', flow: f, c })),
);

describe('kube-proxy nftables packet flows (proxier_test.go)', () => {
  it('covers every flow of the fixture that has Services', () => {
    expect(rows.length).toBe(81);
  });

  it.each(
    rows.map(
      (r) => [`${r.test} / ${r.flow.name}${r.flow.phase ? ` (${r.flow.phase})` : ''}`, r] as const,
    ),
  )('%s', (_name, { c, flow }) => {
    const scenario = caseScenario(c, { withSlices: !slicesDeleted(flow), mode: 'nftables' });
    const r = proxyFlow(nftablesProxy, deriveCluster(scenario), c.proxier_defaults.nodeName, {
      src: flow.sourceIP,
      dst: flow.destIP,
      port: flow.destPort,
      protocol: (flow.protocol ?? 'TCP').toUpperCase() as 'TCP',
    });
    expect(judge(flow.expected, r), r.matched.join('\n')).toBeUndefined();
  });
});
