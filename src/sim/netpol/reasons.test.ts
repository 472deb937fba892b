import { describe, expect, it } from 'vitest';

import { defaultPolicy, effectivePolicyTypes, normalizePort } from './defaults';
import { describePeerEntry, describePortEntry, describeRule } from './describe';
import { evaluateConnection, evaluateDirection } from './evaluate';
import { np } from './testdata/mini';
import { client, denyAll, inFrom, ref, web, world } from './testdata/world';

describe('policyTypes defaulting (DEF SetDefaults_NetworkPolicy)', () => {
  it.each([
    [{}, ['ingress']],
    [{ ingress: [{}] }, ['ingress']],
    [{ egress: [{}] }, ['ingress', 'egress']],
    [{ egress: [] }, ['ingress']],
    [{ policyTypes: ['Egress'] as const, ingress: [{}] }, ['egress']],
    [{ policyTypes: ['Ingress', 'Egress'] as const }, ['ingress', 'egress']],
    [{ policyTypes: [] as const, egress: [{}] }, ['ingress', 'egress']],
  ])('%j → %j', (spec, types) => {
    expect(effectivePolicyTypes(np('a/p', spec))).toEqual(types);
  });

  it('fills in policyTypes, podSelector and port protocols', () => {
    const d = defaultPolicy(
      np('a/p', { egress: [{ ports: [{ port: 53 }, { port: 53, protocol: 'UDP' }] }] }),
    );
    expect(d.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(d.spec.podSelector).toEqual({});
    expect(d.spec.egress?.[0]?.ports).toEqual([
      { port: 53, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
    ]);
  });

  it.each([
    [{}, { protocol: 'TCP' }],
    [{ protocol: 'SCTP' as const }, { protocol: 'SCTP' }],
    [{ port: 'http' }, { protocol: 'TCP', name: 'http' }],
    [
      { port: 80, endPort: 90 },
      { protocol: 'TCP', port: 80, endPort: 90 },
    ],
    [
      { port: 80, endPort: 70 },
      { protocol: 'TCP', port: 80 },
    ],
    [{ port: '8080' }, { protocol: 'TCP', port: 8080 }],
  ])('port %j → %j', (p, n) => {
    expect(normalizePort(p)).toEqual(n);
  });
});

describe('rule summaries', () => {
  it('describes peers', () => {
    expect(describePeerEntry({ podSelector: client }, 'shop')).toBe('pods app=client in shop');
    expect(describePeerEntry({ podSelector: {} }, 'shop')).toBe('all pods in shop');
    expect(describePeerEntry({ namespaceSelector: {} }, 'shop')).toBe('all pods in all namespaces');
    expect(
      describePeerEntry(
        { namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: client },
        'shop',
      ),
    ).toBe('pods app=client in namespaces team=b');
    expect(
      describePeerEntry({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }, 'x'),
    ).toBe('10.0.0.0/8 except 10.1.0.0/16');
  });

  it('describes ports', () => {
    expect(describePortEntry({ port: 80 })).toBe('TCP 80');
    expect(describePortEntry({ port: 32000, endPort: 32768 })).toBe('TCP 32000-32768');
    expect(describePortEntry({ protocol: 'UDP' })).toBe('UDP (all ports)');
    expect(describePortEntry({ port: 'http' })).toBe('TCP port named http');
  });

  it('describes rules', () => {
    expect(describeRule('ingress', 0, {}, 'shop')).toBe('ingress[0] from anywhere on all ports');
    expect(
      describeRule(
        'egress',
        2,
        {
          peers: [{ podSelector: web }, { ipBlock: { cidr: '10.0.0.0/8' } }],
          ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }],
        },
        'shop',
      ),
    ).toBe('egress[2] to pods app=web in shop or 10.0.0.0/8 on UDP 53, TCP 53');
  });
});

