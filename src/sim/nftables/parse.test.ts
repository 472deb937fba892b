/**
 * Reading nft text (the `nft -f` command form kube-proxy sends and the block form `nft list
 * ruleset` prints) and printing it back in nft's canonical form; what nft would refuse, refused
 * with the line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { formatRuleset } from './format';
import { parseNftRuleset } from './parse';
import { TRACE_V4_RULES, TRACE_V6_RULES } from './testdata/tracePacket';

const listed = (text: string): string => {
  const r = parseNftRuleset(text);
  if (!r.ok) throw new Error(`line ${r.error.line}: ${r.error.message}`);
  return formatRuleset(r.value);
};

const chainBody = (text: string, chain: string): string[] => {
  const lines = listed(text).split('\n');
  const start = lines.findIndex((l) => l.trim() === `chain ${chain} {`);
  const end = lines.findIndex((l, i) => i > start && l.trim() === '}');
  return lines.slice(start + 1, end).map((l) => l.trim());
};

describe('printing as nft list ruleset does', () => {
  it.each([
    ['mark set mark or 0x4000', 'meta mark set meta mark | 0x00004000'],
    ['mark set mark xor 0x004000', 'meta mark set meta mark ^ 0x00004000'],
    ['mark and 0x4000 == 0 return', 'meta mark & 0x00004000 == 0x00000000 return'],
    ['meta mark 0x4000 return', 'meta mark 0x00004000 return'],
    ['ip daddr { 172.30.0.0/16 } drop', 'ip daddr 172.30.0.0/16 drop'],
    [
      'ip saddr != { 203.0.113.0/25, 1.2.3.4 } drop',
      'ip saddr != { 203.0.113.0/25, 1.2.3.4 } drop',
    ],
    ['ip daddr 10.1.2.3/8 accept', 'ip daddr 10.0.0.0/8 accept'],
    ['ct state established , related accept', 'ct state established,related accept'],
    [
      'numgen random mod 2 vmap { 0 : goto a , 1 : goto b }',
      'numgen random mod 2 vmap { 0 : goto a, 1 : goto b }',
    ],
    ['meta l4proto tcp dnat to 10.0.0.1:80', 'meta l4proto tcp dnat to 10.0.0.1:80'],
    ['meta l4proto tcp dnat to [fd00::1]:80', 'meta l4proto tcp dnat to [fd00::1]:80'],
    ['ip protocol 17 accept', 'ip protocol udp accept'],
    ['reject with icmp type host-unreachable', 'reject with icmp type host-unreachable'],
    ['counter packets 12 bytes 960 accept', 'counter packets 0 bytes 0 accept'],
    [
      'fib saddr type local goto a comment "short-circuit local traffic"',
      'fib saddr type local goto a comment "short-circuit local traffic"',
    ],
  ])('%s', (rule, want) => {
    const text = `add table ip t\nadd chain ip t a\nadd chain ip t b\nadd chain ip t c\nadd rule ip t c ${rule}\n`;
    expect(chainBody(text, 'c')).toEqual([want]);
  });

  it.each([
    ['-110', 'prerouting', 'dstnat - 10'],
    ['dstnat-10', 'prerouting', 'dstnat - 10'],
    ['-100', 'output', 'dstnat'],
    ['100', 'postrouting', 'srcnat'],
    ['0', 'forward', 'filter'],
    ['-90', 'output', 'dstnat + 10'],
    ['-150', 'prerouting', 'mangle'],
    ['-1000', 'input', '-1000'],
  ])('priority %s on %s prints as %s', (p, hook, want) => {
    const text = `add table ip t\nadd chain ip t c { type filter hook ${hook} priority ${p} ; }\n`;
    expect(chainBody(text, 'c')[0]).toBe(
      `type filter hook ${hook} priority ${want}; policy accept;`,
    );
  });

  it('prints sets and maps with one element per line, comments and timeouts', () => {
    const text = `add table ip t { comment "rules for t" ; }
add set ip t aff { type ipv4_addr ; flags dynamic,timeout ; timeout 10800s ; }
add map ip t m { type ipv4_addr . inet_proto . inet_service : verdict ; comment "the map" ; }
add chain ip t c
add element ip t m { 1.2.3.4 . tcp . 80 comment "ns/svc:http" : goto c }
add element ip t m { 1.2.3.5 . udp . 53 : drop }
`;
    expect(listed(text)).toBe(`table ip t {
\tcomment "rules for t"
\tset aff {
\t\ttype ipv4_addr
\t\tflags dynamic,timeout
\t\ttimeout 3h
\t}

\tmap m {
\t\ttype ipv4_addr . inet_proto . inet_service : verdict
\t\tcomment "the map"
\t\telements = { 1.2.3.4 . tcp . 80 comment "ns/svc:http" : goto c,
\t\t\t     1.2.3.5 . udp . 53 : drop }
\t}

\tchain c {
\t}
}
`);
  });

  it.each([
    ['TestTracePacketV4', TRACE_V4_RULES],
    ['TestTracePacketV6', TRACE_V6_RULES],
  ])('%s: the listing reads back to the same listing', (_n, dump) => {
    const once = listed(dump);
    expect(listed(once)).toBe(once);
  });
});

describe('what nft refuses', () => {
  it.each([
    ['add rule ip t c jump nowhere', 3, 'jump to chain "nowhere"'],
    ['add rule ip t c ip daddr @nope drop', 3, 'no set or map "@nope"'],
    ['add rule ip t c ip daddr 300.1.1.1 drop', 3, 'is not an IPv4 address'],
    ['add rule ip t c ip daddr fd00::1 drop', 3, 'is not an IPv4 address'],
    ['add rule ip t c frobnicate', 3, 'unknown statement'],
    ['add rule ip t nochain accept', 3, 'no chain "nochain"'],
    ['add rule ip t c tcp dport 70000 accept', 3, 'is not a port'],
    ['add rule ip t c ct state sideways accept', 3, 'not a conntrack state'],
    [
      'add set ip t s { type ipv4_addr ; }\nadd rule ip t c ip daddr . tcp dport vmap @s',
      4,
      'not a verdict map',
    ],
    [
      'add chain ip t d { type filter hook sideways priority 0 ; }',
      3,
      'expected "type filter|nat|route hook HOOK',
    ],
    ['add chain ip t d { type filter hook input priority upward ; }', 3, 'priority'],
    ['add element ip t nope { 1.2.3.4 }', 3, 'no set or map "nope"'],
    ['add table bridge x', 3, 'unknown table family'],
  ])('%s', (cmd, line, message) => {
    const r = parseNftRuleset(`add table ip t\nadd chain ip t c\n${cmd}\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.line).toBe(line);
    expect(r.error.message).toContain(message);
  });

  it('an unterminated block names its line', () => {
    const r = parseNftRuleset('table ip t {\n  chain c {\n    accept\n');
    expect(r.ok ? undefined : r.error.message).toMatch(/missing "}"/);
  });
  it('the line of a bad rule inside a table block', () => {
    const r = parseNftRuleset(
      'table ip t {\n  chain c {\n    accept\n    ip daddr bogus drop\n  }\n}\n',
    );
    expect(r.ok ? undefined : r.error.message).toMatch(/line 4/);
  });
});

describe('round trip (property)', () => {
  const addr = fc.oneof(
    fc.ipV4(),
    fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
  );
  const match = fc.oneof(
    fc
      .tuple(fc.constantFrom('saddr', 'daddr'), fc.boolean(), addr)
      .map(([f, neg, a]) => `ip ${f} ${neg ? '!= ' : ''}${a}`),
    fc.constantFrom('tcp', 'udp', 'sctp').map((p) => `meta l4proto ${p}`),
    fc.integer({ min: 1, max: 65535 }).map((p) => `th dport ${p}`),
    fc.constantFrom('new', 'established', 'related').map((s) => `ct state ${s}`),
    fc.constantFrom('saddr', 'daddr').map((f) => `fib ${f} type local`),
    fc.integer({ min: 0, max: 0xffff }).map((m) => `meta mark & 0x${m.toString(16)} == 0`),
  );
  const verdict = fc.constantFrom(
    'accept',
    'drop',
    'reject',
    'return',
    'jump a',
    'goto a',
    'masquerade fully-random',
  );
  it('printing a parsed rule and parsing it again gives the same text', () => {
    fc.assert(
      fc.property(fc.array(match, { maxLength: 4 }), verdict, (ms, v) => {
        const once = listed(
          `add table ip t\nadd chain ip t a\nadd chain ip t c\nadd rule ip t c ${[...ms, v].join(' ')}\n`,
        );
        expect(listed(once)).toBe(once);
      }),
      { numRuns: 150 },
    );
  });
});
