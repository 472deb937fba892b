/**
 * The CNI's rules when the node runs nftables: flannel's nftables mode (flannel
 * pkg/trafficmngr/nftables, `"EnableNFTables": true` in net-conf.json, the companion of
 * kube-proxy's nftables mode): table `ip flannel-ipv4` (`ip6 flannel-ipv6`) with a `forward`
 * chain accepting the pod network and a `postrtg` chain masquerading pod traffic that leaves it.
 * Unlike flannel's iptables rules, `postrtg` returns for anything bound for the pod network that
 * does not come from this node's pod range, so host → remote pod traffic is not masqueraded.
 */
import { parseCidr, splitDualStack } from '../../addr/cidr';
import type { Family } from '../../addr/ip';
import { networkText } from '../../derive/settings';
import type { Cluster } from '../../derive/types';
import { familyOf } from '../services';

import { transaction } from './transaction';

/** flannel's `nft -f` text for `nodeName` and `family` ('' when it has no pod network there). */
export function flannelTransaction(cluster: Cluster, nodeName: string, family: Family): string {
  const network = splitDualStack(cluster.settings.podSubnet)
    .map((t) => parseCidr(t))
    .find((r) => r.ok && r.value.family === family);
  if (!network?.ok) return '';
  const cidr = networkText(network.value);
  const ipX = family === 4 ? 'ip' : 'ip6';
  const tx = transaction(ipX, family === 4 ? 'flannel-ipv4' : 'flannel-ipv6');
  tx.table(`rules for ${family === 4 ? 'flannel-ipv4' : 'flannel-ipv6'}`);
  tx.chain('forward', {
    base: { type: 'filter', hook: 'forward', priority: 0 },
    comment: 'chain to accept flannel traffic',
  });
  tx.rule('forward', [ipX, 'saddr', cidr, 'accept']);
  tx.rule('forward', [ipX, 'daddr', cidr, 'accept']);
  const node = cluster.nodeByName.get(nodeName);
  const podCIDR = node?.podCIDRs.find((c) => familyOf(c.split('/')[0] ?? '') === family);
  if (cluster.settings.cni.masquerade !== false && podCIDR !== undefined) {
    tx.chain('postrtg', {
      base: { type: 'nat', hook: 'postrouting', priority: 100 },
      comment: 'chain to manage traffic masquerading by flannel',
    });
    // Packets kube-proxy marked are its to masquerade (no double NAT).
    tx.rule('postrtg', ['meta mark 0x4000 return']);
    tx.rule('postrtg', [ipX, 'saddr', podCIDR, ipX, 'daddr', cidr, 'return']);
    tx.rule('postrtg', [ipX, 'saddr', cidr, ipX, 'daddr', podCIDR, 'return']);
    tx.rule('postrtg', [ipX, 'saddr !=', podCIDR, ipX, 'daddr', cidr, 'return']);
    const multicast = family === 4 ? '224.0.0.0/4' : 'ff00::/8';
    tx.rule('postrtg', [ipX, 'saddr', cidr, ipX, 'daddr !=', multicast, 'masquerade fully-random']);
    tx.rule('postrtg', [ipX, 'saddr !=', cidr, ipX, 'daddr', cidr, 'masquerade fully-random']);
  }
  return tx.text();
}
