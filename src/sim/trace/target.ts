/**
 * From resolved endpoints to the first packet: which address and port the client really uses
 * (a Service's ClusterIP, LoadBalancer IP or NodePort, a pod IP, a node IP), which source
 * address it gets, and — for an outside client — which node its packet enters.
 */
import { parseIp, type Family } from '../addr/ip';
import type { Cluster, DerivedNode, DerivedService, DerivedServicePort } from '../derive/types';
import { err, ok, type Result } from '../util/result';

import { isLoopbackText, type Endpoint } from './refs';
import type { TraceProtocol } from './types';

export interface Target {
  readonly ip: string;
  readonly port?: number | undefined;
  readonly protocol: TraceProtocol;
  /** How the address was chosen, for the summary ("ClusterIP of shop/frontend"). */
  readonly how: string;
  readonly service?: DerivedService;
  readonly entryNode?: DerivedNode;
}

const famOf = (ip: string): Family => (ip.includes(':') ? 6 : 4);

export function sourceFamily(src: Endpoint): Family | undefined {
  if (src.kind === 'pod') return src.pod.ips[0] ? famOf(src.pod.ips[0]) : undefined;
  if (src.kind === 'external') return famOf(src.ip);
  if (src.kind === 'node')
    return src.ip ? famOf(src.ip) : src.node.ips[0] ? famOf(src.node.ips[0]) : undefined;
  return undefined;
}

/** Picks the destination address, port and protocol a client at `src` would use. */
export function chooseTarget(
  cluster: Cluster,
  src: Endpoint,
  dst: Endpoint,
  wantPort: number | undefined,
  wantProto: TraceProtocol | undefined,
  entry: DerivedNode | undefined,
): Result<Target> {
  const fam = sourceFamily(src) ?? 4;
  const pick = (ips: readonly string[]): string | undefined =>
    ips.find((i) => famOf(i) === fam) ?? ips[0];
  const proto = wantProto ?? 'TCP';
  switch (dst.kind) {
    case 'pod': {
      const ip = pick(dst.pod.ips);
      if (!ip)
        return err(
          `${dst.pod.key} has no IP address (${dst.pod.nodeMissing ? `its node "${dst.pod.nodeName}" does not exist` : 'it is not scheduled'})`,
        );
      const declared = dst.pod.ports.find((p) => p.protocol === proto);
      return ok({
        ip,
        port: portFor(proto, wantPort ?? declared?.port ?? 80),
        protocol: proto,
        how: `pod IP of ${dst.pod.key}`,
      });
    }
    case 'node': {
      const ip = dst.ip ?? pick(dst.node.ips);
      if (!ip) return err(`node ${dst.node.name} has no address`);
      return ok({
        ip,
        port: portFor(proto, wantPort ?? 10250),
        protocol: proto,
        how: `address of node ${dst.node.name}`,
      });
    }
    case 'external':
      return ok({
        ip: dst.ip,
        port: portFor(proto, wantPort ?? 80),
        protocol: proto,
        how: `outside address ${dst.ip}`,
      });
    case 'service':
      return serviceTarget(
        cluster,
        src,
        dst.service,
        dst.ip,
        wantPort ?? dst.port,
        wantProto,
        entry,
        pick,
      );
    case 'dns':
      return err(`internal: DNS name ${dst.name} must be resolved before choosing a target`);
  }
}

function portFor(proto: TraceProtocol, port: number): number | undefined {
  return proto === 'ICMP' ? undefined : port;
}

