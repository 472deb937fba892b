/**
 * `k8snet iptables` and `k8snet nft`: a node's rules as kube-proxy's iptables or nftables mode
 * writes them, printed as `iptables-save` / `nft list ruleset` would print them on the node. Each
 * prints its own mode's rules whatever the scenario's mode is, and says so on stderr when the
 * cluster runs the other one.
 */
import { deriveCluster, serviceProxy, type Cluster } from '@/sim';

import { flag, has, UsageError, type Args } from './args';
import { loadInput, type Out } from './input';

function nodeOf(args: Args, cluster: Cluster): string {
  const n = flag(args, 'node');
  if (!n) throw new UsageError('this command needs --node NAME');
  if (!cluster.nodeByName.has(n))
    throw new UsageError(
      `--node ${n}: no such node (nodes: ${cluster.nodes.map((x) => x.name).join(', ')})`,
    );
  return n;
}

function rulesOf(mode: 'iptables' | 'nftables', args: Args, out: Out, err: Out): number {
  const { scenario } = loadInput(args.positional[0], err);
  const cluster = deriveCluster(scenario);
  const node = nodeOf(args, cluster);
  const running = cluster.settings.kubeProxy.mode;
  const profile = cluster.datapath.profile;
  if (!profile.kubeProxy)
    err(
      `note: no kube-proxy runs on this cluster (${profile.name}): eBPF translates Services, so only the CNI's rules are printed`,
    );
  else if (running !== mode)
    err(
      `note: the cluster runs kube-proxy in ${running} mode; these are the rules ${mode} mode would write`,
    );
  const proxy = serviceProxy(mode);
  if (!proxy) throw new Error(`kube-proxy's ${mode} mode is not loaded`);
  // Without --family: the cluster's primary family (an IPv6-only cluster has no IPv4 rules).
  const given = flag(args, 'family');
  const primary = cluster.parsed.podSubnets[0]?.includes(':') ? 6 : 4;
  const fam = given === '6' || has(args, '6') ? 6 : given === '4' ? 4 : primary;
  out(proxy.view(cluster, node, fam).text);
  return 0;
}

export const iptablesCommand = (args: Args, out: Out, err: Out = () => {}): number =>
  rulesOf('iptables', args, out, err);

export const nftCommand = (args: Args, out: Out, err: Out = () => {}): number =>
  rulesOf('nftables', args, out, err);
