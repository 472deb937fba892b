/**
 * Cilium's own iptables rules (pkg/datapath/iptables/iptables.go), as `iptables-save` prints them
 * on a node with iptables masquerading (enable-bpf-masquerade off): the CILIUM_FORWARD chain
 * accepting pod traffic on cilium_host, cilium_net and lxc+, and CILIUM_POST_nat masquerading pod
 * traffic that leaves the cluster (`! -d <pool> ! -o cilium_+`). Traffic to cluster nodes is
 * excluded first — Cilium matches its ipset cilium_node_set_v4; written here as one rule per node.
 * With kube-proxy replacement these are the only Service-free rules on the node: no KUBE-* chains.
 */
import type { ProxyContext } from '../../kubeproxy/context';
import { comment } from '../../kubeproxy/writer';

import { configOf } from './config';
import { CILIUM_HOST } from './ipam';
import { CILIUM_NET } from './node';

export function writeCiliumRules(k: ProxyContext): void {
  if (k.family !== 4) return;
  const f = k.filter;
  f.rule('FORWARD', ...comment('cilium-feeder: CILIUM_FORWARD'), '-j', 'CILIUM_FORWARD');
  f.rule(
    'CILIUM_FORWARD',
    '-o',
    CILIUM_HOST,
    ...comment('cilium: any->cluster on cilium_host forward accept'),
    '-j',
    'ACCEPT',
  );
  f.rule(
    'CILIUM_FORWARD',
    '-i',
    CILIUM_HOST,
    ...comment('cilium: cluster->any on cilium_host forward accept (nodeport)'),
    '-j',
    'ACCEPT',
  );
  f.rule(
    'CILIUM_FORWARD',
    '-i',
    'lxc+',
    ...comment('cilium: cluster->any on lxc+ forward accept'),
    '-j',
    'ACCEPT',
  );
  f.rule(
    'CILIUM_FORWARD',
    '-i',
    CILIUM_NET,
    ...comment('cilium: cluster->any on cilium_net forward accept (nodeport)'),
    '-j',
    'ACCEPT',
  );
  const cfg = configOf(k.cluster.datapath);
  const own = k.node?.podRanges[0];
  const pool = cfg?.poolCidrs[0];
  if (!cfg?.masquerade || own === undefined || pool === undefined) return;
  const n = k.nat;
  n.rule('POSTROUTING', ...comment('cilium-feeder: CILIUM_POST_nat'), '-j', 'CILIUM_POST_nat');
  for (const node of k.cluster.nodes)
    for (const ip of node.ips.filter((x) => !x.includes(':')))
      n.rule(
        'CILIUM_POST_nat',
        '-d',
        `${ip}/32`,
        ...comment('exclude traffic to cluster nodes from masquerade'),
        '-j',
        'ACCEPT',
      );
  n.rule(
    'CILIUM_POST_nat',
    '-s',
    own,
    '!',
    '-d',
    pool,
    '!',
    '-o',
    'cilium_+',
    ...comment('cilium masquerade non-cluster'),
    '-j',
    'MASQUERADE',
  );
}
