/**
 * The service ports kube-proxy programs for one IP family (pkg/proxy/serviceport.go,
 * newBaseServiceInfo): only Services with a ClusterIP of that family; external IPs,
 * load-balancer IPs and source ranges filtered to the family; traffic policies as kube-proxy
 * reads them (eTP Local only counts for NodePort and LoadBalancer Services; the health-check
 * node port only for LoadBalancer Services with eTP Local).
 */
import { parseCidr } from '../addr/cidr';
import { parseIp, type Family } from '../addr/ip';
import type { Cluster, DerivedService } from '../derive/types';
import { networkText } from '../derive/settings';
import type { Protocol } from '../model/k8s';

import { serviceChains, servicePortName, type ServiceChains } from './chainNames';

/** One service port as kube-proxy's servicePortInfo holds it (one IP family). */
export interface ServicePortInfo {
  readonly service: DerivedService;
  /** kube-proxy's ServicePortName string ("ns/name:port"). */
  readonly name: string;
  readonly portName: string;
  readonly protocol: Protocol;
  /** Lowercase protocol as used in `-m tcp -p tcp` and in chain-name hashes. */
  readonly proto: string;
  readonly clusterIP: string;
  readonly port: number;
  /** 0 when the port has none. */
  readonly nodePort: number;
  readonly externalIPs: readonly string[];
  readonly loadBalancerIPs: readonly string[];
  /** Network-form CIDRs of this family. */
  readonly sourceRanges: readonly string[];
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
  /** 0 when none. */
  readonly healthCheckNodePort: number;
  readonly clientIPAffinity: boolean;
  readonly affinitySeconds: number;
  readonly chains: ServiceChains;
}

/** The IP family of an address, or undefined when it is not one. */
export const familyOf = (ip: string): Family | undefined => {
  const r = parseIp(ip);
  return r.ok ? r.value.family : undefined;
};

const memo = new WeakMap<Cluster, Map<Family, readonly ServicePortInfo[]>>();

/** Every service port of `family`, sorted by service-port name then protocol (memoised). */
export function servicePorts(cluster: Cluster, family: Family): readonly ServicePortInfo[] {
  let perCluster = memo.get(cluster);
  if (!perCluster) {
    perCluster = new Map();
    memo.set(cluster, perCluster);
  }
  const hit = perCluster.get(family);
  if (hit) return hit;
  const list = collect(cluster, family);
  perCluster.set(family, list);
  return list;
}

function collect(cluster: Cluster, family: Family): ServicePortInfo[] {
  const out: ServicePortInfo[] = [];
  for (const s of cluster.services) {
    if (s.headless || s.type === 'ExternalName') continue;
    const clusterIP = s.clusterIPs.find((ip) => familyOf(ip) === family);
    if (clusterIP === undefined) continue;
    const ofFamily = (ips: readonly string[]): string[] =>
      ips.filter((ip) => familyOf(ip) === family);
    const ranges: string[] = [];
    for (const r of s.loadBalancerSourceRanges) {
      const c = parseCidr(r.trim());
      if (c.ok && c.value.family === family) ranges.push(networkText(c.value));
    }
    const externalPolicyLocal =
      (s.type === 'NodePort' || s.type === 'LoadBalancer') && s.externalTrafficPolicy === 'Local';
    const hc = s.type === 'LoadBalancer' && externalPolicyLocal ? (s.healthCheckNodePort ?? 0) : 0;
    for (const p of s.ports) {
      const name = servicePortName(s.namespace, s.name, p.name);
      const proto = p.protocol.toLowerCase();
      out.push({
        service: s,
        name,
        portName: p.name,
        protocol: p.protocol,
        proto,
        clusterIP,
        port: p.port,
        nodePort: p.nodePort ?? 0,
        externalIPs: ofFamily(s.externalIPs),
        loadBalancerIPs: ofFamily(s.loadBalancerIPs),
        sourceRanges: ranges,
        externalPolicyLocal,
        internalPolicyLocal: s.internalTrafficPolicy === 'Local',
        healthCheckNodePort: hc,
        clientIPAffinity: s.sessionAffinity === 'ClientIP',
        affinitySeconds: s.sessionAffinityTimeout,
        chains: serviceChains(name, proto),
      });
    }
  }
  return out.sort((a, b) => cmp(a.name, b.name) || cmp(a.proto, b.proto));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** NodePort, externalIPs or load-balancer IPs (BaseServicePortInfo.ExternallyAccessible). */
export function externallyAccessible(s: ServicePortInfo): boolean {
  return s.nodePort !== 0 || s.loadBalancerIPs.length > 0 || s.externalIPs.length > 0;
}

/** Cluster-wide endpoints are needed for iTP Cluster, or for any external traffic (short-circuit). */
export function usesClusterEndpoints(s: ServicePortInfo): boolean {
  return !s.internalPolicyLocal || externallyAccessible(s);
}

/** Node-local endpoints are needed for iTP Local, or eTP Local with external access. */
export function usesLocalEndpoints(s: ServicePortInfo): boolean {
  return s.internalPolicyLocal || (s.externalPolicyLocal && externallyAccessible(s));
}
