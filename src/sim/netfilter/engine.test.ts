import { describe, expect, it } from 'vitest';

import { seededRandom } from '../util/hash';

import { runHook } from './engine';
import { applyMark } from './nat';
import { parseRuleset } from './parse';
import type { Chain, Ruleset } from './ruleset';
import type { BuiltinChain, NfContext, NfPacket, NfTable } from './types';

function rules(text: string): Ruleset {
  const r = parseRuleset(text);
  if (!r.ok) throw new Error(`line ${r.error.line}: ${r.error.message}`);
  return r.value;
}

const LOCAL = new Set(['192.168.0.2', '127.0.0.1']);

function ctx(over: Partial<NfContext> = {}): NfContext {
  return {
    isLocal: (ip) => LOCAL.has(ip),
    ctstate: 'NEW',
    random: () => 0.99,
    masqueradeAddress: (out) => (out === 'eth0' ? '192.168.0.2' : undefined),
    ...over,
  };
}

function pkt(over: Partial<NfPacket> = {}): NfPacket {
  return {
    family: 4,
    srcIP: '192.168.1.5',
    dstIP: '192.168.0.2',
    protocol: 'TCP',
    srcPort: 40000,
    dstPort: 80,
    mark: 0,
    ...over,
  };
}

const run = (
  rs: Ruleset,
  table: NfTable,
  chain: BuiltinChain,
  p: Partial<NfPacket>,
  c: Partial<NfContext> = {},
) => runHook(rs, table, chain, pkt(p), ctx(c));

describe('chain traversal: jumps, RETURN, policies, negations', () => {
  const rs = rules(`*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:A - [0:0]
:B - [0:0]
-A INPUT -j A
-A INPUT -p tcp --dport 22 -j ACCEPT
-A INPUT -j DROP
-A A -s 10.0.0.0/8 -j RETURN
-A A -p udp -j B
-A A -m tcp -p tcp --dport 80 -j ACCEPT
-A B -m comment --comment "counts only"
-A B -p udp --dport 53 -j ACCEPT
-A B -j RETURN
-A B -j REJECT
-A FORWARD -i cni+ -j ACCEPT
-A FORWARD ! -o eth0 -j ACCEPT
-A OUTPUT ! -p tcp -j REJECT --reject-with icmp-host-prohibited
-A OUTPUT -p tcp -m tcp ! --dport 1:1024 -j DROP
COMMIT
`);
  it.each([
    [
      'a sub-chain ACCEPTs',
      { srcIP: '192.168.1.5', dstPort: 80 },
      'INPUT',
      'ACCEPT',
      'A',
      ['INPUT', 'A'],
    ],
    [
      'RETURN resumes the caller after the jump',
      { srcIP: '10.1.2.3', dstPort: 80 },
      'INPUT',
      'DROP',
      'INPUT',
      ['INPUT', 'A', 'INPUT'],
    ],
    [
      'RETURN then a later ACCEPT',
      { srcIP: '10.1.2.3', dstPort: 22 },
      'INPUT',
      'ACCEPT',
      'INPUT',
      ['INPUT', 'A', 'INPUT'],
    ],
    [
      'two levels deep; a rule without target continues',
      { protocol: 'UDP', dstPort: 53 },
      'INPUT',
      'ACCEPT',
      'B',
      ['INPUT', 'A', 'B', 'B'],
    ],
    [
      'RETURN from the inner chain, end of the outer',
      { protocol: 'UDP', dstPort: 54 },
      'INPUT',
      'DROP',
      'INPUT',
      ['INPUT', 'A', 'B', 'B', 'INPUT'],
    ],
    ['-i with a + wildcard', { inIface: 'cni0' }, 'FORWARD', 'ACCEPT', 'FORWARD', ['FORWARD']],
    [
      '! -o',
      { inIface: 'eth0', outIface: 'flannel.1' },
      'FORWARD',
      'ACCEPT',
      'FORWARD',
      ['FORWARD'],
    ],
    [
      'falling off a built-in chain applies its policy',
      { inIface: 'eth0', outIface: 'eth0' },
      'FORWARD',
      'DROP',
      undefined,
      [],
    ],
    ['! -p', { protocol: 'UDP' }, 'OUTPUT', 'REJECT', 'OUTPUT', ['OUTPUT']],
    ['! --dport range', { dstPort: 8080 }, 'OUTPUT', 'DROP', 'OUTPUT', ['OUTPUT']],
    ['no rule matches: policy ACCEPT', { dstPort: 443 }, 'OUTPUT', 'ACCEPT', undefined, []],
  ] as const)('%s', (_name, p, chain, verdict, decidedIn, matchedChains) => {
    const r = run(rs, 'filter', chain, p);
    expect(r.verdict).toBe(verdict);
    expect(r.decidedBy?.chain).toBe(decidedIn);
    expect(r.matched.map((m) => m.chain)).toEqual(matchedChains);
  });

  it('RETURN in a built-in chain applies the policy', () => {
    const r2 = rules(
      '*filter\n:FORWARD DROP [0:0]\n-A FORWARD -j RETURN\n-A FORWARD -j ACCEPT\nCOMMIT\n',
    );
    expect(run(r2, 'filter', 'FORWARD', {}).verdict).toBe('DROP');
  });

  it('a table or chain the ruleset lacks accepts unchanged', () => {
    expect(run(rs, 'nat', 'PREROUTING', {})).toEqual({
      verdict: 'ACCEPT',
      packet: pkt(),
      matched: [],
      candidates: [],
      probabilities: [],
    });
  });
});

