/**
 * `ip-duplicate`: one address held by two objects. Reads the derived cluster's address book
 * (`ipOwners`), which already leaves out hostNetwork pods (they share their node's IP, as
 * Kubernetes intends). Also legitimate: a Service's external or load-balancer IP that is a node's
 * address (kube-proxy answers on it; ServiceLB-style balancers do exactly this), and Services
 * sharing an external address on different ports (MetalLB's shared IPs).
 */
import { formatIp, parseIp } from '../addr/ip';
import type { DerivedService, IpOwner } from '../derive/types';
import { keyOf } from '../model/labels';

import { diagnostic, listNames, type Diagnostic, type ValidateContext } from './types';

const ownerId = (o: IpOwner): string => {
  switch (o.kind) {
    case 'pod':
      return `pod:${o.key}`;
    case 'node':
      return `node:${o.name}`;
    case 'service':
      return `service:${o.key}:${o.role}`;
    case 'device':
      return `device:${o.node}:${o.dev}`;
  }
};

const ownerRef = (o: IpOwner): string => {
  switch (o.kind) {
    case 'pod':
      return `pod/${o.key}`;
    case 'node':
      return `node/${o.name}`;
    case 'service':
      return `svc/${o.key}`;
    case 'device':
      return `node/${o.node}`;
  }
};

const describe = (o: IpOwner): string => {
  switch (o.kind) {
    case 'pod':
      return `pod ${o.key}`;
    case 'node':
      return `node ${o.name}`;
    case 'service':
      return o.role === 'clusterIP'
        ? `the ClusterIP of Service ${o.key}`
        : o.role === 'externalIP'
          ? `an external IP of Service ${o.key}`
          : `the load-balancer IP of Service ${o.key}`;
    case 'device':
      return o.dev === 'cni0'
        ? `node ${o.node}'s cni0 gateway`
        : `node ${o.node}'s ${o.dev} address`;
  }
};

const isExternal = (o: IpOwner): boolean => o.kind === 'service' && o.role !== 'clusterIP';

const portsOf = (s: DerivedService | undefined): Set<string> =>
  new Set((s?.ports ?? []).map((p) => `${p.port}/${p.protocol}`));

/** The fields where each (address, owner) was written explicitly. */
function explicitFields(ctx: ValidateContext): Map<string, string> {
  const m = new Map<string, string>();
  const put = (text: string | undefined, id: string, field: string): void => {
    const r = text !== undefined ? parseIp(text) : undefined;
    if (r?.ok) m.set(`${formatIp(r.value)}|${id}`, field);
  };
  const s = ctx.scenario;
  (s.nodes ?? []).forEach((n, i) =>
    (n.status?.addresses ?? []).forEach((a, j) =>
      put(a.address, `node:${n.metadata.name}`, `nodes[${i}].status.addresses[${j}].address`),
    ),
  );
  (s.pods ?? []).forEach((p, i) => {
    const id = `pod:${keyOf(p.metadata)}`;
    const list = p.status?.podIPs ?? [];
    if (list.length > 0) list.forEach((x, j) => put(x.ip, id, `pods[${i}].status.podIPs[${j}].ip`));
    else put(p.status?.podIP, id, `pods[${i}].status.podIP`);
  });
  (s.services ?? []).forEach((svc, i) => {
    const key = keyOf(svc.metadata);
    const ips = svc.spec.clusterIPs ?? [];
    if (ips.length > 0)
      ips.forEach((t, j) =>
        put(t, `service:${key}:clusterIP`, `services[${i}].spec.clusterIPs[${j}]`),
      );
    else put(svc.spec.clusterIP, `service:${key}:clusterIP`, `services[${i}].spec.clusterIP`);
    (svc.spec.externalIPs ?? []).forEach((t, j) =>
      put(t, `service:${key}:externalIP`, `services[${i}].spec.externalIPs[${j}]`),
    );
    (svc.status?.loadBalancer?.ingress ?? []).forEach((g, j) =>
      put(
        g.ip,
        `service:${key}:loadBalancer`,
        `services[${i}].status.loadBalancer.ingress[${j}].ip`,
      ),
    );
  });
  return m;
}

/** Why two holders of one address conflict, or undefined when they may share it. */
function conflict(ctx: ValidateContext, a: IpOwner, b: IpOwner): string | undefined {
  if (isExternal(a) && b.kind === 'node') return undefined;
  if (isExternal(b) && a.kind === 'node') return undefined;
  if (a.kind === 'device' && b.kind === 'device' && a.dev === b.dev) return undefined; // a node-range overlap
  if (isExternal(a) && isExternal(b) && a.kind === 'service' && b.kind === 'service') {
    if (a.key === b.key) return undefined;
    const pa = portsOf(ctx.cluster.serviceByKey.get(a.key));
    const shared = [...portsOf(ctx.cluster.serviceByKey.get(b.key))].filter((p) => pa.has(p));
    if (shared.length === 0) return undefined;
    return `both Services listen on ${listNames(shared)} there, and kube-proxy sends that traffic to only one of them. Use different ports or addresses.`;
  }
  return 'each address must belong to one object, or packets reach the wrong one. Give each its own address (remove a given address to have one allocated).';
}

/** Every `ip-duplicate` diagnostic, in the cluster's address-book order. */
export function checkDuplicateIps(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fields = explicitFields(ctx);
  for (const [ip, raw] of ctx.cluster.ipOwners) {
    const r = parseIp(ip);
    if (raw.length < 2 || !r.ok) continue; // invalid text is ip-invalid's business
    const owners = [...new Map(raw.map((o) => [ownerId(o), o])).values()];
    const involved = new Set<IpOwner>();
    let why: string | undefined;
    for (let x = 0; x < owners.length; x++)
      for (let y = x + 1; y < owners.length; y++) {
        const a = owners[x];
        const b = owners[y];
        if (!a || !b) continue;
        const w = conflict(ctx, a, b);
        if (w === undefined) continue;
        why ??= w;
        involved.add(a);
        involved.add(b);
      }
    if (!why) continue;
    const list = owners.filter((o) => involved.has(o));
    const field = list
      .map((o) => fields.get(`${ip}|${ownerId(o)}`))
      .filter((f): f is string => f !== undefined)
      .at(-1);
    const host = `${ip}/${r.value.family === 4 ? 32 : 128}`;
    out.push(
      diagnostic(
        'error',
        'ip-duplicate',
        `${ip} belongs to ${listNames(list.map(describe), 6)}: ${why}`,
        {
          ranges: [host],
          objects: [...new Set(list.map(ownerRef))],
          field,
        },
      ),
    );
  }
  return out;
}
