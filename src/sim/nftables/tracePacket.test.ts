/**
 * kube-proxy's own tracer tests (TestTracePacketV4 / TestTracePacketV6): its static rule dumps,
 * loaded by our parser and evaluated by our engine, give the outputs its tests expect.
 */
import { describe, expect, it } from 'vitest';

import { parseNftRuleset } from './parse';
import {
  TEST_NODE_IPS,
  TRACE_V4_FLOWS,
  TRACE_V4_RULES,
  TRACE_V6_FLOWS,
  TRACE_V6_RULES,
} from './testdata/tracePacket';
import { tracePacket } from './testdata/tracer';

describe.each([
  ['TestTracePacketV4', TRACE_V4_RULES, TRACE_V4_FLOWS],
  ['TestTracePacketV6', TRACE_V6_RULES, TRACE_V6_FLOWS],
] as const)('%s', (_name, rules, flows) => {
  const rs = parseNftRuleset(rules);
  it('loads the dump', () => {
    expect(rs.ok ? undefined : rs.error).toBeUndefined();
  });
  it.each(flows.map((f) => [f.name, f] as const))('%s', (_n, f) => {
    if (!rs.ok) throw new Error('dump did not load');
    expect(tracePacket(rs.value, TEST_NODE_IPS, f)).toEqual({ output: f.output, masq: f.masq });
  });
});