function serviceTarget(
  cluster: Cluster,
  src: Endpoint,
  svc: DerivedService,
  givenIp: string | undefined,
  wantPort: number | undefined,
  wantProto: TraceProtocol | undefined,
  entry: DerivedNode | undefined,
  pick: (ips: readonly string[]) => string | undefined,
): Result<Target> {
  if (svc.type === 'ExternalName')
    return err(
      `svc/${svc.key} is an ExternalName Service: it has no address, DNS answers a CNAME to ${svc.externalName ?? '?'}`,
    );
  const byPort = (p: DerivedServicePort): boolean =>
    (wantPort === undefined ||
      p.port === wantPort ||
      (givenIp === undefined && p.nodePort === wantPort && src.kind === 'external')) &&
    (wantProto === undefined || p.protocol === wantProto);
  const sp = svc.ports.find(byPort);
  const proto = wantProto ?? sp?.protocol ?? 'TCP';
  const port = wantPort ?? sp?.port;
  if (svc.headless) {
    const ep = cluster.endpointSlices
      .filter((e) => e.serviceKey === svc.key)
      .flatMap((e) => e.slice.endpoints)
      .find((e) => e.conditions?.ready !== false);
    const ip = ep?.addresses[0];
    if (!ip)
      return err(
        `svc/${svc.key} is headless (clusterIP: None) and has no ready endpoints to connect to`,
      );
    return ok({
      ip,
      ...(port !== undefined ? { port } : {}),
      protocol: proto,
      how: `headless svc/${svc.key}: no virtual IP, DNS answers the pod address ${ip}`,
      service: svc,
    });
  }
  if (givenIp)
    return ok({
      ip: givenIp,
      ...(port !== undefined ? { port } : {}),
      protocol: proto,
      how: `${roleOf(svc, givenIp)} of svc/${svc.key}`,
      service: svc,
    });
  if (src.kind === 'external' && !isLoopbackText(src.ip)) {
    const lb = pick(svc.loadBalancerIPs);
    if (lb)
      return ok({
        ip: lb,
        ...(port !== undefined ? { port } : {}),
        protocol: proto,
        how: `load-balancer IP of svc/${svc.key}`,
        service: svc,
      });
    const ext = pick(svc.externalIPs);
    if (ext)
      return ok({
        ip: ext,
        ...(port !== undefined ? { port } : {}),
        protocol: proto,
        how: `external IP of svc/${svc.key}`,
        service: svc,
      });
    const np = sp?.nodePort ?? svc.ports.find((p) => p.nodePort !== undefined)?.nodePort;
    const node = entry ?? cluster.nodes[0];
    const nodeIp = node ? pick(node.ips) : undefined;
    if (np !== undefined && node && nodeIp)
      return ok({
        ip: nodeIp,
        port: np,
        protocol: proto,
        how: `NodePort ${np} of svc/${svc.key} on ${node.name}`,
        service: svc,
        entryNode: node,
      });
  }
  const cip = pick(svc.clusterIPs);
  if (!cip) return err(`svc/${svc.key} has no ClusterIP`);
  return ok({
    ip: cip,
    ...(port !== undefined ? { port } : {}),
    protocol: proto,
    how: `ClusterIP of svc/${svc.key}`,
    service: svc,
  });
}

function roleOf(svc: DerivedService, ip: string): string {
  if (svc.loadBalancerIPs.includes(ip)) return 'load-balancer IP';
  if (svc.externalIPs.includes(ip)) return 'external IP';
  return 'ClusterIP';
}

/** The node an outside client's packet enters when the request does not say (--node). */
export function defaultEntryNode(cluster: Cluster, target: Target): DerivedNode | undefined {
  if (target.entryNode) return target.entryNode;
  for (const o of cluster.ipOwners.get(target.ip) ?? [])
    if (o.kind === 'node') return cluster.nodeByName.get(o.name);
  const svc = target.service;
  if (svc && (svc.loadBalancerIPs.includes(target.ip) || svc.externalIPs.includes(target.ip))) {
    if (svc.externalTrafficPolicy === 'Local') {
      // The load balancer's health checks (healthCheckNodePort) only pass on nodes with a local endpoint.
      const withLocal = cluster.nodes.find((n) =>
        cluster.endpointSlices.some(
          (e) =>
            e.serviceKey === svc.key &&
            e.slice.endpoints.some(
              (ep) => ep.nodeName === n.name && ep.conditions?.ready !== false,
            ),
        ),
      );
      if (withLocal) return withLocal;
    }
    return cluster.nodes[0];
  }
  return undefined;
}

export function isIpText(t: string): boolean {
  return parseIp(t).ok;
}
