/**
 * Services as the API server and the load-balancer controller complete them: ClusterIPs from the
 * service range (random in the upper band, as the allocator does since Kubernetes 1.27 — here a
 * stable hash of the Service's name), NodePorts from 30000–32767, a healthCheckNodePort for
 * LoadBalancer Services with externalTrafficPolicy Local, and a load-balancer IP from the top of
 * the node network (a MetalLB-style L2 pool) when `status.loadBalancer.ingress` is empty.
 */
import { cidrSize, lastIp, nthIp, type Cidr } from '../addr/cidr';
import { formatIp, parseIp, type Family } from '../addr/ip';
import type { Service, ServiceSpec } from '../model/k8s';
import { ids } from '../model/ids';
import { keyOf, namespaceOf } from '../model/labels';
import { hash32 } from '../util/hash';

import { validCidrs } from './settings';
import type { DerivedService, DerivedServicePort, ParsedSettings } from './types';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export function deriveServices(
  services: readonly Service[],
  parsed: ParsedSettings,
): DerivedService[] {
  const svcNets = validCidrs(parsed.serviceSubnets);
  const nodeNets = validCidrs(parsed.nodeNetworks);
  const takenIps = new Set<string>();
  const takenPorts = new Set<number>();
  for (const s of services) {
    for (const ip of givenClusterIPs(s)) takenIps.add(ip);
    for (const p of s.spec.ports ?? []) if (p.nodePort) takenPorts.add(p.nodePort);
    if (s.spec.healthCheckNodePort) takenPorts.add(s.spec.healthCheckNodePort);
    for (const i of s.status?.loadBalancer?.ingress ?? []) if (i.ip) takenIps.add(canon(i.ip));
  }

  const allocIp = (net: Cidr, key: string): string | undefined => {
    const size = cidrSize(net);
    const reserved = net.family === 4 ? 2n : 1n; // network (+ broadcast for IPv4)
    const lowBand = minBig(maxBig(16n, size / 16n), 256n);
    const span = size - lowBand - reserved;
    if (span <= 0n) return undefined;
    const start = BigInt(hash32(key)) % span;
    for (let i = 0n; i < span && i < 65536n; i++) {
      const a = nthIp(net, lowBand + ((start + i) % span));
      if (!a) continue;
      const t = formatIp(a);
      if (!takenIps.has(t)) {
        takenIps.add(t);
        return t;
      }
    }
    return undefined;
  };
  const allocPort = (key: string): number | undefined => {
    const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    const start = hash32(key) % span;
    for (let i = 0; i < span; i++) {
      const p = NODE_PORT_MIN + ((start + i) % span);
      if (!takenPorts.has(p)) {
        takenPorts.add(p);
        return p;
      }
    }
    return undefined;
  };
  let lbCursor = 0n;
  const allocLb = (): string | undefined => {
    const net = nodeNets.find((n) => n.family === 4) ?? nodeNets[0];
    if (!net) return undefined;
    const top = lastIp(net).n - (net.family === 4 ? 1n : 0n);
    for (; lbCursor < 64n; lbCursor++) {
      const t = formatIp({ family: net.family, n: top - lbCursor });
      if (!takenIps.has(t)) {
        takenIps.add(t);
        lbCursor++;
        return t;
      }
    }
    return undefined;
  };

  return services.map((s) => {
    const key = keyOf(s.metadata);
    const type = s.spec.type ?? 'ClusterIP';
    const headless = s.spec.clusterIP === 'None';
    let clusterIPs = givenClusterIPs(s);
    let clusterIPAllocated = false;
    if (!headless && type !== 'ExternalName' && clusterIPs.length === 0) {
      clusterIPAllocated = true;
      const nets = serviceFamilies(
        s.spec,
        svcNets.map((n) => n.family),
      )
        .map((f) => svcNets.find((n) => n.family === f))
        .filter((n): n is Cidr => n !== undefined);
      clusterIPs = nets.map((n) => allocIp(n, key)).filter((x): x is string => x !== undefined);
    }
    const wantsNodePort = type === 'NodePort' || type === 'LoadBalancer';
    const ports: DerivedServicePort[] = (s.spec.ports ?? []).map((p, i) => {
      const np =
        p.nodePort ??
        (wantsNodePort ? allocPort(`${key}:${p.name ?? i}:${p.protocol ?? 'TCP'}`) : undefined);
      return {
        name: p.name ?? '',
        protocol: p.protocol ?? 'TCP',
        port: p.port,
        targetPort: p.targetPort ?? p.port,
        ...(np !== undefined ? { nodePort: np } : {}),
        nodePortAllocated: p.nodePort === undefined && np !== undefined,
      };
    });
    const eTP = s.spec.externalTrafficPolicy ?? 'Cluster';
    let lbIps = (s.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [canon(i.ip)] : []));
    let lbAllocated = false;
    if (type === 'LoadBalancer' && lbIps.length === 0) {
      const ip = allocLb();
      if (ip) {
        lbIps = [ip];
        lbAllocated = true;
      }
    }
    const hc =
      s.spec.healthCheckNodePort ??
      (type === 'LoadBalancer' && eTP === 'Local' ? allocPort(`${key}/healthz`) : undefined);
    return {
      key,
      id: ids.service(key),
      namespace: namespaceOf(s.metadata),
      name: s.metadata.name,
      type,
      headless,
      clusterIPs,
      clusterIPAllocated,
      ports,
      ...(s.spec.selector ? { selector: s.spec.selector } : {}),
      externalIPs: (s.spec.externalIPs ?? []).map(canon),
      loadBalancerIPs: lbIps,
      loadBalancerIPAllocated: lbAllocated,
      loadBalancerSourceRanges: (s.spec.loadBalancerSourceRanges ?? []).map((r) => r.trim()),
      externalTrafficPolicy: eTP,
      internalTrafficPolicy: s.spec.internalTrafficPolicy ?? 'Cluster',
      sessionAffinity: s.spec.sessionAffinity ?? 'None',
      sessionAffinityTimeout: s.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800,
      ...(hc !== undefined ? { healthCheckNodePort: hc } : {}),
      ...(s.spec.externalName !== undefined ? { externalName: s.spec.externalName } : {}),
      publishNotReadyAddresses: s.spec.publishNotReadyAddresses === true,
      ...(s.spec.trafficDistribution !== undefined
        ? { trafficDistribution: s.spec.trafficDistribution }
        : {}),
      annotations: s.metadata.annotations ?? {},
    };
  });
}

function givenClusterIPs(s: Service): string[] {
  const list = s.spec.clusterIPs?.length
    ? s.spec.clusterIPs
    : s.spec.clusterIP
      ? [s.spec.clusterIP]
      : [];
  return list.filter((t) => t !== 'None' && t !== '').map(canon);
}

function canon(t: string): string {
  const r = parseIp(t);
  return r.ok ? formatIp(r.value) : t.trim();
}

const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/**
 * The families a Service gets ClusterIPs of, as kube-apiserver defaults them: `ipFamilies` if
 * given, else the cluster's primary service family; PreferDualStack and RequireDualStack add the
 * cluster's other family when it has one (primary first unless `ipFamilies` orders them).
 */
export function serviceFamilies(spec: ServiceSpec, available: readonly Family[]): Family[] {
  const asked = (spec.ipFamilies ?? []).map((f): Family => (f === 'IPv6' ? 6 : 4));
  const first = asked.length > 0 ? asked : available.slice(0, 1);
  if ((spec.ipFamilyPolicy ?? 'SingleStack') === 'SingleStack') return first;
  return [...first, ...available.filter((f) => !first.includes(f))].slice(0, 2);
}
