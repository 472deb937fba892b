import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  addToIp,
  canonicalIp,
  compareIp,
  formatHostPort,
  formatIp,
  ip,
  ipEquals,
  isIp,
  isLoopback,
  parseIp,
  type Ip,
} from './ip';

const MAX4 = 2n ** 32n - 1n;
const MAX6 = 2n ** 128n - 1n;

const arbIp4 = fc.bigInt({ min: 0n, max: MAX4 }).map((n): Ip => ({ family: 4, n }));
const arbIp6 = fc.bigInt({ min: 0n, max: MAX6 }).map((n): Ip => ({ family: 6, n }));
/** IPv6 values rich in zero groups, so `::` compression is exercised. */
const arbSparseIp6 = fc
  .array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), {
    minLength: 8,
    maxLength: 8,
  })
  .map((g): Ip => ({ family: 6, n: g.reduce((n, x) => (n << 16n) | BigInt(x), 0n) }));

/**
 * RFC 5952 written out independently: lowercase hex without leading zeros, the longest run of
 * two or more zero groups (the first on a tie) as "::", IPv4-mapped as ::ffff:a.b.c.d (§5).
 */
function rfc5952(n: bigint): string {
  if (n >> 32n === 0xffffn) {
    const q = [24n, 16n, 8n, 0n].map((s) => Number((n >> s) & 0xffn));
    return `::ffff:${q.join('.')}`;
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

describe('parseIp / formatIp', () => {
  it.each([
    ['0.0.0.0', 4, 0n],
    ['255.255.255.255', 4, MAX4],
    ['10.244.1.2', 4, 0x0af40102n],
    ['::', 6, 0n],
    ['::1', 6, 1n],
    ['fd00::1', 6, (0xfd00n << 112n) | 1n],
    ['FD00:0:0:0:0:0:0:1', 6, (0xfd00n << 112n) | 1n],
    ['::ffff:1.2.3.4', 6, (0xffffn << 32n) | 0x01020304n],
    ['::1.2.3.4', 6, 0x01020304n],
    ['64:ff9b::192.0.2.33', 6, (0x64ff9bn << 96n) | 0xc0000221n],
    [' 10.0.0.1 ', 4, 0x0a000001n],
  ])('parses %s', (text, family, n) => {
    expect(parseIp(text)).toEqual({ ok: true, value: { family, n } });
  });

  it.each([
    ['fd00:0::1', 'fd00::1'],
    ['2001:DB8::A', '2001:db8::a'],
    ['1:0:0:1:0:0:0:1', '1:0:0:1::1'],
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
    ['1:2:3:4:5:6:7:0', '1:2:3:4:5:6:7:0'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::ffff:0102:0304', '::ffff:1.2.3.4'],
    ['::1.2.3.4', '::102:304'],
    ['10.001.0.1', '10.001.0.1'],
  ])('canonicalIp(%s) = %s', (text, want) => {
    expect(canonicalIp(text)).toBe(want);
  });

  it.each([
    '',
    '   ',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '0x1.2.3.4',
    '1.2.3.-1',
    '4294967295',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '00000::1',
    'fe80::1%eth0',
    '[::1]',
    '::ffff:01.2.3.4',
    '::ffff:0x1.2.3.4',
    '::ffff:1.2.3',
    '::1.2.3.400',
    '1:2:3:4:5:6:7:1.2.3.4',
    'g::1',
    'localhost',
  ])('rejects %j with a message', (text) => {
    const r = parseIp(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(text.trim() === '' ? /empty/ : /is not an IPv4 or IPv6/);
    expect(isIp(text)).toBe(false);
  });

  it('ip() throws on invalid text', () => {
    expect(() => ip('nope')).toThrow(/not an IPv4/);
  });

  it('parse ∘ format is the identity on IPv4 values', () => {
    fc.assert(
      fc.property(arbIp4, (a) => {
        expect(parseIp(formatIp(a))).toEqual({ ok: true, value: a });
      }),
    );
  });

  it('parse ∘ format is the identity on IPv6 values', () => {
    fc.assert(
      fc.property(fc.oneof(arbIp6, arbSparseIp6), (a) => {
        expect(parseIp(formatIp(a))).toEqual({ ok: true, value: a });
      }),
    );
  });

  it('formatIp prints IPv6 as RFC 5952 says', () => {
    fc.assert(
      fc.property(fc.oneof(arbIp6, arbSparseIp6), (a) => {
        expect(formatIp(a)).toBe(rfc5952(a.n));
      }),
    );
  });

  it('format ∘ parse is the identity on canonical IPv4 text', () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        const r = parseIp(text);
        expect(r.ok && formatIp(r.value)).toBe(text);
      }),
    );
  });

  it('any IPv6 text form parses, and its canonical text parses back to the same value', () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        const r = parseIp(text);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const canon = formatIp(r.value);
        expect(canon).toBe(rfc5952(r.value.n));
        expect(parseIp(canon)).toEqual(r);
        expect(canonicalIp(canon)).toBe(canon);
      }),
    );
  });
});

describe('comparisons and helpers', () => {
  it('compareIp orders IPv4 before IPv6, then numerically', () => {
    const list = ['fd00::1', '10.0.0.2', '::1', '10.0.0.10', '9.255.255.255'].map(ip);
    expect(list.sort(compareIp).map(formatIp)).toEqual([
      '9.255.255.255',
      '10.0.0.2',
      '10.0.0.10',
      '::1',
      'fd00::1',
    ]);
  });

  it('compareIp is antisymmetric and agrees with ipEquals', () => {
    fc.assert(
      fc.property(fc.oneof(arbIp4, arbIp6), fc.oneof(arbIp4, arbIp6), (a, b) => {
        expect(Math.sign(compareIp(a, b)) + Math.sign(compareIp(b, a))).toBe(0);
        expect(compareIp(a, b) === 0).toBe(ipEquals(a, b));
      }),
    );
  });

  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['128.0.0.1', false],
    ['::1', true],
    ['::2', false],
    ['::ffff:127.0.0.1', false],
  ])('isLoopback(%s) = %s', (text, want) => {
    expect(isLoopback(ip(text))).toBe(want);
  });

  it('formatHostPort brackets IPv6', () => {
    expect(formatHostPort('10.0.0.1', 80)).toBe('10.0.0.1:80');
    expect(formatHostPort('fd00::1', 443)).toBe('[fd00::1]:443');
  });

  it('addToIp moves by the delta', () => {
    expect(formatIp(addToIp(ip('10.0.0.255'), 1n))).toBe('10.0.1.0');
    expect(formatIp(addToIp(ip('fd00::ffff'), 1n))).toBe('fd00::1:0');
  });
});
