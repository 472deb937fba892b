/**
 * EndpointSlices. Slices given in the scenario are used as kube-proxy would use them (their
 * Service is named by the `kubernetes.io/service-name` label), even for addresses of no known pod.
 * A Service with a selector and no given slices gets the slices the EndpointSlice controller
 * would write: one endpoint per selected pod with an IP, `ready` from the pod's readiness
 * (`publishNotReadyAddresses` forces it), its node's zone, the topology hints the Service asks for
 * (hints.ts), named target ports resolved per pod — pods that resolve them to different numbers
 * land in different slices, as in the real controller.
 */
import { parseIp } from '../addr/ip';
import type { Endpoint, EndpointPort, EndpointSlice, Node } from '../model/k8s';
import { matchesMap, namespaceOf } from '../model/labels';
import { zoneOf } from '../model/topology';
import { safeSuffix } from '../util/hash';

import { assignHints } from './hints';
import type { DerivedEndpointSlice, DerivedPod, DerivedService, HintsDecision } from './types';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export function deriveEndpointSlices(
  given: readonly EndpointSlice[],
  services: readonly DerivedService[],
  pods: readonly DerivedPod[],
  nodes: readonly Node[] = [],
  decisions: Map<string, HintsDecision> = new Map(),
): DerivedEndpointSlice[] {
  const out: DerivedEndpointSlice[] = [];
  const zoneOfNode = new Map(nodes.map((n) => [n.metadata.name, zoneOf(n.metadata)]));
  const explicitFor = new Set<string>();
  for (const slice of given) {
    const svc = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    const serviceKey = `${namespaceOf(slice.metadata)}/${svc ?? ''}`;
    if (svc) explicitFor.add(serviceKey);
    out.push({ slice, serviceKey, derived: false });
  }
  const podsByNs = new Map<string, DerivedPod[]>();
  for (const p of pods) {
    const list = podsByNs.get(p.namespace) ?? [];
    list.push(p);
    podsByNs.set(p.namespace, list);
  }
  for (const svc of services) {
    if (!svc.selector || explicitFor.has(svc.key) || svc.type === 'ExternalName') continue;
    const selected = (podsByNs.get(svc.namespace) ?? []).filter(
      (p) => p.ips.length > 0 && matchesMap(svc.selector ?? {}, p.labels),
    );
    const groups = new Map<
      string,
      { family: 4 | 6; ports: EndpointPort[]; endpoints: Endpoint[] }
    >();
    for (const pod of selected) {
      const ports = svc.ports.flatMap((sp): EndpointPort[] => {
        const n = resolveTargetPort(sp.targetPort, sp.protocol, pod);
        return n === undefined ? [] : [{ name: sp.name, port: n, protocol: sp.protocol }];
      });
      for (const ip of pod.ips) {
        const f = parseIp(ip);
        if (!f.ok) continue;
        const gk = `${f.value.family}|${ports.map((p) => `${p.name}:${p.port}`).join(',')}`;
        const g = groups.get(gk) ?? { family: f.value.family, ports, endpoints: [] };
        const ready = pod.ready || svc.publishNotReadyAddresses;
        const zone = pod.nodeName !== undefined ? zoneOfNode.get(pod.nodeName) : undefined;
        g.endpoints.push({
          addresses: [ip],
          conditions: { ready, serving: ready, terminating: false },
          ...(pod.nodeName !== undefined ? { nodeName: pod.nodeName } : {}),
          ...(zone !== undefined ? { zone } : {}),
          targetRef: { kind: 'Pod', name: pod.name, namespace: pod.namespace },
        });
        groups.set(gk, g);
      }
    }
    // Hints are decided per Service and address family, over all of its endpoints (topologycache).
    for (const family of [4, 6] as const) {
      const fam = [...groups.values()].filter((g) => g.family === family);
      const flat = fam.flatMap((g) => g.endpoints);
      if (flat.length === 0) continue;
      const hinted = assignHints(svc, flat, nodes);
      if (family === 4 || !decisions.has(svc.key)) decisions.set(svc.key, hinted.decision);
      let i = 0;
      for (const g of fam) {
        const n = g.endpoints.length;
        g.endpoints = hinted.endpoints.slice(i, i + n);
        i += n;
      }
    }
    if (!decisions.has(svc.key)) decisions.set(svc.key, assignHints(svc, [], nodes).decision);
    const entries = [...groups.entries()];
    if (entries.length === 0) {
      const ports = svc.ports.map((p) => ({ name: p.name, protocol: p.protocol }));
      entries.push(['4|', { family: 4, ports, endpoints: [] }]);
    }
    for (const [gk, g] of entries) {
      out.push({
        serviceKey: svc.key,
        derived: true,
        slice: {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            name: `${svc.name}-${safeSuffix(`${svc.key}|${gk}`, 5)}`,
            namespace: svc.namespace,
            labels: { [SERVICE_NAME_LABEL]: svc.name },
          },
          addressType: g.family === 4 ? 'IPv4' : 'IPv6',
          endpoints: g.endpoints,
          ports: g.ports,
        },
      });
    }
  }
  return out;
}

/** A Service targetPort: a number as is, or a container port name looked up on the pod. */
export function resolveTargetPort(
  target: number | string,
  protocol: string,
  pod: DerivedPod,
): number | undefined {
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  return pod.ports.find((p) => p.name === target && p.protocol === protocol)?.port;
}
