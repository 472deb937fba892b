/**
 * Why kube-proxy on a node may send a Service's traffic only to some endpoints, in words for the
 * walk's DNAT hop and the Service inspector: topology hints (this node's zone or name), the
 * traffic policies' node-local sets, and the terminating fallback. Proxy-mode independent: it
 * reads the same sets the rule writers program (endpointSets.ts).
 */
import type { Family } from '../addr/ip';
import type { Cluster } from '../derive/types';

import { proxiedServicePorts, type ProxiedPort } from './endpointSets';
import type { EndpointInfo } from './endpoints';

const list = (l: readonly EndpointInfo[]): string => l.map((e) => e.text).join(', ') || 'none';

/** The service port a packet to `dstIP:dstPort` hits (ClusterIP / external address, or node port). */
export function portFor(
  cluster: Cluster,
  nodeName: string,
  family: Family,
  svcKey: string,
  dstIP: string,
  dstPort: number | undefined,
  protocol: string,
): ProxiedPort | undefined {
  const sets = proxiedServicePorts(cluster, family, nodeName).filter(
    (p) => p.s.service.key === svcKey && p.s.protocol === protocol,
  );
  const svc = cluster.serviceByKey.get(svcKey);
  const onService =
    svc !== undefined &&
    [...svc.clusterIPs, ...svc.externalIPs, ...svc.loadBalancerIPs].includes(dstIP);
  return onService
    ? sets.find((p) => p.s.port === dstPort)
    : sets.find((p) => p.s.nodePort !== 0 && p.s.nodePort === dstPort);
}

/** What the EndpointSlice controller did about hints, as a clause. */
function hintsSource(cluster: Cluster, svcKey: string): string {
  const d = cluster.hints.get(svcKey);
  const svc = cluster.serviceByKey.get(svcKey);
  if (!d || d.heuristic === 'none') return 'the EndpointSlices carry hints';
  if (!d.enabled) return `the EndpointSlice controller wrote no hints (${d.reason})`;
  return d.heuristic === 'Auto'
    ? 'the EndpointSlice controller wrote hints in proportion to each zone’s CPU (topology-mode: Auto)'
    : `the EndpointSlice controller wrote hints for trafficDistribution: ${svc?.trafficDistribution ?? d.heuristic}`;
}

/**
 * The sentence for a DNAT hop on `nodeName` to Service `svcKey`, given the candidates the rules
 * offered; '' when nothing about topology or locality shaped the choice.
 */
export function topologyNote(
  cluster: Cluster,
  nodeName: string,
  family: Family,
  svcKey: string,
  dst: { readonly ip: string; readonly port: number | undefined; readonly protocol: string },
  candidates: readonly string[],
): string {
  const p = portFor(cluster, nodeName, family, svcKey, dst.ip, dst.port, dst.protocol);
  if (!p) return '';
  const { cat, all, s } = p;
  const same = (l: readonly EndpointInfo[]): boolean =>
    l.length === candidates.length && l.every((e) => candidates.includes(e.text));
  if (candidates.length > 0 && same(cat.local) && !same(cat.cluster)) {
    const internal = s.service.clusterIPs.includes(dst.ip);
    const policy = internal ? 'internalTrafficPolicy' : 'externalTrafficPolicy';
    return ` ${policy}: Local — kube-proxy on ${nodeName} uses only the endpoints on this node (${list(cat.local)}); topology hints never apply to node-local traffic.`;
  }
  const ready = all.filter((e) => e.ready);
  const t = cat.topology;
  if (ready.length === 0 && cat.cluster.length > 0)
    return ` No endpoint is ready anywhere, so kube-proxy falls back to the serving, terminating ones (${list(cat.cluster)}).`;
  const hinted = all.some((e) => e.zoneHints.length > 0 || e.nodeHints.length > 0);
  const asked = (cluster.hints.get(svcKey)?.heuristic ?? 'none') !== 'none';
  if (!t || (!hinted && !asked)) return '';
  const where =
    t.zone !== undefined
      ? `${nodeName} is in ${t.zone}`
      : `${nodeName} has no zone (no topology.kubernetes.io/zone label)`;
  const source = hintsSource(cluster, svcKey);
  const of = `(${cat.cluster.length} of ${ready.length} ready)`;
  if (t.mode === 'PreferSameZone')
    return ` Topology: ${where}; endpoints hinted for ${t.zone ?? ''}: ${list(cat.cluster)} ${of}. kube-proxy here load-balances over those only; ${source}.`;
  if (t.mode === 'PreferSameNode')
    return ` Topology: ${where}; endpoints hinted for node ${nodeName}: ${list(cat.cluster)} ${of}. kube-proxy here uses those only; ${source}.`;
  return ` Topology: ${where}; ${source}, but they are not used here: ${t.why}. kube-proxy uses all ${ready.length} ready endpoints.`;
}

/** One group of nodes that send a Service port's ClusterIP traffic to the same endpoints. */
export interface ZoneEndpoints {
  /** The zone label, or undefined for nodes without one. */
  readonly zone: string | undefined;
  readonly nodes: readonly string[];
  readonly endpoints: readonly string[];
  /** "PreferSameZone", "PreferSameNode", "Local", or "" (every ready endpoint). */
  readonly mode: string;
}

/**
 * Per zone (and per node where nodes of a zone differ), the endpoints kube-proxy uses for
 * traffic to the Service's ClusterIP on its first port of `family` — what the inspector shows.
 */
export function endpointsByZone(
  cluster: Cluster,
  svcKey: string,
  family: Family = 4,
): ZoneEndpoints[] {
  const groups: ZoneEndpoints[] = [];
  for (const n of cluster.nodes) {
    const p = proxiedServicePorts(cluster, family, n.name).find((x) => x.s.service.key === svcKey);
    if (!p) continue;
    const local = p.s.internalPolicyLocal;
    const set = local ? p.cat.local : p.cat.cluster;
    const endpoints = set.map((e) => e.text);
    const mode = local ? 'Local' : (p.cat.topology?.mode ?? '');
    const g = groups.find(
      (x) => x.zone === n.zone && x.mode === mode && x.endpoints.join() === endpoints.join(),
    );
    if (g) (g.nodes as string[]).push(n.name);
    else groups.push({ zone: n.zone, nodes: [n.name], endpoints, mode });
  }
  return groups;
}
