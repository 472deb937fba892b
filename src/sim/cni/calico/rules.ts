/**
 * The nat rules Felix writes (iptables dataplane): its jumps first in PREROUTING, OUTPUT and
 * POSTROUTING (inserted, as Felix does), the floating-IP chains, and NAT outgoing —
 * `cali-nat-outgoing` masquerades traffic from a pool with natOutgoing to anywhere outside every
 * pool, by two ipsets (felix/rules/static.go, nat.go; rule comments as Felix hashes them, from
 * captured iptables-save output). Calico's filter chains (cali-FORWARD and the per-workload
 * cali-fw/cali-tw policy chains) are not written here: the walk evaluates NetworkPolicy at their
 * place and names the chain.
 */
import type { Cidr } from '../../addr/cidr';
import type { Cluster } from '../../derive/types';
import type { ProxyContext } from '../../kubeproxy/context';
import { comment } from '../../kubeproxy/writer';

import { calicoConfig, type CalicoConfig } from './config';

const memo = new WeakMap<Cluster, CalicoConfig>();
const configOf = (c: Cluster): CalicoConfig => {
  let hit = memo.get(c);
  if (!hit) {
    hit = calicoConfig(c.scenario, []);
    memo.set(c, hit);
  }
  return hit;
};

/** Felix's ipsets of pools: cali40masq-ipam-pools (natOutgoing), cali40all-ipam-pools (every pool). */
export function calicoIpsets(cluster: Cluster, name: string): readonly Cidr[] | undefined {
  const m = /^cali([46])0(masq|all)-ipam-pools$/.exec(name);
  if (!m) return undefined;
  const family = m[1] === '4' ? 4 : 6;
  return configOf(cluster)
    .pools.filter((p) => p.cidr.family === family && (m[2] === 'all' || p.natOutgoing))
    .map((p) => p.cidr);
}

export function writeCalicoRules(k: ProxyContext): void {
  const nat = k.nat;
  const v = k.family === 4 ? '4' : '6';
  nat.insert('PREROUTING', comment('cali:6gwbT8clXdHdC1b1'), '-j', 'cali-PREROUTING');
  nat.insert('OUTPUT', comment('cali:tVnHkvAo15HuiPy0'), '-j', 'cali-OUTPUT');
  nat.insert('POSTROUTING', comment('cali:O3lYWMrLQYEMJtB5'), '-j', 'cali-POSTROUTING');
  nat.rule('cali-PREROUTING', comment('cali:r6XmIziWUJsdOK6Z'), '-j', 'cali-fip-dnat');
  nat.rule('cali-OUTPUT', comment('cali:GBTAv2p5CwevEyJm'), '-j', 'cali-fip-dnat');
  nat.rule('cali-POSTROUTING', comment('cali:Z-c7XtVd2Bq7s_hA'), '-j', 'cali-fip-snat');
  nat.rule('cali-POSTROUTING', comment('cali:nYKhEzDlr11Jccal'), '-j', 'cali-nat-outgoing');
  nat.chain('cali-fip-dnat');
  nat.chain('cali-fip-snat');
  nat.chain('cali-nat-outgoing');
  if (!configOf(k.cluster).pools.some((p) => p.natOutgoing && p.cidr.family === k.family)) return;
  nat.rule(
    'cali-nat-outgoing',
    comment('cali:flqWnvo8yq4ULQLa'),
    ['-m', 'set', '--match-set', `cali${v}0masq-ipam-pools`, 'src'],
    ['-m', 'set', '!', '--match-set', `cali${v}0all-ipam-pools`, 'dst'],
    '-j',
    'MASQUERADE',
    '--random-fully',
  );
}
