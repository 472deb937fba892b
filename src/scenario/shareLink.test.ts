import { DEFAULT_SCENARIO, emptyScenario, type Scenario } from '@/sim';
import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';

import { compactScenario } from './compact';
import { PRESETS } from './presets/index';
import { MAX_LINK_CHARS, encodeShareLink } from './shareLink';
import { decodeShareLink } from './shareLinkDecode';

const decoded = (link: string): Scenario => {
  const r = decodeShareLink(link);
  if (!r.ok) throw new Error(r.error);
  return r.value.scenario;
};

/** A link without the base-scenario delta: the compact document itself. */
const plainLink = (s: Scenario): string =>
  `s=${s.version}.${LZString.compressToEncodedURIComponent(JSON.stringify(compactScenario(s)))}`;

describe('share links', () => {
  it('encode the default scenario in under 1,000 characters and decode it deep-equal', () => {
    const link = encodeShareLink(DEFAULT_SCENARIO);
    expect(link.length).toBeLessThan(1000);
    expect(link).toMatch(/^s=2\.[A-Za-z0-9+\-$]+$/);
    expect(decoded(link)).toStrictEqual(DEFAULT_SCENARIO);
  });

  it('keep a small edit of the default scenario small', () => {
    const edited: Scenario = { ...DEFAULT_SCENARIO, pods: DEFAULT_SCENARIO.pods.slice(0, -1) };
    const link = encodeShareLink(edited);
    expect(link.length).toBeLessThan(200);
    expect(decoded(link)).toStrictEqual(edited);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    'round-trip the %s preset with its walk',
    (_id, p) => {
      const walk = { ...p.walk, step: 3 };
      const link = encodeShareLink(p.scenario, walk);
      const r = decodeShareLink(link);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.scenario).toStrictEqual(p.scenario);
      expect(r.value.walk).toStrictEqual(walk);
      expect(r.value.warnings).toEqual([]);
      expect(link.length).toBeLessThan(4000);
    },
  );

  it('round-trip an empty scenario, layout and every optional setting', () => {
    const s: Scenario = {
      ...emptyScenario('Bare'),
      cluster: {
        ...DEFAULT_SCENARIO.cluster,
        podSubnet: '10.244.0.0/16,fd00:10::/56',
        nodeCIDRMaskSize: 25,
        cni: { mode: 'vxlan', masquerade: false, ipBlockMatchesPods: false },
        kubeProxy: {
          mode: 'iptables',
          clusterCIDR: '',
          nodePortAddresses: [],
          iptables: { masqueradeBit: 15 },
        },
      },
      layout: { 'node:a': { x: 1.5, y: -2 } },
    };
    for (const x of [emptyScenario(), s]) expect(decoded(encodeShareLink(x))).toStrictEqual(x);
  });

  it('read links made without a base (compact document only)', () => {
    expect(decoded(plainLink(DEFAULT_SCENARIO))).toStrictEqual(DEFAULT_SCENARIO);
    for (const p of PRESETS) expect(decoded(plainLink(p.scenario))).toStrictEqual(p.scenario);
  });

  it('accept a full URL, a #fragment and a bare fragment', () => {
    const frag = encodeShareLink(DEFAULT_SCENARIO, {
      from: 'pod/default/client',
      to: 'svc/shop/frontend',
      port: 80,
      protocol: 'TCP',
    });
    for (const text of [
      frag,
      `#${frag}`,
      `https://explorer.example/#${frag}`,
      `https://explorer.example/app?x=1#${frag}`,
      `  ${frag}\n`,
    ]) {
      const r = decodeShareLink(text);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.value.scenario).toStrictEqual(DEFAULT_SCENARIO);
      expect(r.value.walk).toEqual({
        from: 'pod/default/client',
        to: 'svc/shop/frontend',
        port: 80,
        protocol: 'TCP',
      });
    }
  });

  it('write the walk readably and read every walk field back', () => {
    const walk = {
      from: 'pod/default/client',
      to: '10.96.0.10',
      port: 53,
      protocol: 'UDP' as const,
      node: 'node-1',
      seed: 7,
      endpoint: '10.244.1.3:53',
      step: 4,
    };
    const link = encodeShareLink(DEFAULT_SCENARIO, walk);
    expect(link).toContain(
      '&from=pod/default/client&to=10.96.0.10&port=53&proto=UDP&node=node-1&seed=7&endpoint=10.244.1.3:53&step=4',
    );
    const r = decodeShareLink(link);
    expect(r.ok && r.value.walk).toStrictEqual(walk);
  });

  it('keep the nodes opened on the overview, in order, without duplicates', () => {
    const link = encodeShareLink(DEFAULT_SCENARIO, undefined, { expanded: ['node-2', 'node-1'] });
    expect(link).toMatch(/&expand=node-2,node-1$/);
    const r = decodeShareLink(`${link},node-2,`);
    expect(r.ok && r.value.view).toStrictEqual({ expanded: ['node-2', 'node-1'] });
    expect(encodeShareLink(DEFAULT_SCENARIO, undefined, { expanded: [] })).not.toContain('expand');
  });

  it('re-encode a scenario read from a link without compressing it again', () => {
    const link = encodeShareLink(PRESETS[0]!.scenario);
    const r = decodeShareLink(link);
    expect(r.ok && encodeShareLink(r.value.scenario)).toBe(link);
  });

  it('ignore bad walk fields with a warning', () => {
    const base = encodeShareLink(DEFAULT_SCENARIO);
    const r = decodeShareLink(`${base}&from=a&to=b&port=99999&proto=XTP&step=-1`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.walk).toEqual({ from: 'a', to: 'b' });
    expect(r.value.warnings).toHaveLength(3);
    const half = decodeShareLink(`${base}&from=a`);
    expect(half.ok && half.value.walk).toBeUndefined();
    expect(half.ok && half.value.warnings).toEqual([
      'the link names only one end of the walk; the walk is ignored',
    ]);
  });

  it.each([
    ['', 'not a share link'],
    ['https://explorer.example/', 'not a share link'],
    ['s=', 'no version'],
    ['s=abc', 'no version'],
    ['s=1.', 'no scenario data'],
    ['s=7.N4Ig', 'made by a newer version (v7); this app reads up to v2'],
    ['s=0.N4Ig', 'versions start at v1'],
    ['s=1.%%%', 'truncated or corrupted'],
    ['s=1.@@@@', 'truncated or corrupted'],
    ['s=1.AAAAAAAA', 'truncated or corrupted'],
  ])('refuse %j clearly', (link, message) => {
    const r = decodeShareLink(link);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(message);
  });

  it('refuse a truncated link (or, when only padding was cut, read it whole)', () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, meta: { name: 'Changed' }, pods: [] };
    const link = encodeShareLink(s);
    let refused = 0;
    for (let cut = link.length - 1; cut > 4; cut--) {
      const r = decodeShareLink(link.slice(0, cut));
      if (r.ok) expect(r.value.scenario).toStrictEqual(s);
      else refused++;
    }
    expect(refused).toBeGreaterThan(link.length - 8);
  });

  it('open a v1 link: its single-string node network becomes one subnet', () => {
    const v1 = LZString.compressToEncodedURIComponent(
      JSON.stringify({ $base: 1, cluster: { nodeNetwork: '10.1.0.0/24,fd00:1::/64' } }),
    );
    const s = decoded(`s=1.${v1}`);
    expect(s.version).toBe(2);
    expect(s.cluster.nodeNetwork).toEqual([{ cidr: '10.1.0.0/24,fd00:1::/64' }]);
    expect(s.nodes).toEqual(DEFAULT_SCENARIO.nodes);
  });

  it('refuse a link over 1 MB before decoding it', () => {
    const r = decodeShareLink(`s=1.${'A'.repeat(MAX_LINK_CHARS)}`);
    expect(r).toEqual({
      ok: false,
      error: `the link is too long (${MAX_LINK_CHARS + 4} characters; links up to 1 MB are read)`,
    });
  });

  it('refuse a link whose scenario is invalid, naming the field', () => {
    const data = LZString.compressToEncodedURIComponent(
      JSON.stringify({ nodes: [{ metadata: {} }] }),
    );
    expect(decodeShareLink(`s=1.${data}`)).toEqual({
      ok: false,
      error:
        "the link's scenario is invalid: nodes[0].metadata.name: required — every node needs a name",
    });
    const unknownBase = LZString.compressToEncodedURIComponent(JSON.stringify({ $base: 99 }));
    expect(decodeShareLink(`s=1.${unknownBase}`).ok).toBe(false);
    const badIndex = LZString.compressToEncodedURIComponent(
      JSON.stringify({ $base: 1, pods: [42] }),
    );
    expect(!decodeShareLink(`s=1.${badIndex}`).ok).toBe(true);
  });

  it('never throw: 10,000 random and mutated strings each give ok or err', () => {
    const good = encodeShareLink(DEFAULT_SCENARIO, {
      from: 'pod/default/client',
      to: 'web',
      port: 80,
      protocol: 'TCP',
    });
    const plain = plainLink(DEFAULT_SCENARIO);
    const mutate = fc
      .tuple(
        fc.constantFrom(good, plain),
        fc.nat(),
        fc.nat(),
        fc.string({ maxLength: 8 }),
        fc.constantFrom('replace', 'insert', 'delete', 'truncate', 'swap'),
      )
      .map(([s, i, j, piece, op]) => {
        const a = i % (s.length + 1);
        const b = Math.min(s.length, a + (j % 12));
        switch (op) {
          case 'replace':
            return s.slice(0, a) + piece + s.slice(b);
          case 'insert':
            return s.slice(0, a) + piece + s.slice(a);
          case 'delete':
            return s.slice(0, a) + s.slice(b);
          case 'truncate':
            return s.slice(0, a);
          default:
            return s.slice(0, a) + s.slice(b, b + 3) + s.slice(a, b) + s.slice(b + 3);
        }
      });
    const random = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.string({ unit: fc.constantFrom(...'s=1.#&?N4IgAZaz09+-$%/'.split('')), maxLength: 120 }),
      fc.string({ maxLength: 150 }).map((t) => `s=1.${t}`),
    );
    let oks = 0;
    fc.assert(
      fc.property(fc.oneof(mutate, random), (text) => {
        const r = decodeShareLink(text);
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) oks++;
        else expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 10_000 },
    );
    expect(oks).toBeGreaterThan(0);
  });
});
