import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { Scenario } from '../model/scenario';

import { capacitySummary } from './capacity';
import { tweak } from './testkit';
import { validate } from './validate';

/** CIDR-ish text: valid blocks of both families (host bits and all), near misses and junk. */
const cidrText = fc.oneof(
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
  fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([a, p]) => `${a}/${p}`),
  fc.tuple(fc.ipV4(), fc.integer({ min: -5, max: 200 })).map(([a, p]) => `${a}/${p}`),
  fc.oneof(fc.ipV4(), fc.ipV6()),
  fc.constantFrom(
    '',
    ' ',
    ',',
    '/',
    '0.0.0.0/0',
    '::/0',
    '10.0.0.0/8',
    'fd00::/8',
    '::ffff:10.0.0.0/104',
  ),
  fc.string({ maxLength: 24 }),
);
const settingText = fc.oneof(
  cidrText,
  fc.array(cidrText, { minLength: 2, maxLength: 3 }).map((xs) => xs.join(',')),
);
const maskValue = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: -4, max: 140 }),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 24.5),
);

const settings = fc.record({
  podSubnet: settingText,
  serviceSubnet: settingText,
  nodeNetwork: settingText,
  nodeCIDRMaskSize: maskValue,
  nodeCIDRMaskSizeIPv6: maskValue,
  clusterCIDR: fc.option(settingText, { nil: undefined }),
  nodePortAddresses: fc.array(cidrText, { maxLength: 2 }),
  podCIDR: fc.option(cidrText, { nil: undefined }),
  nodeIp: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 12 })),
  podIP: fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 12 })), {
    nil: undefined,
  }),
});

function scenarioFrom(v: typeof settings extends fc.Arbitrary<infer T> ? T : never): Scenario {
  return tweak((s) => {
    s.cluster.podSubnet = v.podSubnet;
    s.cluster.serviceSubnet = v.serviceSubnet;
    s.cluster.nodeNetwork = [{ cidr: v.nodeNetwork }];
    if (v.nodeCIDRMaskSize !== undefined) s.cluster.nodeCIDRMaskSize = v.nodeCIDRMaskSize;
    if (v.nodeCIDRMaskSizeIPv6 !== undefined)
      s.cluster.nodeCIDRMaskSizeIPv6 = v.nodeCIDRMaskSizeIPv6;
    if (v.clusterCIDR !== undefined) s.cluster.kubeProxy.clusterCIDR = v.clusterCIDR;
    s.cluster.kubeProxy.nodePortAddresses = v.nodePortAddresses;
    s.nodes[1]!.spec = v.podCIDR === undefined ? {} : { podCIDR: v.podCIDR };
    s.nodes[0]!.status!.addresses![0]!.address = v.nodeIp;
    if (v.podIP !== undefined) s.pods[4]!.status = { podIP: v.podIP };
  });
}

describe('validate properties', () => {
  it('never throws for random CIDR text in every settings field, and is well-formed', () => {
    fc.assert(
      fc.property(settings, (v) => {
        const s = scenarioFrom(v);
        const list = validate(s);
        for (const d of list) {
          expect(['error', 'warning']).toContain(d.severity);
          expect(d.code).toMatch(/^[a-z-]+$/);
          expect(d.message.length).toBeGreaterThan(10);
          expect(Array.isArray(d.ranges) && Array.isArray(d.objects)).toBe(true);
        }
        // Deterministic: an equal document gives equal diagnostics.
        expect(validate(scenarioFrom(v))).toEqual(list);
        const summary = capacitySummary(s);
        expect(typeof summary.maxNodes === 'number' || /^\d+$/.test(String(summary.maxNodes))).toBe(
          true,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('an invalid settings value is always reported on its own field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('podSubnet', 'serviceSubnet', 'nodeNetwork'),
        fc.string({ maxLength: 16 }).filter((t) => !t.includes('/')),
        (key, junk) => {
          const s = tweak((x) => {
            if (key === 'nodeNetwork') x.cluster.nodeNetwork = [{ cidr: junk }];
            else x.cluster[key] = junk;
          });
          const fields = validate(s)
            .filter((d) => d.severity === 'error')
            .map((d) => d.field);
          expect(fields).toContain(
            key === 'nodeNetwork' ? 'cluster.nodeNetwork[0].cidr' : `cluster.${key}`,
          );
        },
      ),
    );
  });

  it('every overlap diagnostic lists both CIDRs', () => {
    fc.assert(
      fc.property(settings, (v) => {
        for (const d of validate(scenarioFrom(v)).filter((x) => x.code === 'cidr-overlap')) {
          expect(d.ranges).toHaveLength(2);
          const [a = '', b = ''] = d.ranges;
          // A single address (a node's, a Service's external IP) "is inside" the other range.
          if (d.objects.length > 0 && /\/(32|128)$/.test(a) && d.message.includes(' is inside '))
            expect(d.message).toContain(`${a.replace(/\/\d+$/, '')} is inside `);
          else {
            expect(d.message).toContain(`${a} overlaps `);
            expect(d.message).toContain(` ${b}: both contain `);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the default scenario validates with zero errors', () => {
    expect(validate(DEFAULT_SCENARIO).filter((d) => d.severity === 'error')).toEqual([]);
  });
});
