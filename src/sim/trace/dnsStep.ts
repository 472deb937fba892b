/**
 * A walk to a name starts with the lookup: the pod's resolver (search path, ndots:5) queries the
 * cluster DNS Service over UDP 53 — a full walk of its own through kube-proxy to a CoreDNS pod and
 * back — and the connection then uses the answer.
 */
import { clusterDnsService, resolveName } from '../dns/resolve';
import type { DnsRecord } from '../dns/records';
import { ids } from '../model/ids';

import type { Endpoint } from './refs';
import type { Hop, Trace } from './types';

export interface DnsResult {
  readonly hops: readonly Hop[];
  readonly failure?: { readonly verdict: Trace['verdict']; readonly reason: string };
  readonly record?: DnsRecord;
}

type SubTrace = (from: Endpoint, toIp: string, port: number) => Trace;

export function resolveForWalk(
  cluster: Parameters<typeof resolveName>[0],
  src: Endpoint,
  name: string,
  subTrace: SubTrace,
): DnsResult {
  if (src.kind !== 'pod' || src.pod.hostNetwork) {
    return {
      hops: [],
      failure: {
        verdict: 'unreachable',
        reason: `${name}: only pods (dnsPolicy ClusterFirst) resolve cluster names; nodes and hostNetwork pods use the node's own resolver.`,
      },
    };
  }
  const dns = clusterDnsService(cluster);
  const answer = resolveName(cluster, name, src.pod.namespace);
  const dnsIp = dns?.clusterIPs[0];
  if (!dns || !dnsIp)
    return {
      hops: [],
      failure: {
        verdict: 'unreachable',
        reason: `No cluster DNS: there is no kube-system/kube-dns Service to ask for ${name}.`,
      },
    };
  const sub = subTrace(src, dnsIp, 53);
  const hops: Hop[] = sub.hops.map((h) => ({
    ...h,
    direction: 'request',
    phase: 'dns',
    title: `DNS · ${h.title ?? h.kind}`,
  }));
  const first = sub.hops[0]?.packet;
  const pkt = first ?? { srcIP: src.pod.ips[0] ?? '', dstIP: dnsIp, protocol: 'UDP' as const };
  if (sub.verdict !== 'delivered') {
    return {
      hops,
      failure: {
        verdict: sub.verdict,
        reason: `The DNS query for ${name} to ${dns.key} (${dnsIp}:53/UDP) failed: ${sub.reason}`,
      },
    };
  }
  const rec = answer.records.find((r) => r.type !== 'CNAME') ?? answer.records[0];
  const tried = answer.tried.join(', ');
  if (!rec) {
    hops.push({
      direction: 'request',
      phase: 'dns',
      kind: 'dns',
      at: ids.pod(src.pod.key),
      netns: `pod/${src.pod.key}`,
      dev: 'eth0',
      packet: pkt,
      title: `NXDOMAIN ${name}`,
      rule: {
        source: '/etc/resolv.conf',
        text: `search ${answer.tried
          .slice(0, 3)
          .map((t) => t.slice(name.length + 1))
          .join(' ')} · options ndots:5`,
      },
      explain: `CoreDNS has no record for any of: ${tried}. The lookup fails with NXDOMAIN.`,
    });
    return {
      hops,
      failure: {
        verdict: 'unreachable',
        reason: `${name} does not resolve (NXDOMAIN; tried ${tried}).`,
      },
    };
  }
  hops.push({
    direction: 'request',
    phase: 'dns',
    kind: 'dns',
    at: ids.pod(src.pod.key),
    netns: `pod/${src.pod.key}`,
    dev: 'eth0',
    packet: pkt,
    title: `${answer.name ?? name} ${rec.type} ${rec.value}`,
    rule: {
      source: 'CoreDNS (kubernetes plugin)',
      text: `${answer.name ?? name}. 5 IN ${rec.type} ${rec.value}`,
    },
    highlight: [ids.service(rec.service)],
    explain: `The resolver tried ${tried} (search path from the pod's namespace, ndots:5). CoreDNS answers ${rec.type} ${rec.value}${rec.type === 'CNAME' ? '' : ` for ${rec.service}`}; the connection goes there.`,
  });
  return { hops, record: rec };
}
