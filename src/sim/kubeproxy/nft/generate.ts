/**
 * A node's nftables ruleset in kube-proxy's nftables mode: kube-proxy's `ip kube-proxy` (and, on a
 * dual-stack cluster, `ip6 kube-proxy`) table as its proxier writes it — the fixed part, then every
 * service port sorted by name — followed by the CNI's tables. Written as the `nft -f` transaction
 * kube-proxy sends, loaded, and printed back as `nft list ruleset` shows it; the walk matches
 * that printed text (its line numbers are the ones a matched rule points at).
 */
import type { Family } from '../../addr/ip';
import type { CniKind } from '../../cni/types';
import type { Cluster } from '../../derive/types';
import { formatRuleset } from '../../nftables/format';
import { parseNftRuleset } from '../../nftables/parse';
import type { Ruleset } from '../../nftables/types';
import { proxiedServicePorts } from '../endpointSets';

import { nftContext } from './context';
import { flannelTransaction } from './flannel';
import { writeServicePort } from './servicePort';
import { writeSetup } from './setup';

/** kube-proxy's `nft -f` transaction for `nodeName` and `family` (its first full sync). */
export function kubeProxyTransaction(cluster: Cluster, nodeName: string, family: Family): string {
  const k = nftContext(cluster, nodeName, family);
  writeSetup(k);
  for (const { s, cat } of proxiedServicePorts(cluster, family, nodeName))
    writeServicePort(k, s, cat);
  return k.tx.text();
}

/**
 * The CNI's own nftables tables, by datapath: flannel's nftables mode. Calico's iptables dataplane
 * writes iptables rules (`k8snet iptables`), Cilium's eBPF datapath none.
 */
const CNI_TABLES: Partial<Record<CniKind, typeof flannelTransaction>> = {
  bridge: flannelTransaction,
};

/** The IP families kube-proxy runs a proxier for: those of the Service range. */
export function proxyFamilies(cluster: Cluster): Family[] {
  const fams = cluster.parsed.serviceSubnets.map((s): Family => (s.includes(':') ? 6 : 4));
  return [...new Set(fams.length ? fams : [4 as Family])];
}

/** A node's ruleset: the text `nft list ruleset` prints and the ruleset parsed from that text. */
export interface NodeNftRuleset {
  readonly text: string;
  readonly ruleset: Ruleset;
}

const memo = new WeakMap<Cluster, Map<string, NodeNftRuleset>>();

/** The node's nftables ruleset (memoised per Cluster object). */
export function nodeNftRuleset(cluster: Cluster, nodeName: string): NodeNftRuleset {
  let per = memo.get(cluster);
  if (!per) {
    per = new Map();
    memo.set(cluster, per);
  }
  const hit = per.get(nodeName);
  if (hit) return hit;
  const fams = proxyFamilies(cluster);
  const cniTables = CNI_TABLES[cluster.datapath.kind];
  // A datapath that replaces kube-proxy (Cilium's kube-proxy replacement) runs no kube-proxy: its
  // tables are never written, whatever KubeProxyConfiguration's mode says.
  const script = [
    ...(cluster.datapath.profile.kubeProxy
      ? fams.map((f) => kubeProxyTransaction(cluster, nodeName, f))
      : []),
    ...(cniTables ? fams.map((f) => cniTables(cluster, nodeName, f)) : []),
  ].join('');
  const loaded = parseNftRuleset(script);
  if (!loaded.ok)
    throw new Error(
      `generated nft ruleset refused at line ${loaded.error.line}: ${loaded.error.message}`,
    );
  const text = formatRuleset(loaded.value);
  const listed = parseNftRuleset(text);
  if (!listed.ok)
    throw new Error(
      `nft list ruleset text refused at line ${listed.error.line}: ${listed.error.message}`,
    );
  const out = { text, ruleset: listed.value };
  per.set(nodeName, out);
  return out;
}
