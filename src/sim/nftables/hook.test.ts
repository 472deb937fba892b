/**
 * The nftables engine on small rulesets: named and anonymous sets, verdict maps, numgen load
 * balancing (seeded, enumerated, steered), ct state, fib address types, the masquerade mark,
 * reject and drop, jump versus goto, priorities across tables, NAT once per hook, policies.
 */
import { describe, expect, it } from 'vitest';

import type { NfContext, NfPacket } from '../netfilter/types';

import { runNftHook } from './hook';
import { parseNftRuleset } from './parse';
import type { NftHookName, Ruleset } from './types';

function load(text: string): Ruleset {
  const r = parseNftRuleset(text);
  if (!r.ok) throw new Error(`line ${r.error.line}: ${r.error.message}`);
  return r.value;
}

const pkt = (over: Partial<NfPacket> = {}): NfPacket => ({
  family: 4,
  srcIP: '10.0.0.2',
  dstIP: '172.30.0.41',
  protocol: 'TCP',
  srcPort: 40000,
  dstPort: 80,
  mark: 0,
  ...over,
});

const ctx = (over: Partial<NfContext> = {}): NfContext => ({
  isLocal: (ip) => ip === '192.168.0.2',
  ctstate: 'NEW',
  random: () => 0,
  masqueradeAddress: () => '192.168.0.2',
  ...over,
});

function run(rs: Ruleset, hook: NftHookName, p = pkt(), c = ctx(), nat = true) {
  const r = runNftHook(rs, hook, p, c, nat);
  const last = r[r.length - 1];
  return {
    verdict: last?.verdict ?? 'ACCEPT',
    packet: last?.packet ?? p,
    chains: r.map((x) => x.chain.name),
    matched: r.flatMap((x) => x.matched.map((m) => m.text)),
    dnat: r.find((x) => x.dnat)?.dnat?.to,
    snat: r.find((x) => x.snat)?.snat?.to,
    candidates: r.find((x) => x.dnat)?.candidates ?? [],
    probabilities: r.find((x) => x.dnat)?.probabilities ?? [],
    elements: r.flatMap((x) => x.matched.flatMap((m) => (m.element ? [m.element] : []))),
    comment: last?.comment,
  };
}

const FILTER = (rules: string, extra = ''): Ruleset =>
  load(`table ip t {
${extra}
  chain fwd {
    type filter hook forward priority filter; policy accept;
${rules}
  }
}`);

describe('matches', () => {
  it.each([
    ['ip daddr 172.30.0.41 drop', 'DROP'],
    ['ip daddr 172.30.0.42 drop', 'ACCEPT'],
    ['ip daddr != 172.30.0.42 drop', 'DROP'],
    ['ip saddr 10.0.0.0/8 drop', 'DROP'],
    ['ip saddr != 10.0.0.0/8 drop', 'ACCEPT'],
    ['ip daddr { 1.2.3.4, 172.30.0.0/16 } drop', 'DROP'],
    ['ip daddr != { 1.2.3.4, 172.30.0.0/16 } drop', 'ACCEPT'],
    ['ip daddr 172.30.0.40-172.30.0.50 drop', 'DROP'],
    ['meta l4proto tcp drop', 'DROP'],
    ['meta l4proto udp drop', 'ACCEPT'],
    ['tcp dport 80 drop', 'DROP'],
    ['udp dport 80 drop', 'ACCEPT'],
    ['th dport 1-1024 drop', 'DROP'],
    ['tcp sport 40000 drop', 'DROP'],
    ['ct state new drop', 'DROP'],
    ['ct state established,related drop', 'ACCEPT'],
    ['fib daddr type local drop', 'ACCEPT'],
    ['fib saddr type local drop', 'ACCEPT'],
    ['meta mark & 0x00004000 == 0x00000000 drop', 'DROP'],
    ['meta mark 0x4000 drop', 'ACCEPT'],
    ['iifname "cni0" drop', 'DROP'],
    ['oifname "eth0" drop', 'ACCEPT'],
    ['ip saddr 10.0.0.2 ip daddr 172.30.0.41 tcp dport 81 drop', 'ACCEPT'],
  ])('%s → %s', (rule, want) => {
    expect(run(FILTER(`    ${rule}`), 'forward', pkt({ inIface: 'cni0' })).verdict).toBe(want);
  });

  it('named sets: a lookup holds when the address is an element', () => {
    const rs = FILTER(
      '    ip daddr @ips reject\n    ip daddr @nets drop',
      `  set ips { type ipv4_addr; elements = { 172.30.0.41, 172.30.0.42 } }
  set nets { type ipv4_addr; flags interval; elements = { 192.168.0.0/16 } }`,
    );
    expect(run(rs, 'forward').verdict).toBe('REJECT');
    expect(run(rs, 'forward', pkt({ dstIP: '192.168.7.7' })).verdict).toBe('DROP');
    expect(run(rs, 'forward', pkt({ dstIP: '8.8.8.8' })).verdict).toBe('ACCEPT');
  });

  it('ct state new guards run only for a connection’s first packet', () => {
    const rs = FILTER('    ct state new jump check', '  chain check {\n    drop\n  }');
    expect(run(rs, 'forward').verdict).toBe('DROP');
    expect(run(rs, 'forward', pkt(), ctx({ ctstate: 'ESTABLISHED' })).verdict).toBe('ACCEPT');
  });

  it('fib saddr/daddr type local asks whether the address is the node’s', () => {
    const rs = FILTER('    fib saddr type local drop');
    expect(run(rs, 'forward', pkt({ srcIP: '192.168.0.2' })).verdict).toBe('DROP');
    expect(run(rs, 'forward', pkt({ srcIP: '192.168.0.3' })).verdict).toBe('ACCEPT');
  });
});