describe('marks and NAT', () => {
  const nat = rules(`*nat
:PREROUTING ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -j MARK --set-xmark 0x1/0xf
-A PREROUTING -m mark --mark 0x1/0xf -j MARK --or-mark 0x4000
-A PREROUTING -m mark ! --mark 0x4000/0x4000 -j DNAT --to-destination 1.1.1.1:1
-A PREROUTING -j MARK --xor-mark 0x1
-A PREROUTING -m mark --mark 0x4000 -j DNAT --to-destination 10.0.0.9:8080
-A PREROUTING -j DNAT --to-destination 9.9.9.9
-A POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A POSTROUTING -o eth0 -j MASQUERADE --random-fully
-A POSTROUTING -o cni0 -j SNAT --to-source 5.5.5.5:1000
-A POSTROUTING -j MASQUERADE
COMMIT
`);
  it('MARK continues; DNAT rewrites the destination and ends the chain', () => {
    const r = run(nat, 'nat', 'PREROUTING', {});
    expect(r.packet).toMatchObject({ dstIP: '10.0.0.9', dstPort: 8080, mark: 0x4000 });
    expect(r.matched.map((m) => m.index)).toEqual([0, 1, 3, 4]);
    expect(r.dnat).toEqual({ to: '10.0.0.9:8080', rule: r.matched[3] });
    expect([r.candidates, r.probabilities]).toEqual([['10.0.0.9:8080'], [1]]);
  });

  it.each([
    [
      'unmarked: RETURN, no SNAT',
      { mark: 0, outIface: 'eth0' },
      'ACCEPT',
      undefined,
      '192.168.1.5',
    ],
    [
      'MASQUERADE takes the outgoing interface address',
      { mark: 0x4000, outIface: 'eth0' },
      'ACCEPT',
      'MASQUERADE',
      '192.168.0.2',
    ],
    [
      'SNAT to a fixed source and port',
      { mark: 0x4000, outIface: 'cni0' },
      'ACCEPT',
      'SNAT',
      '5.5.5.5',
    ],
    [
      'MASQUERADE without an address drops',
      { mark: 0x4000, outIface: 'tun9' },
      'DROP',
      undefined,
      '192.168.1.5',
    ],
  ] as const)('%s', (_n, p, verdict, kind, src) => {
    const r = run(nat, 'nat', 'POSTROUTING', p);
    expect([r.verdict, r.snat?.kind, r.packet.srcIP]).toEqual([verdict, kind, src]);
    if (kind === 'SNAT') expect(r.packet.srcPort).toBe(1000);
  });

  it.each([
    ['xset', 0xff, 0x4000, 0x40ff, 0x4000],
    ['set', 0xff, 0x1, 0xf, 0xf1],
    ['or', 0x1, 0x4000, 0xffffffff, 0x4001],
    ['xor', 0x4001, 0x4000, 0xffffffff, 0x1],
    ['and', 0x4001, 0x4000, 0xffffffff, 0x4000],
  ] as const)('MARK --%s', (op, mark, value, mask, want) => {
    expect(applyMark(mark, { kind: 'MARK', op, value, mask })).toBe(want);
  });
});

