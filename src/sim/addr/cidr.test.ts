import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  cidr,
  cidrContainsCidr,
  cidrContainsIp,
  cidrSize,
  cidrsOverlap,
  firstIp,
  formatCidr,
  hasHostBits,
  lastIp,
  networkAddress,
  nthIp,
  nthSubnet,
  overlapSpan,
  parseCidr,
  splitDualStack,
  subnetCount,
  toNetwork,
  type Cidr,
} from './cidr';
import { canonicalIp, formatIp, type Family } from './ip';

const bitsOf = (f: Family): number => (f === 4 ? 32 : 128);

/** A block's addresses by plain arithmetic (division, not masks): [start, end]. */
function span(c: Cidr): [bigint, bigint] {
  const size = 2n ** BigInt(bitsOf(c.family) - c.prefix);
  const start = c.addr - (c.addr % size);
  return [start, start + size - 1n];
}

/** Every address of a small block, enumerated. */
function enumerate(c: Cidr): bigint[] {
  const [s, e] = span(c);
  const out: bigint[] = [];
  for (let n = s; n <= e; n++) out.push(n);
  return out;
}

/**
 * Small blocks that share one window (a /24 for IPv4, a /120 for IPv6) so that containment and
 * overlap are common, with host bits set at random.
 */
const arbWindow = (family: Family) =>
  fc.bigInt({ min: 0n, max: 2n ** BigInt(bitsOf(family) - 8) - 1n }).map((hi) => hi << 8n);
const arbBlockIn = (family: Family, window: bigint) =>
  fc
    .record({ low: fc.integer({ min: 0, max: 255 }), len: fc.integer({ min: 0, max: 8 }) })
    .map(({ low, len }): Cidr => ({
      family,
      addr: window + BigInt(low),
      prefix: bitsOf(family) - len,
    }));
const arbPair = (family: Family) =>
  arbWindow(family).chain((w) =>
    fc.tuple(arbBlockIn(family, w), arbBlockIn(family, w), fc.integer({ min: 0, max: 255 })),
  );

describe.each([4, 6] as const)('IPv%i blocks agree with brute force', (family) => {
  it('contains (address and block), overlaps and overlapSpan', () => {
    fc.assert(
      fc.property(arbPair(family), ([a, b, low]) => {
        const inA = new Set(enumerate(a));
        const inB = enumerate(b);
        const x = { family, n: (a.addr & ~255n) + BigInt(low) };
        expect(cidrContainsIp(a, x)).toBe(inA.has(x.n));
        expect(cidrContainsCidr(a, b)).toBe(inB.every((n) => inA.has(n)));
        const shared = inB.filter((n) => inA.has(n));
        expect(cidrsOverlap(a, b)).toBe(shared.length > 0);
        const sp = overlapSpan(a, b);
        if (shared.length === 0) expect(sp).toBeUndefined();
        else expect([sp?.first.n, sp?.last.n]).toEqual([shared[0], shared.at(-1)]);
      }),
    );
  });

  it('first/last/size, nthIp, host bits and toNetwork', () => {
    fc.assert(
      fc.property(arbPair(family), ([a]) => {
        const all = enumerate(a);
        expect(firstIp(a).n).toBe(all[0]);
        expect(lastIp(a).n).toBe(all.at(-1));
        expect(cidrSize(a)).toBe(BigInt(all.length));
        all.forEach((n, i) => expect(nthIp(a, BigInt(i))?.n).toBe(n));
        expect(nthIp(a, BigInt(all.length))).toBeUndefined();
        expect(nthIp(a, -1n)).toBeUndefined();
        expect(hasHostBits(a)).toBe(a.addr !== all[0]);
        expect(toNetwork(a)).toEqual({ family, addr: all[0], prefix: a.prefix });
        expect(networkAddress(a)).toBe(all[0]);
      }),
    );
  });

  it('nthSubnet and subnetCount list the sub-blocks in order', () => {
    const arb = arbPair(family).chain(([a]) =>
      fc.tuple(fc.constant(a), fc.integer({ min: a.prefix - 2, max: bitsOf(family) + 1 })),
    );
    fc.assert(
      fc.property(arb, ([a, p]) => {
        const want: bigint[] = [];
        if (p >= a.prefix && p <= bitsOf(family)) {
          const step = 2n ** BigInt(bitsOf(family) - p);
          const [s, e] = span(a);
          for (let n = s; n <= e; n += step) want.push(n);
        }
        expect(subnetCount(a, p)).toBe(BigInt(want.length));
        want.forEach((n, i) => expect(nthSubnet(a, p, i)).toEqual({ family, addr: n, prefix: p }));
        expect(nthSubnet(a, p, want.length)).toBeUndefined();
        expect(nthSubnet(a, p, -1)).toBeUndefined();
      }),
    );
  });

  it('overlap is symmetric', () => {
    fc.assert(
      fc.property(arbPair(family), ([a, b]) => {
        expect(cidrsOverlap(a, b)).toBe(cidrsOverlap(b, a));
        expect(overlapSpan(a, b)).toEqual(overlapSpan(b, a));
      }),
    );
  });

  it('containment is transitive', () => {
    const arb = arbWindow(family).chain((w) =>
      fc.tuple(arbBlockIn(family, w), arbBlockIn(family, w), arbBlockIn(family, w)),
    );
    fc.assert(
      fc.property(arb, ([a, b, c]) => {
        if (cidrContainsCidr(a, b) && cidrContainsCidr(b, c)) {
          expect(cidrContainsCidr(a, c)).toBe(true);
        }
        // Every block contains itself and its own sub-blocks.
        expect(cidrContainsCidr(a, a)).toBe(true);
        const sub = nthSubnet(a, Math.min(a.prefix + 1, bitsOf(family)), 0);
        expect(sub && cidrContainsCidr(a, sub)).toBe(true);
      }),
    );
  });
});