describe('verdict reasons', () => {
  it('says when nothing isolates the pod', () => {
    const v = evaluateDirection(world([]), 'ingress', 'shop/web', ref('shop/db'), 80, 'TCP');
    expect(v).toEqual({
      direction: 'ingress',
      subject: 'shop/web',
      isolated: false,
      selectingPolicies: [],
      allowed: true,
      reason:
        'No NetworkPolicy selects shop/web for ingress, so all its ingress traffic is allowed.',
    });
  });

  it('names every isolating policy when nothing admits', () => {
    const allowWeb = np('shop/allow-web', {
      podSelector: web,
      ingress: [{ from: [{ podSelector: web }] }],
    });
    const v = evaluateDirection(
      world([allowWeb, denyAll]),
      'ingress',
      'shop/web',
      ref('other/client'),
      80,
      'TCP',
    );
    expect(v.selectingPolicies).toEqual(['shop/allow-web', 'shop/deny']);
    expect(v.reason).toBe(
      'shop/web is isolated for ingress by shop/allow-web and shop/deny; no rule of shop/allow-web, shop/deny allows 10.244.2.11 (other/client) on TCP 80.',
    );
  });

  it('points at the admitting rule, peer and port', () => {
    const p = np('shop/in', {
      podSelector: web,
      ingress: [
        { from: [{ podSelector: web }] },
        {
          from: [{ ipBlock: { cidr: '192.0.2.0/24' } }, { podSelector: client }],
          ports: [{ port: 443 }, { port: 80 }],
        },
      ],
    });
    const v = evaluateConnection(world([p]), ref('shop/client'), ref('shop/web'), 80, 'TCP');
    expect(v.ingress?.allowedBy).toEqual({
      policy: 'shop/in',
      ruleIndex: 1,
      peerIndex: 1,
      portIndex: 1,
      text: 'ingress[1] from 192.0.2.0/24 or pods app=client in shop on TCP 443, TCP 80',
    });
    expect(v.reason).toBe(
      'shop/web is isolated for ingress by shop/in; shop/in ingress[1] from 192.0.2.0/24 or pods app=client in shop on TCP 443, TCP 80 allows 10.244.2.10 (shop/client) on TCP 80.',
    );
  });

  it('omits peer and port indexes for rules without them', () => {
    const v = evaluateConnection(
      world([inFrom({})]),
      ref('203.0.113.9'),
      ref('shop/web'),
      80,
      'TCP',
    );
    expect(v.ingress?.allowedBy).toEqual({
      policy: 'shop/in',
      ruleIndex: 0,
      text: 'ingress[0] from anywhere on all ports',
    });
  });

  it('mentions a rule that admits the peer on another port', () => {
    const v = evaluateConnection(
      world([inFrom({ from: [{ podSelector: client }], ports: [{ port: 8080 }] })]),
      ref('shop/client'),
      ref('shop/web'),
      80,
      'TCP',
    );
    expect(v.reason).toMatch(
      /shop\/in ingress\[0\] from pods app=client in shop on TCP 8080 admits this peer, but not on TCP 80\.$/,
    );
  });

  it('explains node and hostNetwork traffic', () => {
    const node = evaluateConnection(
      world([denyAll]),
      ref('192.168.1.11'),
      ref('shop/web'),
      80,
      'TCP',
    );
    expect(node.reason).toBe(
      'shop/web is isolated for ingress by shop/deny, but 192.168.1.11 (node node-1) comes from its own node node-1, which is always allowed.',
    );
    const host = evaluateDirection(
      world([denyAll]),
      'egress',
      'kube-system/agent',
      ref('shop/web'),
      80,
      'TCP',
    );
    expect(host).toMatchObject({ isolated: false, allowed: true });
    expect(host.reason).toMatch(/host network/);
  });

  it('reports unknown pods and Service IPs plainly', () => {
    const v = evaluateDirection(
      world([denyAll]),
      'ingress',
      'shop/nope',
      ref('shop/web'),
      80,
      'TCP',
    );
    expect(v).toMatchObject({ isolated: false, allowed: true });
    const d = evaluateDirection(
      world([denyAll]),
      'egress',
      'shop/web',
      ref('shop/nope'),
      80,
      'TCP',
    );
    expect(d.reason).toMatch(/shop\/nope \(no such pod\)/);
  });
});