describe('addrtype, conntrack, recent', () => {
  const rs = rules(`*filter
:OUTPUT ACCEPT [0:0]
:INPUT ACCEPT [0:0]
-A OUTPUT -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A OUTPUT -m addrtype ! --dst-type LOCAL --src-type LOCAL -m recent --name x --rcheck -j REJECT
-A OUTPUT -m addrtype ! --dst-type LOCAL --src-type LOCAL -m recent --name x --set -j ACCEPT
-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT
-A INPUT -m state --state NEW -j DROP
COMMIT
`);
  it.each([
    [
      'localnet from a node address is dropped',
      { srcIP: '192.168.0.2', dstIP: '127.0.0.1' },
      {},
      'OUTPUT',
      'DROP',
    ],
    [
      '… unless DNATed (ctstate DNAT)',
      { srcIP: '192.168.0.2', dstIP: '127.0.0.1' },
      { natted: { dnat: true } },
      'OUTPUT',
      'ACCEPT',
    ],
    [
      '… or established',
      { srcIP: '192.168.0.2', dstIP: '127.0.0.1' },
      { ctstate: 'ESTABLISHED' },
      'OUTPUT',
      'ACCEPT',
    ],
    [
      '--rcheck never matches a first packet; --set does',
      { srcIP: '192.168.0.2', dstIP: '8.8.8.8' },
      {},
      'OUTPUT',
      'ACCEPT',
    ],
    ['--ctstate ESTABLISHED', {}, { ctstate: 'ESTABLISHED' }, 'INPUT', 'ACCEPT'],
    ['-m state --state NEW', {}, {}, 'INPUT', 'DROP'],
  ] as const)('%s', (_n, p, c, chain, verdict) => {
    const r = run(rs, 'filter', chain, p, c as Partial<NfContext>);
    expect(r.verdict).toBe(verdict);
  });

  it('matches IPv6 rules only for IPv6 packets (a negated one matches IPv4)', () => {
    const r6 = rules(
      '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s fd00::/8 -j DROP\n-A INPUT ! -d fd00::1 -p icmp -j REJECT\nCOMMIT\n',
    );
    expect(
      run(r6, 'filter', 'INPUT', { family: 6, srcIP: 'fd00::5', dstIP: 'fd00::1' }).verdict,
    ).toBe('DROP');
    expect(run(r6, 'filter', 'INPUT', { srcIP: '10.0.0.1' }).verdict).toBe('ACCEPT');
    expect(run(r6, 'filter', 'INPUT', { protocol: 'ICMP' }).verdict).toBe('REJECT');
  });
});

