import { describe, expect, it } from 'vitest';

import { evaluateConnection } from './evaluate';
import { np } from './testdata/mini';
import { denyAll, egTo, inFrom, ref, runRows, t, web, world } from './testdata/world';

// reference/netpol.md §1 (isolation, both ends, always-allowed exceptions) and §2 (defaulting).
runRows('policyTypes defaulting and selection (DEF, API)', [
  t(
    'egress rules without policyTypes also isolate ingress',
    'deny',
    np('shop/p', { podSelector: web, egress: [{}] }),
    'other/client',
    'shop/web',
  ),
  t(
    '…and allow the egress they list',
    'allow',
    np('shop/p', { podSelector: web, egress: [{}] }),
    'shop/web',
    'other/client',
  ),
  t(
    'egress: [] without policyTypes does not isolate egress',
    'allow',
    np('shop/p', { podSelector: web, egress: [] }),
    'shop/web',
    '203.0.113.9',
  ),
  t(
    'policyTypes [Egress] ignores ingress rules',
    'allow',
    np('shop/p', { podSelector: web, policyTypes: ['Egress'], ingress: [] }),
    'other/client',
    'shop/web',
  ),
  t(
    'policyTypes [Ingress] ignores egress rules',
    'allow',
    np('shop/p', { podSelector: web, policyTypes: ['Ingress'], ingress: [{}], egress: [] }),
    'shop/web',
    'other/client',
  ),
  t(
    'default-deny-egress needs explicit policyTypes',
    'deny',
    np('shop/p', { podSelector: {}, policyTypes: ['Egress'] }),
    'shop/web',
    '203.0.113.9',
  ),
  t(
    'ingress: [] denies all ingress',
    'deny',
    np('shop/p', { podSelector: web, ingress: [] }),
    'shop/db',
    'shop/web',
  ),
  t(
    'ingress missing denies all ingress',
    'deny',
    np('shop/p', { podSelector: web }),
    'shop/db',
    'shop/web',
  ),
  t(
    'ingress: [{}] allows everything, external too',
    'allow',
    inFrom({}),
    '203.0.113.9',
    'shop/web',
  ),
  t(
    'absent podSelector selects every pod of the namespace',
    'deny',
    np('shop/p', { ingress: [] }),
    'shop/web',
    'shop/db',
    'TCP 8080',
  ),
  t(
    'a policy never selects pods of another namespace',
    'allow',
    np('other/p', { podSelector: {}, ingress: [] }),
    'other/client',
    'shop/web',
  ),
  t(
    'unselected pods stay open',
    'allow',
    np('shop/p', { podSelector: web, ingress: [] }),
    'shop/web',
    'shop/db',
    'TCP 8080',
  ),
  t(
    'policies are additive: deny-all + allow',
    'allow',
    [denyAll, inFrom({})],
    'other/client',
    'shop/web',
  ),
]);

runRows('both ends, self, node and hostNetwork (DOCS, API)', [
  t(
    'egress deny at the source beats ingress allow',
    'deny',
    [np('other/deny-eg', { podSelector: {}, policyTypes: ['Egress'] }), inFrom({}, {})],
    'other/client',
    'shop/web',
  ),
  t(
    'ingress deny at the destination beats egress allow',
    'deny',
    [egTo({}), np('other/d', { podSelector: {}, ingress: [] })],
    'shop/web',
    'other/client',
  ),
  t('a pod can always reach itself', 'allow', denyAll, 'shop/web', 'shop/web'),
  t('its own IP is itself too', 'allow', denyAll, 'shop/web', '10.244.1.10'),
  t('own node IP always allowed in', 'allow', denyAll, '192.168.1.11', 'shop/web'),
  t('own node (node peer) always allowed in', 'allow', denyAll, 'node:node-1', 'shop/web'),
  t('own node cni0 address always allowed in', 'allow', denyAll, '10.244.1.1', 'shop/web'),
  t('another node is just an address', 'deny', denyAll, '192.168.1.12', 'shop/web'),
  t('a pod egressing to its own node is still checked', 'deny', denyAll, 'shop/web', 'node:node-1'),
  t(
    'hostNetwork pod on the same node = node traffic',
    'allow',
    denyAll,
    'kube-system/agent',
    'shop/web',
  ),
  t(
    'hostNetwork pods are never isolated',
    'allow',
    np('kube-system/deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    'shop/web',
    'kube-system/agent2',
  ),
  t(
    'a node sending to a pod elsewhere has only the ingress end',
    'allow',
    egTo({ to: [] }),
    'node:node-2',
    'shop/client',
  ),
  t(
    'ICMP: a rule without ports admits it',
    'allow',
    inFrom({ from: [{ podSelector: {} }] }),
    'shop/db',
    'shop/web',
    'ICMP',
  ),
  t(
    'ICMP: a rule with ports does not',
    'deny',
    inFrom({ ports: [{ protocol: 'TCP' }] }),
    'shop/db',
    'shop/web',
    'ICMP',
  ),
]);

describe('connection ends', () => {
  it('marks ICMP verdicts as CNI-dependent', () => {
    const cluster = world([inFrom({})]);
    const v = evaluateConnection(cluster, ref('shop/db'), ref('shop/web'), undefined, 'ICMP');
    expect(v.ingress?.cniDependent).toMatch(/CNI plugin/);
    expect(v.ingress?.reason).toMatch(/ICMP/);
    const tcp = evaluateConnection(cluster, ref('shop/db'), ref('shop/web'), 80, 'TCP');
    expect(tcp.ingress?.cniDependent).toBeUndefined();
  });

  it('evaluates nothing between two addresses outside the pod network', () => {
    const v = evaluateConnection(
      world([denyAll]),
      ref('203.0.113.1'),
      ref('203.0.113.2'),
      80,
      'TCP',
    );
    expect(v.allowed).toBe(true);
    expect(v.egress).toBeUndefined();
    expect(v.ingress).toBeUndefined();
  });

  it('evaluates only the pod ends', () => {
    const cluster = world([denyAll]);
    const out = evaluateConnection(cluster, ref('shop/web'), ref('203.0.113.9'), 80, 'TCP');
    expect(out.egress?.allowed).toBe(false);
    expect(out.ingress).toBeUndefined();
    const into = evaluateConnection(cluster, ref('203.0.113.9'), ref('shop/web'), 80, 'TCP');
    expect(into.egress).toBeUndefined();
    expect(into.ingress?.allowed).toBe(false);
  });

  it('records exemptions', () => {
    const cluster = world([denyAll]);
    const self = evaluateConnection(cluster, ref('shop/web'), ref('shop/web'), 80, 'TCP');
    expect(self.egress?.exemption).toBe('self');
    expect(self.ingress?.exemption).toBe('self');
    const node = evaluateConnection(cluster, ref('node:node-1'), ref('shop/web'), 80, 'TCP');
    expect(node.ingress).toMatchObject({ isolated: true, allowed: true, exemption: 'own-node' });
  });
});
