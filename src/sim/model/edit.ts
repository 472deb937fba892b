/**
 * Edits as pure functions: scenario in, new scenario out (the same object when nothing changed),
 * so the store can keep history cheaply and every edit can be undone.
 */
import type { Container, NetworkPolicy, Node, Pod, Service, ServiceSpec } from './k8s';
import { keyOf } from './labels';
import type { ClusterSettings, Position, Scenario } from './scenario';

export interface NewPod {
  readonly namespace: string;
  readonly name: string;
  readonly nodeName?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly containers: readonly Container[];
  readonly hostNetwork?: boolean;
}

export interface NewService {
  readonly namespace: string;
  readonly name: string;
  readonly spec: ServiceSpec;
}

const same = <T>(a: T, b: T): boolean => JSON.stringify(a) === JSON.stringify(b);

export function updateCluster(s: Scenario, patch: Partial<ClusterSettings>): Scenario {
  const cluster = { ...s.cluster, ...patch };
  return same(cluster, s.cluster) ? s : { ...s, cluster };
}

/** Adds a node; without an address or pod range the cluster allocates them. */
export function addNode(
  s: Scenario,
  name: string,
  opts: { ip?: string; podCIDR?: string } = {},
): Scenario {
  if (s.nodes.some((n) => n.metadata.name === name)) return s;
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    ...(opts.podCIDR ? { spec: { podCIDR: opts.podCIDR } } : {}),
    ...(opts.ip ? { status: { addresses: [{ type: 'InternalIP', address: opts.ip }] } } : {}),
  };
  return { ...s, nodes: [...s.nodes, node] };
}

/** Removes a node. Its pods stay, bound to the missing node, so validation can say so. */
export function removeNode(s: Scenario, name: string): Scenario {
  const nodes = s.nodes.filter((n) => n.metadata.name !== name);
  return nodes.length === s.nodes.length
    ? s
    : { ...s, nodes, layout: dropLayout(s.layout, `node:${name}`) };
}

export function removeNodeAndPods(s: Scenario, name: string): Scenario {
  const next = removeNode(s, name);
  const pods = next.pods.filter((p) => p.spec.nodeName !== name);
  return pods.length === next.pods.length ? next : { ...next, pods };
}

export function addPod(s: Scenario, p: NewPod): Scenario {
  if (s.pods.some((x) => keyOf(x.metadata) === `${p.namespace}/${p.name}`)) return s;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      ...(p.labels && Object.keys(p.labels).length ? { labels: p.labels } : {}),
    },
    spec: {
      ...(p.nodeName ? { nodeName: p.nodeName } : {}),
      ...(p.hostNetwork ? { hostNetwork: true } : {}),
      containers: p.containers,
    },
    status: { phase: 'Running' },
  };
  return ensureNamespace({ ...s, pods: [...s.pods, pod] }, p.namespace);
}

export function updatePod(s: Scenario, key: string, fn: (p: Pod) => Pod): Scenario {
  let changed = false;
  const pods = s.pods.map((p) => {
    if (keyOf(p.metadata) !== key) return p;
    const n = fn(p);
    if (n !== p) changed = true;
    return n;
  });
  return changed ? { ...s, pods } : s;
}

export function removePod(s: Scenario, key: string): Scenario {
  const pods = s.pods.filter((p) => keyOf(p.metadata) !== key);
  return pods.length === s.pods.length
    ? s
    : { ...s, pods, layout: dropLayout(s.layout, `pod:${key}`) };
}

export function addService(s: Scenario, svc: NewService): Scenario {
  if (s.services.some((x) => keyOf(x.metadata) === `${svc.namespace}/${svc.name}`)) return s;
  const service: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: svc.name, namespace: svc.namespace },
    spec: svc.spec,
  };
  return ensureNamespace({ ...s, services: [...s.services, service] }, svc.namespace);
}

export function updateService(s: Scenario, key: string, fn: (x: Service) => Service): Scenario {
  let changed = false;
  const services = s.services.map((x) => {
    if (keyOf(x.metadata) !== key) return x;
    const n = fn(x);
    if (n !== x) changed = true;
    return n;
  });
  return changed ? { ...s, services } : s;
}

export function removeService(s: Scenario, key: string): Scenario {
  const services = s.services.filter((x) => keyOf(x.metadata) !== key);
  return services.length === s.services.length
    ? s
    : { ...s, services, layout: dropLayout(s.layout, `svc:${key}`) };
}

export function ensureNamespace(s: Scenario, name: string): Scenario {
  if (s.namespaces.some((n) => n.metadata.name === name)) return s;
  return {
    ...s,
    namespaces: [...s.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }],
  };
}

/** Records where the user dragged an element (kept in the document so links look the same). */
export function moveElement(s: Scenario, id: string, pos: Position): Scenario {
  const round = { x: Math.round(pos.x), y: Math.round(pos.y) };
  const prev = s.layout[id];
  if (prev && prev.x === round.x && prev.y === round.y) return s;
  return { ...s, layout: { ...s.layout, [id]: round } };
}

export function resetLayout(s: Scenario): Scenario {
  return Object.keys(s.layout).length === 0 ? s : { ...s, layout: {} };
}

function dropLayout(layout: Scenario['layout'], prefix: string): Scenario['layout'] {
  const out: Record<string, Position> = {};
  let dropped = false;
  for (const [k, v] of Object.entries(layout)) {
    if (k === prefix || k.startsWith(`${prefix}/`)) dropped = true;
    else out[k] = v;
  }
  return dropped ? out : layout;
}

/** Adds a NetworkPolicy, or replaces the one with the same namespace/name. */
export function upsertNetworkPolicy(
  s: Scenario,
  policy: NetworkPolicy,
  replacing?: string,
): Scenario {
  const key = keyOf(policy.metadata);
  const drop = new Set([key, ...(replacing ? [replacing] : [])]);
  const idx = s.networkPolicies.findIndex((p) => drop.has(keyOf(p.metadata)));
  const rest = s.networkPolicies.filter((p) => !drop.has(keyOf(p.metadata)));
  const list = idx < 0 ? [...rest, policy] : [...rest.slice(0, idx), policy, ...rest.slice(idx)];
  if (same(list, s.networkPolicies)) return s;
  return ensureNamespace({ ...s, networkPolicies: list }, policy.metadata.namespace ?? 'default');
}

export function removeNetworkPolicy(s: Scenario, key: string): Scenario {
  const list = s.networkPolicies.filter((p) => keyOf(p.metadata) !== key);
  return list.length === s.networkPolicies.length ? s : { ...s, networkPolicies: list };
}
