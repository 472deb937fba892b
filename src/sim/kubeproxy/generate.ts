/**
 * Everything in a node's nat and filter tables for one IP family, as iptables-save would print it
 * there: kubelet's and kube-proxy's base chains, the CNI's rules, then every service port
 * (sorted by name, so the text is stable), then the NodePort tail rule and KUBE-FORWARD.
 */
import type { Family } from '../addr/ip';
import type { Cluster } from '../derive/types';

import { proxyContext } from './context';
import { proxiedServicePorts } from './endpointSets';
import { writeServicePort } from './serviceRules';
import { writeBaseChains, writeJumps, writeTailRules } from './staticRules';
import { cniWalk } from '../trace/cniWalk';

/** kube-proxy drops rule comments above this many endpoints (largeClusterEndpointsThreshold). */
const LARGE_CLUSTER_ENDPOINTS = 1000;

/** The iptables-save text (nat, then filter) of `nodeName` for `family`. */
export function generateNodeRules(cluster: Cluster, nodeName: string, family: Family): string {
  const k = proxyContext(cluster, nodeName, family);
  // A datapath that replaces kube-proxy (Cilium's kube-proxy replacement): only the CNI's rules.
  if (!cluster.datapath.profile.kubeProxy) {
    cniWalk(cluster).writeRules(k);
    return [
      `# iptables-save of node ${nodeName} (${family === 4 ? 'IPv4' : 'IPv6'}): no kube-proxy (${cluster.datapath.profile.name}); CNI rules only`,
      ...k.nat.print(),
      ...k.filter.print(),
      '',
    ].join('\n');
  }
  writeJumps(k);
  cniWalk(cluster).writeRules(k);
  writeBaseChains(k);
  const ports = proxiedServicePorts(cluster, family, nodeName);
  k.largeCluster = ports.reduce((n, x) => n + x.all.length, 0) > LARGE_CLUSTER_ENDPOINTS;
  for (const { s, cat } of ports) writeServicePort(k, s, cat);
  writeTailRules(k);
  const fam = family === 4 ? 'IPv4' : 'IPv6';
  return [
    `# iptables-save of node ${nodeName} (${fam}): kubelet, kube-proxy (iptables mode) and CNI rules`,
    ...k.nat.print(),
    ...k.filter.print(),
    '',
  ].join('\n');
}
