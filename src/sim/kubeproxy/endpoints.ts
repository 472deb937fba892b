/**
 * Endpoints as kube-proxy sees them (pkg/proxy/endpointslicecache.go, topology.go): from every
 * EndpointSlice of the Service, per port (matched by port name and protocol), only the first
 * address of each endpoint and only of this IP family; duplicates of one "ip:port" merged
 * (a local copy wins); sorted by the "ip:port" string; then split into the cluster-wide and the
 * node-local sets the traffic policies use.
 */
import { canonicalIp, formatHostPort, type Family } from '../addr/ip';
import type { Cluster } from '../derive/types';

import { endpointChain } from './chainNames';
import {
  familyOf,
  servicePorts,
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
}

const key = (svc: string, port: string, protocol: string): string =>
  `${svc}\u0000${port}\u0000${protocol}`;

/** Endpoints of every service port of `family`, keyed by service, port name and protocol. */
export function endpointsByPort(
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
        if (set.has(text) && !local) continue;
        set.set(text, {
          ip,
          port: p.port,
          text,
          local,
          ready: ep.conditions?.ready ?? true,
          serving: ep.conditions?.serving ?? true,
          terminating: ep.conditions?.terminating ?? false,
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
  /** Endpoints for traffic policy Cluster (ready; else serving+terminating). */
  readonly cluster: readonly EndpointInfo[];
  /** Endpoints on this node for traffic policy Local (same fallback, locally). */
  readonly local: readonly EndpointInfo[];
  /** Every endpoint this node may DNAT to (a KUBE-SEP chain each), sorted. */
  readonly reachable: readonly EndpointInfo[];
  /** Whether the service has usable endpoints on any node. */
  readonly hasEndpoints: boolean;
}

const isServingTerminating = (e: EndpointInfo): boolean => e.serving && e.terminating;

/** proxy.CategorizeEndpoints, without topology hints (the explorer models no zones). */
export function categorize(all: readonly EndpointInfo[], s: ServicePortInfo): Categorized {
  let cluster: EndpointInfo[] = [];
  let hasEndpoints = false;
  if (usesClusterEndpoints(s)) {
    cluster = all.filter((e) => e.ready);
    // No ready endpoint anywhere: fall back to serving-but-terminating ones.
    if (cluster.length === 0) cluster = all.filter(isServingTerminating);
    hasEndpoints = cluster.length > 0;
  }
  if (!usesLocalEndpoints(s)) return { cluster, local: [], reachable: cluster, hasEndpoints };
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
  return { cluster, local, reachable, hasEndpoints };
}

/** The KUBE-SEP chain of an endpoint of a service port. */
export function sepChain(s: ServicePortInfo, e: EndpointInfo): string {
  return endpointChain(s.name, s.proto, e.text);
}

/** A service port with its endpoints as one node's kube-proxy sees and chooses them. */
export interface ProxiedPort {
  readonly s: ServicePortInfo;
  /** Every endpoint of the port, sorted. */
  readonly all: readonly EndpointInfo[];
  readonly cat: Categorized;
}

/**
 * Every service port of `family` with the endpoints `nodeName`'s kube-proxy uses for it: the one
 * place endpoint choice happens, shared by the iptables and the nftables rule writers.
 */
export function proxiedServicePorts(
  cluster: Cluster,
  family: Family,
  nodeName: string,
): ProxiedPort[] {
  const eps = endpointsByPort(cluster, family, nodeName);
  return servicePorts(cluster, family).map((s) => {
    const all = endpointsOf(eps, s);
    return { s, all, cat: categorize(all, s) };
  });
}
