/**
 * Endpoints as kube-proxy sees them (pkg/proxy/endpointslicecache.go, topology.go): from every
 * EndpointSlice of the Service, per port (matched by port name and protocol), only the first
 * address of each endpoint and only of this IP family, with its conditions, locality and hints;
 * duplicates of one "ip:port" merged (a copy that is not terminating wins, then a local one);
 * sorted by the "ip:port" string; then split into the cluster-wide set (filtered by topology
 * hints, topology.ts) and the node-local set the traffic policies use. This is the one place
 * endpoints are chosen: every proxy mode's rule writer takes its sets from `categorize`.
 */
import { canonicalIp, formatHostPort, type Family } from '../addr/ip';
import type { Cluster } from '../derive/types';

import { endpointChain } from './chainNames';
import { filterByTopology, topologyMode, type ProxyNode, type TopologyChoice } from './topology';
import {
  familyOf,
  usesClusterEndpoints,
  usesLocalEndpoints,
  type ServicePortInfo,
} from './services';

/** One endpoint of a service port, as kube-proxy's BaseEndpointInfo holds it. */
export interface EndpointInfo {
  readonly ip: string;
  readonly port: number;
  /** "ip:port" / "[v6]:port" (net.JoinHostPort). */
  readonly text: string;
  readonly local: boolean;
  /** EndpointSlice conditions: absent ready/serving mean true, absent terminating false. */
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  /** `hints.forZones[].name` (kube-proxy's ZoneHints). */
  readonly zoneHints: readonly string[];
  /** `hints.forNodes[].name` (read while PreferSameTrafficDistribution is on: always, from 1.35). */
  readonly nodeHints: readonly string[];
}

const key = (svc: string, port: string, protocol: string): string =>
  `${svc}\u0000${port}\u0000${protocol}`;

/** Endpoints of every service port of `family`, keyed by service, port name and protocol. */
export function endpointsByPort(
  cluster: Cluster,
  family: Family,
  nodeName: string,
): Map<string, EndpointInfo[]> {
  const cached = byPortMemo.get(cluster)?.get(`${family}\u0000${nodeName}`);
  if (cached) return cached;
  const out = collectByPort(cluster, family, nodeName);
  const m = byPortMemo.get(cluster) ?? new Map<string, Map<string, EndpointInfo[]>>();
  m.set(`${family}\u0000${nodeName}`, out);
  byPortMemo.set(cluster, m);
  return out;
}

const byPortMemo = new WeakMap<Cluster, Map<string, Map<string, EndpointInfo[]>>>();

function collectByPort(
  cluster: Cluster,
  family: Family,
  nodeName: string,
): Map<string, EndpointInfo[]> {
  const sets = new Map<string, Map<string, EndpointInfo>>();
  for (const ds of cluster.endpointSlices) {
    const slice = ds.slice;
    if (slice.addressType !== (family === 4 ? 'IPv4' : 'IPv6')) continue;
    for (const p of slice.ports ?? []) {
      // kube-proxy ignores ports without a number; an absent name is the unnamed port "".
      if (p.port === undefined) continue;
      const k = key(ds.serviceKey, p.name ?? '', p.protocol ?? 'TCP');
      const set = sets.get(k) ?? new Map<string, EndpointInfo>();
      sets.set(k, set);
      for (const ep of slice.endpoints) {
        const first = ep.addresses[0];
        if (first === undefined || familyOf(first) !== family) continue;
        const ip = canonicalIp(first);
        const text = formatHostPort(ip, p.port);
        const local = ep.nodeName !== undefined && ep.nodeName === nodeName;
        const terminating = ep.conditions?.terminating ?? false;
        const seen = set.get(text);
        // A duplicate: keep the copy that is not terminating, then the local one.
        const better =
          seen === undefined ||
          (seen.terminating && !terminating) ||
          (seen.terminating === terminating && local);
        if (!better) continue;
        set.set(text, {
          ip,
          port: p.port,
          text,
          local,
          ready: ep.conditions?.ready ?? true,
          serving: ep.conditions?.serving ?? true,
          terminating,
          zoneHints: (ep.hints?.forZones ?? []).map((z) => z.name),
          nodeHints: (ep.hints?.forNodes ?? []).map((n) => n.name),
        });
      }
    }
  }
  const out = new Map<string, EndpointInfo[]>();
  for (const [k, set] of sets)
    out.set(
      k,
      [...set.values()].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)),
    );
  return out;
}

