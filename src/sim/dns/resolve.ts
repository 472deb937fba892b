/**
 * Name resolution from a pod, as its /etc/resolv.conf makes it (dnsPolicy ClusterFirst):
 * `search <ns>.svc.<domain> svc.<domain> <domain>`, `options ndots:5` — a name with fewer than
 * five dots is tried with each search domain first, then as written.
 */
import type { Cluster, DerivedService } from '../derive/types';

import { dnsRecords, type DnsRecord } from './records';

export const NDOTS = 5;

export interface DnsAnswer {
  /** Every name tried, in order (search path expansion). */
  readonly tried: readonly string[];
  /** The name that answered, and its records (CNAMEs not followed outside the cluster). */
  readonly name?: string;
  readonly records: readonly DnsRecord[];
}

/** The search path a pod in `namespace` gets from kubelet. */
export function searchPath(cluster: Cluster, namespace: string): string[] {
  const d = cluster.settings.dnsDomain || 'cluster.local';
  return [`${namespace}.svc.${d}`, `svc.${d}`, d];
}

/** Resolves `name` as a pod in `namespace` would (no namespace: only fully-qualified lookups). */
export function resolveName(cluster: Cluster, name: string, namespace?: string): DnsAnswer {
  const q = name.toLowerCase().replace(/\.$/, '');
  const absolute = name.endsWith('.');
  const dots = q.split('.').length - 1;
  const candidates: string[] = [];
  const search = namespace !== undefined && !absolute ? searchPath(cluster, namespace) : [];
  if (dots >= NDOTS || absolute) candidates.push(q);
  for (const s of search) candidates.push(`${q}.${s}`);
  if (!candidates.includes(q)) candidates.push(q);
  const records = dnsRecords(cluster);
  const tried: string[] = [];
  for (const c of candidates) {
    tried.push(c);
    const r = records.get(c);
    if (r && r.length) return { tried, name: c, records: r };
  }
  return { tried, records: [] };
}

/** The cluster DNS Service (kube-system/kube-dns, as kubeadm names CoreDNS's Service). */
export function clusterDnsService(cluster: Cluster): DerivedService | undefined {
  return (
    cluster.serviceByKey.get('kube-system/kube-dns') ??
    cluster.services.find(
      (s) => s.namespace === 'kube-system' && /dns/.test(s.name) && s.clusterIPs.length > 0,
    )
  );
}