describe('load balancing with -m statistic', () => {
  const lb = rules(`*nat
:PREROUTING ACCEPT [0:0]
:MASQ - [0:0]
:SVC - [0:0]
:SEP1 - [0:0]
:SEP2 - [0:0]
:SEP3 - [0:0]
-A PREROUTING -d 172.30.0.10 -p tcp --dport 80 -j SVC
-A MASQ -j MARK --or-mark 0x4000
-A SVC -m recent --name SEP1 --rcheck --seconds 10800 --reap -j SEP1
-A SVC -m statistic --mode random --probability 0.3333333333 -j SEP1
-A SVC -m statistic --mode random --probability 0.5000000000 -j SEP2
-A SVC -j SEP3
-A SEP1 -s 10.0.0.1 -j MASQ
-A SEP1 -m tcp -p tcp -j DNAT --to-destination 10.0.0.1:8080
-A SEP2 -s 10.0.0.2 -j MASQ
-A SEP2 -m tcp -p tcp -j DNAT --to-destination 10.0.0.2:8080
-A SEP3 -s 10.0.0.3 -j MASQ
-A SEP3 -m tcp -p tcp -j DNAT --to-destination 10.0.0.3:8080
COMMIT
`);
  const svc = { dstIP: '172.30.0.10', dstPort: 80 };
  const eps = ['10.0.0.1:8080', '10.0.0.2:8080', '10.0.0.3:8080'];

  it('lists every endpoint in rule order with its probability', () => {
    const r = run(lb, 'nat', 'PREROUTING', svc);
    expect(r.candidates).toEqual(eps);
    r.probabilities.forEach((p) => expect(p).toBeCloseTo(1 / 3, 9));
    expect(r.matched.some((m) => m.text.includes('--rcheck'))).toBe(false);
  });

  it.each([
    [[0.1], '10.0.0.1:8080'],
    [[0.5, 0.2], '10.0.0.2:8080'],
    [[0.5, 0.7], '10.0.0.3:8080'],
  ])('random() = %j picks %s', (seq, want) => {
    const values = [...seq];
    expect(
      run(lb, 'nat', 'PREROUTING', svc, { random: () => values.shift() ?? 0.99 }).dnat?.to,
    ).toBe(want);
  });

  it('a seeded random spreads connections evenly', () => {
    const counts = new Map<string, number>();
    for (let seed = 1; seed <= 3000; seed++) {
      const to = run(lb, 'nat', 'PREROUTING', svc, { random: seededRandom(seed) }).dnat?.to ?? '';
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    for (const ep of eps) expect(Math.abs((counts.get(ep) ?? 0) - 1000)).toBeLessThan(150);
  });

  it.each([
    ['10.0.0.1:8080', () => 0.99],
    ['10.0.0.2:8080', () => 0],
    ['10.0.0.3:8080', () => 0],
  ])('preferredEndpoint %s is reached whatever random() says', (pref, random) => {
    const r = run(lb, 'nat', 'PREROUTING', svc, { preferredEndpoint: pref, random });
    expect(r.dnat?.to).toBe(pref);
    expect(r.candidates).toEqual(eps);
  });

  it('an unreachable preferred endpoint leaves the choice to random()', () => {
    expect(
      run(lb, 'nat', 'PREROUTING', svc, { preferredEndpoint: '1.2.3.4:80', random: () => 0 }).dnat
        ?.to,
    ).toBe('10.0.0.1:8080');
  });

  it('hairpin: the chosen endpoint as source gets the masquerade mark', () => {
    const r = run(
      lb,
      'nat',
      'PREROUTING',
      { ...svc, srcIP: '10.0.0.2' },
      { preferredEndpoint: '10.0.0.2:8080' },
    );
    expect(r.packet.mark).toBe(0x4000);
  });
});

describe('destination index of long chains', () => {
  const body = Array.from({ length: 60 }, (_, i) =>
    i % 7 === 3
      ? `-A BIG -p udp -j MARK --or-mark ${i}`
      : `-A BIG -d 10.1.0.${i % 20} -p tcp --dport ${80 + (i % 3)} -j DNAT --to-destination 10.2.0.${i}:80`,
  ).join('\n');
  const rs = rules(
    `*nat\n:PREROUTING ACCEPT [0:0]\n:BIG - [0:0]\n-A PREROUTING -j BIG\n${body}\nCOMMIT\n`,
  );
  const big = rs.tables.nat?.chains.get('BIG') as Chain;
  const unindexed: Ruleset = {
    ...rs,
    tables: {
      nat: {
        ...(rs.tables.nat as NonNullable<Ruleset['tables']['nat']>),
        chains: new Map(
          [...(rs.tables.nat?.chains ?? [])].map(
            ([k, c]) => [k, k === 'BIG' ? { ...c, index: undefined } : c] as [string, Chain],
          ),
        ),
      },
    },
  };
  it('builds an index', () => expect(big.index?.byDst.size).toBe(20));
  it.each(
    Array.from(
      { length: 24 },
      (_, i) => [`10.1.0.${i}`, 80 + (i % 4), i % 5 === 0 ? 'UDP' : 'TCP'] as const,
    ),
  )('%s:%i %s gives the same result indexed or not', (dst, port, protocol) => {
    const p = { dstIP: dst, dstPort: port, protocol };
    expect(run(rs, 'nat', 'PREROUTING', p)).toEqual(run(unindexed, 'nat', 'PREROUTING', p));
  });
});
