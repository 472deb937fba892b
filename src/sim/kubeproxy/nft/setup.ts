/**
 * The part of kube-proxy's nftables ruleset that does not depend on any Service
 * (proxier.go setupNFTables, in the layout of the v1.34/v1.35-era proxier the fixtures come
 * from): the table, the base chains with their hooks and priorities, the `ct state new` jumps
 * into the check chains, the masquerade chains, the fixed sets and verdict maps and the
 * dispatch rules that look them up.
 */
import type { NftContext } from './context';
import type { BaseChain } from './transaction';

/** Base chains: filtering before DNAT (-110), DNAT (-100), filter (0), SNAT (100). */
const BASE_CHAINS: readonly [string, BaseChain][] = [
  ['filter-prerouting-pre-dnat', { type: 'filter', hook: 'prerouting', priority: -110 }],
  ['filter-output-pre-dnat', { type: 'filter', hook: 'output', priority: -110 }],
  ['filter-forward', { type: 'filter', hook: 'forward', priority: 0 }],
  ['filter-input', { type: 'filter', hook: 'input', priority: 0 }],
  ['filter-output', { type: 'filter', hook: 'output', priority: 0 }],
  ['nat-prerouting', { type: 'nat', hook: 'prerouting', priority: -100 }],
  ['nat-output', { type: 'nat', hook: 'output', priority: -100 }],
  ['nat-postrouting', { type: 'nat', hook: 'postrouting', priority: 100 }],
];

/** [target chain, from base chain, guard]: the jumps into kube-proxy's regular chains. */
const JUMPS: readonly [string, string, string][] = [
  ['nodeport-endpoints-check', 'filter-input', 'ct state new'],
  ['service-endpoints-check', 'filter-input', 'ct state new'],
  ['service-endpoints-check', 'filter-forward', 'ct state new'],
  ['service-endpoints-check', 'filter-output', 'ct state new'],
  ['firewall-check', 'filter-prerouting-pre-dnat', 'ct state new'],
  ['firewall-check', 'filter-output-pre-dnat', 'ct state new'],
  ['services', 'nat-output', ''],
  ['services', 'nat-prerouting', ''],
  ['masquerading', 'nat-postrouting', ''],
  ['cluster-ips-check', 'filter-forward', 'ct state new'],
  ['cluster-ips-check', 'filter-output', 'ct state new'],
];

export function writeSetup(k: NftContext): void {
  const { tx, ipX, addrType, mark } = k;
  tx.table('rules for kube-proxy');
  for (const [name, base] of BASE_CHAINS) tx.chain(name, { base });
  for (const [to, from, guard] of JUMPS) {
    tx.chain(to);
    tx.rule(from, [guard, 'jump', to]);
  }
  for (const c of ['services', 'cluster-ips-check', 'masquerading', 'mark-for-masquerade'])
    tx.chain(c);
  tx.rule('mark-for-masquerade', ['mark set mark or', mark]);
  tx.rule('masquerading', ['mark and', mark, '== 0 return']);
  tx.rule('masquerading', ['mark set mark xor', mark]);
  tx.rule('masquerading', ['masquerade fully-random']);

  tx.set('cluster-ips', addrType, { comment: 'Active ClusterIPs' });
  tx.rule(
    'cluster-ips-check',
    [ipX, 'daddr @cluster-ips reject'],
    'Reject traffic to invalid ports of ClusterIPs',
  );
  if (k.serviceCIDRs.length > 0)
    tx.rule(
      'cluster-ips-check',
      [ipX, 'daddr {', k.serviceCIDRs.join(', '), '} drop'],
      'Drop traffic to unallocated ClusterIPs',
    );

  // nodeport-ips exists only when NodePorts are limited to some addresses.
  if (!k.nodePorts.matchAll) {
    tx.set('nodeport-ips', addrType, { comment: 'IPs that accept NodePort traffic' });
    for (const ip of k.nodePorts.ips) tx.element('nodeport-ips', [ip]);
  }

  const svcKey = `${addrType} . inet_proto . inet_service : verdict`;
  tx.map(
    'no-endpoint-services',
    svcKey,
    'vmap to drop or reject packets to services with no endpoints',
  );
  tx.map(
    'no-endpoint-nodeports',
    'inet_proto . inet_service : verdict',
    'vmap to drop or reject packets to service nodeports with no endpoints',
  );
  tx.chain('reject-chain', {
    comment: 'helper for @no-endpoint-services / @no-endpoint-nodeports',
  });
  tx.rule('reject-chain', ['reject']);
  const lookup = [ipX, 'daddr . meta l4proto . th dport vmap'];
  tx.rule('service-endpoints-check', [lookup, '@no-endpoint-services']);
  const nodePortDst = k.nodePorts.matchAll ? k.noLocalhost : `${ipX} daddr @nodeport-ips`;
  tx.rule('nodeport-endpoints-check', [
    nodePortDst,
    'meta l4proto . th dport vmap @no-endpoint-nodeports',
  ]);

  tx.map('firewall-ips', svcKey, 'destinations that are subject to LoadBalancerSourceRanges');
  tx.rule('firewall-check', [lookup, '@firewall-ips']);

  tx.map('service-ips', svcKey, 'ClusterIP, ExternalIP and LoadBalancer IP traffic');
  tx.map('service-nodeports', 'inet_proto . inet_service : verdict', 'NodePort traffic');
  tx.rule('services', [lookup, '@service-ips']);
  tx.rule('services', [
    k.nodePorts.matchAll ? ['fib daddr type local', k.noLocalhost] : `${ipX} daddr @nodeport-ips`,
    'meta l4proto . th dport vmap @service-nodeports',
  ]);
}
