/**
 * What the suite asks of each generated cluster: pod → pod on one node and across nodes, pod →
 * ClusterIP, node → ClusterIP, a pod through its own Service (hairpin), node → 127.0.0.1 and an
 * outside client → NodePort through every node (with and without a local endpoint), a port
 * nothing listens on, node → remote pod, and issue 16's walks: pod → an outside host (masquerade
 * on or off) and an outside client → ClusterIP through each node. Each query is asked of
 * `k8snet trace` and of the lab, in the same words.
 */
import type { Cluster, DerivedPod, DerivedService } from '@/sim';

export interface Query {
  /** What kind of walk this is, for the report. */
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
  readonly node?: string;
  /** The Service it goes through (session affinity is checked across its connections). */
  readonly service?: string;
}

export function queriesFor(cluster: Cluster, clientIp: string, seed: number): Query[] {
  const qs: Query[] = [];
  const pods = cluster.pods.filter((p) => !p.hostNetwork && p.ips.length > 0);
  const servers = pods.filter((p) => p.ports.length > 0 && !p.name.startsWith('client-'));
  const clients = pods.filter((p) => p.name.startsWith('client-'));
  const portOf = (p: DerivedPod) => p.ports[0] as NonNullable<DerivedPod['ports'][number]>;
  const at = (i: number) => seed + i;
  for (const [i, s] of servers.slice(0, 2).entries()) {
    const p = portOf(s);
    const same = clients.find((c) => c.nodeName === s.nodeName);
    const other = clients.find((c) => c.nodeName !== s.nodeName);
    if (same) qs.push(q('pod→pod, same node', same.key, s.key, p.port, p.protocol));
    if (other) qs.push(q('pod→pod, across nodes', other.key, s.key, p.port, p.protocol));
    if (i === 0) qs.push(q('no listener', (other ?? same ?? s).key, s.key, 9, 'TCP'));
    if (i === at(0) % Math.min(2, Math.max(1, servers.length)))
      qs.push(q('node→remote pod', `node/${otherNode(cluster, s)}`, s.key, p.port, p.protocol));
  }
  let loopback = false;
  for (const [si, svc] of cluster.services.entries()) {
    const sp = svc.ports[0];
    if (!sp || svc.clusterIPs.length === 0) continue;
    const proto = sp.protocol === 'UDP' ? 'UDP' : 'TCP';
    const ref = `svc/${svc.key}`;
    // Two of the four ClusterIP walks per Service, taking turns across Services and seeds (every
    // kind still meets every kind of Service many times in a run, at half the probes).
    const asks = (k: number): boolean => (si + seed + k) % 2 === 0;
    const client = clients[at(svc.name.length) % clients.length];
    if (client && asks(0))
      qs.push(q('pod→ClusterIP', client.key, ref, sp.port, proto, undefined, svc));
    const n = cluster.nodes[at(1) % cluster.nodes.length];
    if (n && asks(1))
      qs.push(q('node→ClusterIP', `node/${n.name}`, ref, sp.port, proto, undefined, svc));
    const ep = servers.find((p) => endpointsOf(cluster, svc).includes(p.key));
    if (ep && asks(0)) qs.push(q('hairpin', ep.key, ref, sp.port, proto, undefined, svc));
    const via = cluster.nodes[at(si) % cluster.nodes.length];
    // An outside client names the ClusterIP itself (svc/… from outside means its NodePort, as in trace).
    const cip = svc.clusterIPs.find((ip) => !ip.includes(':'));
    // Always where nothing masquerades (issue 16: the reply from another node bypasses the un-DNAT).
    const bare = !cluster.settings.cni.masquerade && cluster.settings.kubeProxy.clusterCIDR === '';
    if (via && cip && (asks(1) || bare))
      qs.push(q('outside→ClusterIP via node', clientIp, cip, sp.port, proto, via.name, svc));
    if (sp.nodePort === undefined) continue;
    for (const node of cluster.nodes) {
      const ip = node.ips[0] ?? '';
      const local = endpointsOf(cluster, svc).some(
        (k) => cluster.podByKey.get(k)?.nodeName === node.name,
      );
      const kind = `outside→NodePort (${svc.externalTrafficPolicy}, ${local ? 'local endpoint' : 'no local endpoint'})`;
      qs.push(q(kind, clientIp, ip, sp.nodePort, proto, node.name, svc));
    }
    if (n && !loopback) {
      loopback = true;
      const lo = q('node→127.0.0.1:NodePort', `node/${n.name}`, '127.0.0.1', sp.nodePort, proto);
      qs.push({ ...lo, service: svc.key });
    }
  }
  const c = clients[at(2) % clients.length];
  if (c) {
    qs.push(q('pod→outside host on the node network', c.key, clientIp, 8443, 'TCP'));
    qs.push(
      q('pod→outside host beyond the router', c.key, `203.0.113.${1 + (seed % 200)}`, 443, 'TCP'),
    );
  }
  return qs;
}

function q(
  kind: string,
  from: string,
  to: string,
  port: number,
  protocol: string,
  node?: string,
  svc?: DerivedService,
): Query {
  return {
    kind,
    from,
    to,
    port,
    protocol: protocol === 'UDP' ? 'UDP' : 'TCP',
    ...(node !== undefined ? { node } : {}),
    ...(svc ? { service: svc.key } : {}),
  };
}

/** Pods behind a Service (ready or not: the suite only needs where they run). */
function endpointsOf(cluster: Cluster, svc: DerivedService): string[] {
  const sel = svc.selector;
  if (!sel) return [];
  return cluster.pods
    .filter(
      (p) =>
        p.namespace === svc.namespace && Object.entries(sel).every(([k, v]) => p.labels[k] === v),
    )
    .map((p) => p.key);
}

function otherNode(cluster: Cluster, p: DerivedPod): string {
  return (cluster.nodes.find((n) => n.name !== p.nodeName) ?? cluster.nodes[0])?.name ?? '';
}
