/**
 * Resolving a walk's endpoints from refs (DESIGN.md §5): pod/NS/NAME[/CONTAINER], NS/NAME,
 * deploy|sts|ds|rs|job/NS/NAME (the first pod of that workload), svc/NS/NAME[:PORT],
 * node/NAME, an IP address, or a DNS name (resolved later, from the source pod's namespace).
 */
import { formatIp, isLoopback, parseIp } from '../addr/ip';
import type { Cluster, DerivedNode, DerivedPod, DerivedService } from '../derive/types';
import type { WorkloadKind } from '../model/k8s';
import { err, ok, type Result } from '../util/result';

export type Endpoint =
  | { readonly kind: 'pod'; readonly pod: DerivedPod; readonly container?: string }
  | { readonly kind: 'node'; readonly node: DerivedNode; readonly ip?: string }
  | {
      readonly kind: 'service';
      readonly service: DerivedService;
      readonly ip?: string;
      readonly port?: number;
    }
  | { readonly kind: 'external'; readonly ip: string }
  | { readonly kind: 'dns'; readonly name: string; readonly port?: number };

const WORKLOAD_PREFIX: Record<string, WorkloadKind> = {
  deploy: 'Deployment',
  deployment: 'Deployment',
  deployments: 'Deployment',
  sts: 'StatefulSet',
  statefulset: 'StatefulSet',
  ds: 'DaemonSet',
  daemonset: 'DaemonSet',
  rs: 'ReplicaSet',
  replicaset: 'ReplicaSet',
  job: 'Job',
};

/** Turns a ref into an endpoint of the walk, or a message naming what is wrong. */
export function resolveRef(cluster: Cluster, ref: string): Result<Endpoint> {
  const text = ref.trim();
  if (text === '')
    return err('empty reference: use pod/NS/NAME, svc/NS/NAME, node/NAME, an IP or a DNS name');
  const asIp = parseIp(text);
  if (asIp.ok) return ok(endpointForIp(cluster, formatIp(asIp.value)));
  const parts = text.split('/');
  const head = parts[0]?.toLowerCase() ?? '';
  if (
    (head === 'pod' || head === 'po' || head === 'pods') &&
    (parts.length === 3 || parts.length === 4)
  )
    return podRef(cluster, parts[1] ?? '', parts[2] ?? '', parts[3]);
  if ((head === 'svc' || head === 'service') && parts.length === 3)
    return serviceRef(cluster, parts[1] ?? '', parts[2] ?? '');
  if (head === 'node' || head === 'no') {
    const n = cluster.nodeByName.get(parts.slice(1).join('/'));
    return n
      ? ok({ kind: 'node', node: n })
      : err(
          `${text}: no node named "${parts.slice(1).join('/')}" (nodes: ${list(cluster.nodes.map((x) => x.name))})`,
        );
  }
  const wk = WORKLOAD_PREFIX[head];
  if (wk && parts.length === 3)
    return workloadRef(cluster, wk, parts[1] ?? '', parts[2] ?? '', text);
  if (parts.length === 2 && !text.includes('.'))
    return podRef(cluster, parts[0] ?? '', parts[1] ?? '');
  if (parts.length === 1 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\.?(:\d+)?$/i.test(text)) {
    const [name, port] = splitPort(text);
    return ok({ kind: 'dns', name, ...(port !== undefined ? { port } : {}) });
  }
  return err(
    `"${text}" is not a reference: use pod/NS/NAME, NS/NAME, deploy/NS/NAME, svc/NS/NAME, node/NAME, an IP address or a DNS name`,
  );
}

/** Who an address belongs to; an address of no object is an outside client or server. */
export function endpointForIp(cluster: Cluster, ipText: string): Endpoint {
  const owners = cluster.ipOwners.get(ipText) ?? [];
  for (const o of owners) {
    if (o.kind === 'pod') {
      const pod = cluster.podByKey.get(o.key);
      if (pod) return { kind: 'pod', pod };
    }
  }
  for (const o of owners) {
    if (o.kind === 'node' || o.kind === 'device') {
      const node = cluster.nodeByName.get(o.kind === 'node' ? o.name : o.node);
      if (node) return { kind: 'node', node, ip: ipText };
    }
    if (o.kind === 'service') {
      const service = cluster.serviceByKey.get(o.key);
      if (service) return { kind: 'service', service, ip: ipText };
    }
  }
  return { kind: 'external', ip: ipText };
}

export function isLoopbackText(ipText: string): boolean {
  const r = parseIp(ipText);
  return r.ok && isLoopback(r.value);
}

function podRef(cluster: Cluster, ns: string, name: string, container?: string): Result<Endpoint> {
  const pod = cluster.podByKey.get(`${ns}/${name}`);
  if (!pod) {
    const inNs = cluster.pods.filter((p) => p.namespace === ns).map((p) => p.name);
    return err(
      inNs.length
        ? `pod/${ns}/${name}: no pod named "${name}" in namespace ${ns} (pods there: ${list(inNs)})`
        : `pod/${ns}/${name}: namespace "${ns}" has no pods (namespaces with pods: ${list([...new Set(cluster.pods.map((p) => p.namespace))])})`,
    );
  }
  if (container !== undefined && !pod.containers.some((c) => c.name === container))
    return err(
      `pod/${ns}/${name}/${container}: the pod has no container "${container}" (containers: ${list(pod.containers.map((c) => c.name))})`,
    );
  return ok({ kind: 'pod', pod, ...(container !== undefined ? { container } : {}) });
}

function serviceRef(cluster: Cluster, ns: string, nameAndPort: string): Result<Endpoint> {
  const [name, port] = splitPort(nameAndPort);
  const service = cluster.serviceByKey.get(`${ns}/${name}`);
  if (!service) {
    const inNs = cluster.services.filter((s) => s.namespace === ns).map((s) => s.name);
    return err(
      `svc/${ns}/${name}: no Service named "${name}" in namespace ${ns}${inNs.length ? ` (Services there: ${list(inNs)})` : ''}`,
    );
  }
  return ok({ kind: 'service', service, ...(port !== undefined ? { port } : {}) });
}

function workloadRef(
  cluster: Cluster,
  kind: WorkloadKind,
  ns: string,
  name: string,
  text: string,
): Result<Endpoint> {
  const pod = cluster.pods.find(
    (p) => p.namespace === ns && p.workload?.kind === kind && p.workload.name === name,
  );
  if (pod) return ok({ kind: 'pod', pod });
  const exists = cluster.scenario.workloads.some(
    (w) =>
      w.kind === kind && w.metadata.name === name && (w.metadata.namespace ?? 'default') === ns,
  );
  return err(
    exists
      ? `${text}: the ${kind} has no pods (replicas: 0?)`
      : `${text}: no ${kind} named "${name}" in namespace ${ns}`,
  );
}

function splitPort(text: string): [string, number | undefined] {
  const m = /^(.*):(\d{1,5})$/.exec(text);
  return m ? [m[1] ?? text, Number(m[2])] : [text, undefined];
}

function list(items: readonly string[]): string {
  if (items.length === 0) return 'none';
  return items.length > 8 ? `${items.slice(0, 8).join(', ')}, …` : items.join(', ');
}
