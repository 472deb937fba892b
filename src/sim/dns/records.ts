/**
 * Cluster DNS as CoreDNS's kubernetes plugin serves it (Kubernetes DNS spec):
 * `<svc>.<ns>.svc.<domain>` → the ClusterIP(s); for a headless Service, the ready endpoints'
 * addresses, plus `<hostname>.<svc>.<ns>.svc.<domain>` for endpoints with a hostname (pods
 * with `hostname` + `subdomain`, StatefulSet pods); ExternalName Services answer a CNAME.
 */
import { parseIp } from '../addr/ip';
import type { Cluster } from '../derive/types';

export interface DnsRecord {
  readonly name: string;
  readonly type: 'A' | 'AAAA' | 'CNAME';
  readonly value: string;
  /** The Service this record comes from ("ns/name"). */
  readonly service: string;
}

const memo = new WeakMap<Cluster, Map<string, DnsRecord[]>>();

/** Every record the cluster DNS serves, by lowercase fully-qualified name (no trailing dot). */
export function dnsRecords(cluster: Cluster): ReadonlyMap<string, readonly DnsRecord[]> {
  const hit = memo.get(cluster);
  if (hit) return hit;
  const out = new Map<string, DnsRecord[]>();
  const add = (r: DnsRecord): void => {
    const list = out.get(r.name) ?? [];
    if (!list.some((x) => x.type === r.type && x.value === r.value)) list.push(r);
    out.set(r.name, list);
  };
  const domain = cluster.settings.dnsDomain || 'cluster.local';
  for (const s of cluster.services) {
    const fqdn = `${s.name}.${s.namespace}.svc.${domain}`.toLowerCase();
    if (s.type === 'ExternalName') {
      if (s.externalName) add({ name: fqdn, type: 'CNAME', value: s.externalName, service: s.key });
      continue;
    }
    if (!s.headless) {
      for (const ip of s.clusterIPs)
        add({ name: fqdn, type: typeOf(ip), value: ip, service: s.key });
      continue;
    }
    for (const es of cluster.endpointSlices) {
      if (es.serviceKey !== s.key) continue;
      for (const ep of es.slice.endpoints) {
        const ready = ep.conditions?.ready !== false || s.publishNotReadyAddresses;
        if (!ready) continue;
        for (const ip of ep.addresses) {
          add({ name: fqdn, type: typeOf(ip), value: ip, service: s.key });
          const host = ep.hostname ?? hostnameOfTarget(cluster, ep.targetRef, s.name);
          if (host) add({ name: `${host}.${fqdn}`, type: typeOf(ip), value: ip, service: s.key });
        }
      }
    }
  }
  memo.set(cluster, out);
  return out;
}

function typeOf(ip: string): 'A' | 'AAAA' {
  const r = parseIp(ip);
  return r.ok && r.value.family === 6 ? 'AAAA' : 'A';
}

/** A pod's own DNS hostname for a headless Service: set when spec.subdomain names that Service. */
function hostnameOfTarget(
  cluster: Cluster,
  ref: { readonly kind: string; readonly name: string; readonly namespace?: string } | undefined,
  svcName: string,
): string | undefined {
  if (!ref || ref.kind !== 'Pod') return undefined;
  const pod = cluster.scenario.pods.find(
    (p) =>
      p.metadata.name === ref.name &&
      (p.metadata.namespace ?? 'default') === (ref.namespace ?? 'default'),
  );
  const spec = pod?.spec;
  if (spec?.subdomain === svcName) return spec.hostname ?? pod?.metadata.name;
  if (!pod) {
    // StatefulSet pods (derived from workloads) have hostname = pod name, subdomain = serviceName.
    const w = cluster.scenario.workloads.find(
      (x) =>
        x.kind === 'StatefulSet' &&
        x.spec.serviceName === svcName &&
        ref.name.startsWith(`${x.metadata.name}-`),
    );
    if (w) return ref.name;
  }
  return undefined;
}