/** The sorted endpoints of one service port (matched by service, port name and protocol). */
export function endpointsOf(
  map: ReadonlyMap<string, EndpointInfo[]>,
  s: ServicePortInfo,
): EndpointInfo[] {
  return map.get(key(s.service.key, s.portName, s.protocol)) ?? [];
}

/** The endpoint sets CategorizeEndpoints returns. */
export interface Categorized {
  /** Endpoints for traffic policy Cluster: ready ones the topology mode allows; else serving+terminating. */
  readonly cluster: readonly EndpointInfo[];
  /** Endpoints on this node for traffic policy Local (same fallback, locally; no topology). */
  readonly local: readonly EndpointInfo[];
  /** Every endpoint this node may DNAT to (a KUBE-SEP chain each), sorted. */
  readonly reachable: readonly EndpointInfo[];
  /** Whether the service has usable endpoints on any node. */
  readonly hasEndpoints: boolean;
  /** The topology mode used for the cluster set (absent when the port needs no cluster set). */
  readonly topology?: TopologyChoice;
}

const isServingTerminating = (e: EndpointInfo): boolean => e.serving && e.terminating;

/**
 * proxy.CategorizeEndpoints for kube-proxy on `me` (its name and zone label; with only a name,
 * hints for zones never match). The one function every proxy mode takes its endpoint sets from.
 */
export function categorize(
  all: readonly EndpointInfo[],
  s: ServicePortInfo,
  me: ProxyNode,
): Categorized {
  let cluster: EndpointInfo[] = [];
  let hasEndpoints = false;
  let topology: TopologyChoice | undefined;
  if (usesClusterEndpoints(s)) {
    const ready = all.filter((e) => e.ready);
    topology = topologyMode(ready, me);
    cluster = filterByTopology(ready, topology);
    // No ready endpoint anywhere: fall back to serving-but-terminating ones, ignoring topology.
    if (cluster.length === 0) cluster = all.filter(isServingTerminating);
    hasEndpoints = cluster.length > 0;
  }
  const withTopology = topology ? { topology } : {};
  if (!usesLocalEndpoints(s))
    return { cluster, local: [], reachable: cluster, hasEndpoints, ...withTopology };
  let localReady = false;
  let localServingTerminating = false;
  for (const e of all) {
    if (e.ready) {
      hasEndpoints = true;
      if (e.local) localReady = true;
    } else if (isServingTerminating(e)) {
      hasEndpoints = true;
      if (e.local) localServingTerminating = true;
    }
  }
  const local = localReady
    ? all.filter((e) => e.local && e.ready)
    : localServingTerminating
      ? all.filter((e) => e.local && isServingTerminating(e))
      : [];
  if (!usesClusterEndpoints(s)) return { cluster, local, reachable: local, hasEndpoints };
  const union = new Map<string, EndpointInfo>();
  for (const e of [...cluster, ...local]) union.set(e.text, e);
  const reachable = [...union.values()].sort((a, b) =>
    a.text < b.text ? -1 : a.text > b.text ? 1 : 0,
  );
  return { cluster, local, reachable, hasEndpoints, ...withTopology };
}

/** The KUBE-SEP chain of an endpoint of a service port. */
export function sepChain(s: ServicePortInfo, e: EndpointInfo): string {
  return endpointChain(s.name, s.proto, e.text);
}