describe('parseCidr / formatCidr', () => {
  it('parse ∘ format is the identity (host bits kept)', () => {
    const arb = fc.oneof(
      fc.record({
        family: fc.constant(4 as const),
        addr: fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }),
        prefix: fc.integer({ min: 0, max: 32 }),
      }),
      fc.record({
        family: fc.constant(6 as const),
        addr: fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }),
        prefix: fc.integer({ min: 0, max: 128 }),
      }),
    );
    fc.assert(
      fc.property(arb, (c) => {
        expect(parseCidr(formatCidr(c))).toEqual({ ok: true, value: c });
      }),
    );
  });

  it('format ∘ parse is the identity on canonical CIDR text', () => {
    const v4 = fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`);
    fc.assert(
      fc.property(v4, (t) => {
        const r = parseCidr(t);
        expect(r.ok && formatCidr(r.value)).toBe(t);
      }),
    );
    const v6 = fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 }));
    fc.assert(
      fc.property(v6, ([a, p]) => {
        const r = parseCidr(`${a}/${p}`);
        expect(r.ok && formatCidr(r.value)).toBe(`${canonicalIp(a)}/${p}`);
      }),
    );
  });

  it.each([
    ['0.0.0.0/0', 4, 0n, 0, 2n ** 32n, '0.0.0.0', '255.255.255.255'],
    ['10.1.2.3/32', 4, 0x0a010203n, 32, 1n, '10.1.2.3', '10.1.2.3'],
    ['::/0', 6, 0n, 0, 2n ** 128n, '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['fd00::5/128', 6, (0xfd00n << 112n) | 5n, 128, 1n, 'fd00::5', 'fd00::5'],
    ['10.96.0.0/12', 4, 0x0a600000n, 12, 2n ** 20n, '10.96.0.0', '10.111.255.255'],
    [
      'fd00:10:96::/108',
      6,
      0xfd000010009600000000000000000000n,
      108,
      2n ** 20n,
      'fd00:10:96::',
      'fd00:10:96::f:ffff',
    ],
  ])('%s: family, bounds and size', (text, family, addr, prefix, size, first, last) => {
    const c = cidr(text);
    expect(c).toEqual({ family, addr, prefix });
    expect(cidrSize(c)).toBe(size);
    expect(formatIp(firstIp(c))).toBe(first);
    expect(formatIp(lastIp(c))).toBe(last);
    expect(hasHostBits(c)).toBe(false);
    expect(formatCidr(c)).toBe(text);
  });

  it('/0 contains every address of its family and none of the other', () => {
    expect(cidrContainsIp(cidr('0.0.0.0/0'), { family: 4, n: 2n ** 32n - 1n })).toBe(true);
    expect(cidrContainsIp(cidr('0.0.0.0/0'), { family: 6, n: 0n })).toBe(false);
    expect(cidrsOverlap(cidr('0.0.0.0/0'), cidr('::/0'))).toBe(false);
    expect(cidrContainsCidr(cidr('::/0'), cidr('fd00::1/128'))).toBe(true);
  });

  it.each([
    ['10.244.1.0/16', true, '10.244.0.0/16'],
    ['10.244.0.0/16', false, '10.244.0.0/16'],
    ['10.0.0.1/32', false, '10.0.0.1/32'],
    ['10.0.0.1/31', true, '10.0.0.0/31'],
    ['255.255.255.255/0', true, '0.0.0.0/0'],
    ['fd00::1/64', true, 'fd00::/64'],
    ['fd00::1/128', false, 'fd00::1/128'],
    ['fd00:0:0:1::/56', true, 'fd00::/56'],
  ])('%s has host bits: %s (network %s)', (text, bits, net) => {
    const c = cidr(text);
    expect(hasHostBits(c)).toBe(bits);
    expect(formatCidr(toNetwork(c))).toBe(net);
    expect(formatCidr(c)).toBe(text);
  });

  it.each([
    ['10.96.0.0/33', /prefix length must be 0–32/],
    ['fd00::/129', /prefix length must be 0–128/],
    ['10.96.0.0/-1', /prefix length/],
    ['10.96.0.0/', /prefix length/],
    ['10.96.0.0/1a', /prefix length/],
    ['10.96.0.0/ 12', /prefix length/],
    ['10.96.0.0 /12', /space before/],
    ['10.96.0.0', /expected address\/prefix/],
    ['', /expected address\/prefix/],
    ['10.96.0/12', /not an IPv4 or IPv6/],
    ['300.0.0.0/8', /not an IPv4 or IPv6/],
    ['/8', /empty address/],
    ['10.0.0.0/8/8', /prefix length/],
    ['fd00::/64,10.0.0.0/8', /prefix length/],
  ])('rejects %j', (text, msg) => {
    const r = parseCidr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(msg);
      expect(r.error).toContain(`"${text}"`);
    }
  });

  it('accepts a bare address only with allowBareIp', () => {
    expect(parseCidr('10.0.0.1').ok).toBe(false);
    expect(parseCidr('10.0.0.1', { allowBareIp: true })).toEqual({
      ok: true,
      value: { family: 4, addr: 0x0a000001n, prefix: 32 },
    });
    expect(parseCidr('fd00::1', { allowBareIp: true })).toEqual({
      ok: true,
      value: { family: 6, addr: (0xfd00n << 112n) | 1n, prefix: 128 },
    });
    expect(parseCidr('nope', { allowBareIp: true }).ok).toBe(false);
  });

  it('cidr() throws on invalid text', () => {
    expect(() => cidr('10.0.0.0/40')).toThrow(/prefix length/);
  });
});

describe('allocation helpers', () => {
  it('nthSubnet walks node ranges as kube-controller-manager numbers them', () => {
    const pods = cidr('10.244.0.0/16');
    expect(subnetCount(pods, 24)).toBe(256n);
    expect(formatCidr(nthSubnet(pods, 24, 0)!)).toBe('10.244.0.0/24');
    expect(formatCidr(nthSubnet(pods, 24, 255)!)).toBe('10.244.255.0/24');
    expect(nthSubnet(pods, 24, 256)).toBeUndefined();
    expect(formatCidr(nthSubnet(cidr('fd00::/56'), 64, 3)!)).toBe('fd00:0:0:3::/64');
    expect(subnetCount(cidr('fd00::/48'), 64)).toBe(65536n);
  });

  it('rejects impossible masks and indexes instead of throwing', () => {
    const pods = cidr('10.244.0.0/16');
    expect(subnetCount(pods, 8)).toBe(0n);
    expect(subnetCount(pods, 33)).toBe(0n);
    expect(subnetCount(pods, 24.5)).toBe(0n);
    expect(subnetCount(pods, Number.NaN)).toBe(0n);
    expect(nthSubnet(pods, 24.5, 0)).toBeUndefined();
    expect(nthSubnet(pods, 24, 1.5)).toBeUndefined();
    expect(nthSubnet(pods, 24, Number.NaN)).toBeUndefined();
    expect(nthSubnet(pods, 15, 0)).toBeUndefined();
  });

  it.each([
    ['10.244.0.0/16,fd00::/56', ['10.244.0.0/16', 'fd00::/56']],
    [' 10.244.0.0/16 , fd00::/56 ', ['10.244.0.0/16', 'fd00::/56']],
    ['10.244.0.0/16', ['10.244.0.0/16']],
    ['', []],
    [',,', []],
  ])('splitDualStack(%j)', (text, parts) => {
    expect(splitDualStack(text)).toEqual(parts);
  });
});