describe('verdict maps', () => {
  const rs = FILTER(
    '    ip daddr . meta l4proto . th dport vmap @svc\n    drop comment "fell through"',
    `  map svc {
    type ipv4_addr . inet_proto . inet_service : verdict
    elements = { 172.30.0.41 . tcp . 80 comment "ns1/svc1:p80" : goto rej,
                 172.30.0.41 . udp . 53 : accept }
  }
  chain rej {
    reject
  }`,
  );
  it('looks up the concatenated key and runs the element’s verdict', () => {
    const r = run(rs, 'forward');
    expect(r.verdict).toBe('REJECT');
    expect(r.elements).toEqual(['172.30.0.41 . tcp . 80 comment "ns1/svc1:p80" : goto rej']);
    expect(r.comment).toBe('ns1/svc1:p80');
    expect(run(rs, 'forward', pkt({ protocol: 'UDP', dstPort: 53 })).verdict).toBe('ACCEPT');
  });
  it('a key that is not in the map does not match: the next rule runs', () => {
    const r = run(rs, 'forward', pkt({ dstPort: 443 }));
    expect([r.verdict, r.comment]).toEqual(['DROP', 'fell through']);
  });
  it('an ICMP packet has no ports: th dport never matches', () => {
    const { dstPort: _port, srcPort: _sport, ...icmp } = pkt({ protocol: 'ICMP' });
    expect(run(rs, 'forward', icmp).verdict).toBe('DROP');
  });
});

const LB = load(`table ip kp {
  chain pre {
    type nat hook prerouting priority dstnat; policy accept;
    ip daddr 172.30.0.44 jump svc
  }
  chain svc {
    numgen random mod 3 vmap { 0 : goto ep-a, 1 : goto ep-b, 2 : goto ep-c }
  }
  chain ep-a {
    meta l4proto tcp dnat to 10.180.0.4:80
  }
  chain ep-b {
    meta l4proto tcp dnat to 10.180.0.5:80
  }
  chain ep-c {
    meta l4proto tcp dnat to 10.180.0.6:8080
  }
}`);

describe('numgen random mod N vmap', () => {
  const p = pkt({ dstIP: '172.30.0.44' });
  it.each([
    [0, '10.180.0.4:80'],
    [0.34, '10.180.0.5:80'],
    [0.99, '10.180.0.6:8080'],
  ])('random() = %s picks %s', (x, want) => {
    expect(run(LB, 'prerouting', p, ctx({ random: () => x })).dnat).toBe(want);
  });
  it('lists every element’s endpoint as a candidate, in element order, each 1/N', () => {
    const r = run(LB, 'prerouting', p);
    expect(r.candidates).toEqual(['10.180.0.4:80', '10.180.0.5:80', '10.180.0.6:8080']);
    expect(r.probabilities.map((x) => x.toFixed(3))).toEqual(['0.333', '0.333', '0.333']);
    expect(r.packet).toMatchObject({ dstIP: '10.180.0.4', dstPort: 80 });
  });
  it('a preferred endpoint steers numgen to the element that leads there', () => {
    const r = run(LB, 'prerouting', p, ctx({ preferredEndpoint: '10.180.0.6:8080' }));
    expect(r.dnat).toBe('10.180.0.6:8080');
    expect(r.elements).toEqual(['2 : goto ep-c']);
  });
});

