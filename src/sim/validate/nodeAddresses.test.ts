/**
 * Overlap findings over random address plans, judged by an independent reference (plain integer
 * arithmetic on "a.b.c.d/p", as Python's ipaddress would): every reported overlap is between
 * ranges the input gave or node addresses — nothing invented — and every real overlap between
 * them is reported, directly or through the given block that holds it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DEFAULT_CLUSTER, emptyScenario, type Scenario } from '../model/scenario';

import { validate } from './validate';

interface Block {
  readonly text: string;
  readonly lo: number;
  readonly hi: number;
}

/** Reference parser: "a.b.c.d/p" → [first, last] address as integers (host bits masked). */
function block(text: string): Block {
  const [addr = '', p = '32'] = text.split('/');
  const n = addr.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(p));
  const lo = Math.floor(n / size) * size;
  return { text, lo, hi: lo + size - 1 };
}
const meets = (a: Block, b: Block): boolean => a.lo <= b.hi && b.lo <= a.hi;
const inside = (a: Block, b: Block): boolean => b.lo <= a.lo && a.hi <= b.hi;

const octet = fc.integer({ min: 0, max: 255 });
/** CIDRs inside 10.0.0.0/20 so that plans collide often; network form (no host bits). */
const cidr = (min: number, max: number): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 0, max: 15 }), octet, fc.integer({ min, max })).map(([c, d, p]) => {
    const n = 10 * 2 ** 24 + c * 2 ** 8 + d;
    const size = 2 ** (32 - p);
    const net = Math.floor(n / size) * size;
    return `${[24, 16, 8, 0].map((s) => Math.floor(net / 2 ** s) % 256).join('.')}/${p}`;
  });
const address = fc
  .tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 2, max: 254 }))
  .map(([c, d]) => `10.0.${c}.${d}`);

const plan = fc.record({
  pod: cidr(12, 16),
  svc: cidr(12, 20),
  subnets: fc.array(cidr(20, 26), { maxLength: 2 }),
  nodes: fc.array(
    fc.record({ ip: address, podCIDR: fc.option(cidr(22, 26), { nil: undefined }) }),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
});

type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never;

function scenarioOf(p: Plan): Scenario {
  return {
    ...emptyScenario('random plan'),
    cluster: {
      ...DEFAULT_CLUSTER,
      podSubnet: p.pod,
      serviceSubnet: p.svc,
      nodeCIDRMaskSize: 27,
      nodeNetwork: p.subnets.map((c) => ({ cidr: c })),
    },
    nodes: p.nodes.map((n, i) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `n${i}` },
      ...(n.podCIDR ? { spec: { podCIDR: n.podCIDR } } : {}),
      status: { addresses: [{ type: 'InternalIP', address: n.ip }] },
    })),
  };
}

/** Pairs of given ranges whose overlap is a fault, by kind, as the reference sees them. */
function realOverlaps(p: Plan): [Block, Block, Block[]][] {
  const pod = block(p.pod);
  const svc = block(p.svc);
  const subnets = p.subnets.map(block);
  const ranges = p.nodes.flatMap((n, i) => (n.podCIDR ? [{ i, b: block(n.podCIDR) }] : []));
  const addrs = p.nodes.map((n, i) => ({ i, b: block(`${n.ip}/32`) }));
  const out: [Block, Block, Block[]][] = [];
  // [a, b, parents of a that may report it instead]
  if (meets(svc, pod)) out.push([svc, pod, []]);
  for (const s of subnets) {
    if (meets(s, pod)) out.push([s, pod, []]);
    if (meets(s, svc)) out.push([s, svc, []]);
  }
  subnets.forEach((s, i) => {
    for (const t of subnets.slice(i + 1)) if (meets(s, t)) out.push([s, t, []]);
  });
  for (const r of ranges) {
    if (meets(r.b, svc)) out.push([r.b, svc, inside(r.b, pod) ? [pod] : []]);
    for (const s of subnets) if (meets(r.b, s)) out.push([r.b, s, inside(r.b, pod) ? [pod] : []]);
  }
  for (const a of addrs) {
    const parents = subnets.filter((s) => inside(a.b, s));
    if (meets(a.b, pod)) out.push([a.b, pod, parents]);
    if (meets(a.b, svc)) out.push([a.b, svc, parents]);
    for (const r of ranges) if (meets(a.b, r.b)) out.push([a.b, r.b, parents]);
  }
  return out;
}

describe('overlap findings over random plans', () => {
  it('report only given ranges and node addresses, and every real overlap among them', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const diags = validate(scenarioOf(p)).filter((d) => d.code === 'cidr-overlap');
        const given = new Set([
          p.pod,
          p.svc,
          ...p.subnets,
          ...p.nodes.flatMap((n) => [`${n.ip}/32`, ...(n.podCIDR ? [n.podCIDR] : [])]),
        ]);
        const reported = (a: Block, b: Block): boolean =>
          diags.some(
            (d) =>
              (d.ranges[0] === a.text && d.ranges[1] === b.text) ||
              (d.ranges[0] === b.text && d.ranges[1] === a.text),
          );
        // Sound: both ranges were given, and they do overlap.
        for (const d of diags) {
          for (const x of d.ranges) expect(given).toContain(x);
          const [a, b] = d.ranges.map(block);
          if (a && b) expect(meets(a, b)).toBe(true);
          // A finding about a node's address names the node.
          if (d.ranges.some((x) => x.endsWith('/32')))
            expect(d.objects.some((o) => o.startsWith('node/'))).toBe(true);
        }
        // Complete: each real overlap is reported, or its given parent's overlap is.
        for (const [a, b, parents] of realOverlaps(p)) {
          const ok = reported(a, b) || parents.some((q) => reported(q, b));
          if (!ok) expect.fail(`${a.text} overlaps ${b.text} but nothing says so`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
