/**
 * The CNI's own rules, flannel-style (flannel's trafficmngr/iptables: the FLANNEL-POSTRTG and
 * FLANNEL-FWD chains, appended after kube-proxy's jumps). Masquerade: traffic between pods stays
 * unNATed, pod traffic leaving the pod network is masqueraded to the node, and so is host traffic
 * into the pod network; packets kube-proxy marked are left to KUBE-POSTROUTING. Forwarding: the
 * pod network is accepted in FORWARD. Masquerading is skipped when `cni.masquerade` is false;
 * the FORWARD accepts stay (they do not rewrite anything).
 */
import { parseCidr, splitDualStack } from '../../addr/cidr';
import { networkText } from '../../derive/settings';
import type { ProxyContext } from '../../kubeproxy/context';
import { familyOf } from '../../kubeproxy/services';
import { comment } from '../../kubeproxy/writer';

/** flannel's KubeProxyMark: it RETURNs packets kube-proxy marked (avoids double NAT). */
const KUBE_PROXY_MARK = '0x4000/0x4000';

/** Appends the CNI's (flannel-style) FORWARD accepts and pod-network masquerade rules. */
export function writeFlannelRules(k: ProxyContext): void {
  const network = splitDualStack(k.cluster.settings.podSubnet)
    .map((t) => parseCidr(t))
    .find((r) => r.ok && r.value.family === k.family);
  const podCIDR = k.node?.podRanges.find((c) => familyOf(c.split('/')[0] ?? '') === k.family);
  if (!network?.ok) return;
  const cluster = networkText(network.value);
  const fwd = comment('flanneld forward');
  k.filter.rule('FORWARD', fwd, '-j', 'FLANNEL-FWD');
  k.filter.rule('FLANNEL-FWD', '-s', cluster, fwd, '-j', 'ACCEPT');
  k.filter.rule('FLANNEL-FWD', '-d', cluster, fwd, '-j', 'ACCEPT');
  if (k.cluster.settings.cni.masquerade === false || podCIDR === undefined) return;
  const masq = comment('flanneld masq');
  const multicast = k.family === 4 ? '224.0.0.0/4' : 'ff00::/8';
  const nat = k.nat;
  nat.rule('POSTROUTING', masq, '-j', 'FLANNEL-POSTRTG');
  nat.rule('FLANNEL-POSTRTG', '-m', 'mark', '--mark', KUBE_PROXY_MARK, masq, '-j', 'RETURN');
  // Within the pod network: no NAT.
  nat.rule('FLANNEL-POSTRTG', '-s', podCIDR, '-d', cluster, masq, '-j', 'RETURN');
  nat.rule('FLANNEL-POSTRTG', '-s', cluster, '-d', podCIDR, masq, '-j', 'RETURN');
  // External traffic arriving for a pod here keeps its source.
  nat.rule('FLANNEL-POSTRTG', '!', '-s', cluster, '-d', podCIDR, masq, '-j', 'RETURN');
  // Pods → outside the pod network (not multicast): masquerade to the node.
  nat.rule(
    'FLANNEL-POSTRTG',
    '-s',
    cluster,
    '!',
    '-d',
    multicast,
    masq,
    '-j',
    'MASQUERADE',
    '--random-fully',
  );
  // The host → pods on other nodes: masquerade to the outgoing interface's address.
  nat.rule(
    'FLANNEL-POSTRTG',
    '!',
    '-s',
    cluster,
    '-d',
    cluster,
    masq,
    '-j',
    'MASQUERADE',
    '--random-fully',
  );
}
