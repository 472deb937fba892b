/**
 * Every packet flow of kube-proxy's own test suite (testdata/kube-proxy-flows.json) through the
 * rules generated here and the netfilter engine, judged the way shared/tools/kube_proxy_cases.py
 * judges the CLI: DNAT candidates (sorted), the masquerade mark, REJECT / DROP / ACCEPT.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';

import {
  caseScenario,
  flowsInScope,
  slicesDeleted,
  type FixtureCase,
  type FixtureFlow,
} from './testdata/cases';
import flowsJson from './testdata/kube-proxy-flows.json';
import { traceFlow, type FlowResult } from './testdata/traceFlow';

const cases = flowsJson as unknown as FixtureCase[];

/** kube_proxy_cases.py's judge, on kube-proxy's own terms (the 0x4000 mark, not CNI SNAT). */
function judge(expected: FixtureFlow['expected'], r: FlowResult): string | undefined {
  const cands = r.candidates.map((c) => c.toLowerCase()).sort();
  const out = expected.output;
  if (out === 'REJECT' || out === 'DROP')
    return r.verdict === out ? undefined : `want ${out}, got ${r.verdict}`;
  if (out === '' || out === 'ACCEPT') {
    const ok = cands.length === 0 && r.verdict === 'ACCEPT';
    return ok ? undefined : `want ${out || 'no match'}, got ${r.verdict} [${cands.join(', ')}]`;
  }
  const want = out
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .sort();
  if (JSON.stringify(cands) !== JSON.stringify(want) || r.verdict === 'REJECT')
    return `want [${want.join(', ')}], got ${r.verdict} [${cands.join(', ')}]`;
  if (r.masq !== expected.masq) return `masq: want ${expected.masq}, got ${r.masq}`;
  return undefined;
}

const rows = cases.flatMap((c) =>
  c.services.length === 0
    ? []
    : flowsInScope(c).map((f) => ({ test: c.source_test.split(' (')[0] ?? '', flow: f, c })),
);

describe('kube-proxy packet flows (proxier_test.go)', () => {
  it('covers every in-scope flow of the fixture', () => {
    expect(rows.length).toBe(87);
  });

  it.each(
    rows.map(
      (r) => [`${r.test} / ${r.flow.name}${r.flow.phase ? ` (${r.flow.phase})` : ''}`, r] as const,
    ),
  )('%s', (_name, { c, flow }) => {
    const cluster = deriveCluster(caseScenario(c, { withSlices: !slicesDeleted(flow) }));
    const r = traceFlow(cluster, c.proxier_defaults.nodeName, {
      src: flow.sourceIP,
      dst: flow.destIP,
      port: flow.destPort,
      protocol: (flow.protocol ?? 'TCP').toUpperCase() as 'TCP',
    });
    expect(judge(flow.expected, r)).toBeUndefined();
  });
});
