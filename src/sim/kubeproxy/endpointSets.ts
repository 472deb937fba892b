/**
 * The endpoint sets of every service port on one node, for one family: what each proxy mode's
 * rule writer (iptables, nftables) programs. Topology hints, traffic policies and the
 * terminating fallback are all decided here, by `categorize`, so the modes cannot disagree.
 */
import type { Family } from '../addr/ip';
import type { Cluster } from '../derive/types';

import {
  categorize,
  endpointsByPort,
  endpointsOf,
  type Categorized,
  type EndpointInfo,
} from './endpoints';
import { servicePorts, type ServicePortInfo } from './services';
import type { ProxyNode } from './topology';

/** A service port with its endpoints as one node's kube-proxy sees and chooses them. */
export interface ProxiedPort {
  readonly s: ServicePortInfo;
  /** Every endpoint of the port kube-proxy knows (before categorizing). */
  readonly all: readonly EndpointInfo[];
  readonly cat: Categorized;
}

/** kube-proxy's own identity on `nodeName`: its name and its node's zone label. */
export function proxyNode(cluster: Cluster, nodeName: string): ProxyNode {
  return { name: nodeName, zone: cluster.nodeByName.get(nodeName)?.zone };
}

const memo = new WeakMap<Cluster, Map<string, readonly ProxiedPort[]>>();

/**
 * Every service port of `family` with the endpoints `nodeName`'s kube-proxy uses for it: the one
 * place endpoint choice happens, shared by the iptables and the nftables rule writers (memoised).
 */
export function proxiedServicePorts(
  cluster: Cluster,
  family: Family,
  nodeName: string,
): readonly ProxiedPort[] {
  const key = `${family}\u0000${nodeName}`;
  const hit = memo.get(cluster)?.get(key);
  if (hit) return hit;
  const eps = endpointsByPort(cluster, family, nodeName);
  const me = proxyNode(cluster, nodeName);
  const out = servicePorts(cluster, family).map((s) => {
    const all = endpointsOf(eps, s);
    return { s, all, cat: categorize(all, s, me) };
  });
  const m = memo.get(cluster) ?? new Map<string, readonly ProxiedPort[]>();
  m.set(key, out);
  memo.set(cluster, m);
  return out;
}