describe('masquerade mark and postrouting', () => {
  const rs = load(`table ip kp {
  chain mark-for-masquerade {
    meta mark set meta mark | 0x00004000
  }
  chain masquerading {
    meta mark & 0x00004000 == 0x00000000 return
    meta mark set meta mark ^ 0x00004000
    masquerade fully-random
  }
  chain pre {
    type nat hook prerouting priority dstnat; policy accept;
    ip saddr != 10.0.0.0/8 jump mark-for-masquerade
    meta l4proto tcp dnat to 10.180.0.1:80
  }
  chain post {
    type nat hook postrouting priority srcnat; policy accept;
    jump masquerading
  }
}`);
  it('marks traffic from outside the pod range, then masquerades and clears the mark', () => {
    const pre = run(rs, 'prerouting', pkt({ srcIP: '203.0.113.2' }));
    expect(pre.packet.mark).toBe(0x4000);
    const post = run(rs, 'postrouting', { ...pre.packet, outIface: 'eth0' });
    expect([post.snat, post.packet.srcIP, post.packet.mark]).toEqual([
      '192.168.0.2',
      '192.168.0.2',
      0,
    ]);
  });
  it('leaves unmarked traffic alone', () => {
    const pre = run(rs, 'prerouting');
    expect(pre.packet.mark).toBe(0);
    const post = run(rs, 'postrouting', pre.packet);
    expect([post.snat, post.packet.srcIP]).toEqual([undefined, '10.0.0.2']);
  });
  it('masquerade without an address on the outgoing interface drops', () => {
    const post = run(
      rs,
      'postrouting',
      pkt({ mark: 0x4000 }),
      ctx({ masqueradeAddress: () => undefined }),
    );
    expect(post.verdict).toBe('DROP');
  });
});

describe('chains', () => {
  it('goto does not come back; jump does', () => {
    const rs = FILTER(
      '    jump a\n    drop comment "after a"',
      '  chain a {\n    goto b\n    reject comment "rest of a"\n  }\n  chain b {\n    ip daddr 1.1.1.1 accept\n  }',
    );
    // b ends → back to fwd (a was entered with jump, left with goto) → the drop.
    expect(run(rs, 'forward')).toMatchObject({ verdict: 'DROP', comment: 'after a' });
  });
  it('return leaves a chain; the end of the base chain applies its policy', () => {
    const rs = load(`table ip t {
  chain a {
    return
    accept
  }
  chain fwd {
    type filter hook forward priority filter; policy drop;
    jump a
  }
}`);
    expect(run(rs, 'forward').verdict).toBe('DROP');
  });
  it('past the kernel’s jump stack (16) the packet is dropped', () => {
    const rs = FILTER('    jump loop', '  chain loop {\n    jump loop\n  }');
    expect(run(rs, 'forward').verdict).toBe('DROP');
  });
  it('a drop ends the hook: later base chains do not run', () => {
    const rs = load(`table ip a {
  chain early {
    type filter hook prerouting priority -110; policy accept;
    ip saddr 203.0.113.130 drop
  }
}
table ip b {
  chain nat {
    type nat hook prerouting priority dstnat; policy accept;
    meta l4proto tcp dnat to 10.180.0.1:80
  }
}`);
    expect(run(rs, 'prerouting', pkt({ srcIP: '203.0.113.130' }))).toMatchObject({
      verdict: 'DROP',
      chains: ['early'],
    });
    expect(run(rs, 'prerouting')).toMatchObject({
      chains: ['early', 'nat'],
      dnat: '10.180.0.1:80',
    });
  });
});

describe('hooks', () => {
  const rs = load(`table ip second {
  chain n2 {
    type nat hook prerouting priority dstnat; policy accept;
    meta l4proto tcp dnat to 10.0.9.9:80
  }
  chain f {
    type filter hook prerouting priority raw; policy accept;
    counter
  }
}
table ip first {
  chain n1 {
    type nat hook prerouting priority dstnat - 1; policy accept;
    ip daddr 172.30.0.41 meta l4proto tcp dnat to 10.0.1.1:80
  }
}
table ip6 six {
  chain n6 {
    type nat hook prerouting priority -300; policy accept;
    drop
  }
}`);
  it('runs the base chains of the packet’s family in priority order', () => {
    expect(run(rs, 'prerouting', pkt({ dstIP: '1.1.1.1' })).chains).toEqual(['f', 'n1', 'n2']);
  });
  it('once a nat chain set up the binding, later nat chains at the hook are skipped', () => {
    expect(run(rs, 'prerouting')).toMatchObject({ chains: ['f', 'n1'], dnat: '10.0.1.1:80' });
  });
  it('nat chains see only a connection’s first packet', () => {
    expect(run(rs, 'prerouting', pkt(), ctx({ ctstate: 'ESTABLISHED' }), false).chains).toEqual([
      'f',
    ]);
  });
});
