/**
 * Which parts of a large cluster are drawn in full (DESIGN.md §9 "overview, then focus"): the
 * nodes a walk crosses (in the order it reaches them, so the source is on the left) and the
 * Services it goes through, the selected element's node or Service, and the nodes the user
 * expanded. Everything else stays a tile. Pure: ids in, names and keys out.
 */
import type { Cluster, Trace } from '@/sim';

export interface FocusInput {
  readonly selection?: string | undefined;
  readonly trace?: Trace | undefined;
  /** Nodes the user expanded, in the order they did. */
  readonly expanded: readonly string[];
}

export interface Focus {
  /** Nodes drawn in full, in column order: the walk's, the selection's, then the user's. */
  readonly nodes: readonly string[];
  /** Services drawn (keys). */
  readonly services: readonly string[];
  /** Pods without a node that are drawn (selected or on the walk). */
  readonly strayPods: readonly string[];
  /** The nodes the walk crosses (a subset of `nodes`). */
  readonly walkNodes: readonly string[];
}

export interface Owner {
  readonly node?: string;
  readonly service?: string;
  readonly pod?: string;
}

const podOwner = (cluster: Cluster, key: string): Owner => {
  const pod = cluster.podByKey.get(key);
  if (!pod) return {};
  const node = pod.nodeName !== undefined && cluster.nodeByName.has(pod.nodeName);
  return node ? { node: pod.nodeName, pod: key } : { pod: key };
};

/** The node, Service or pod a graph element id belongs to (see `ids` in @/sim and toElements). */
export function ownerOf(cluster: Cluster, id: string): Owner {
  const i = id.indexOf(':');
  if (i < 0) return {};
  const kind = id.slice(0, i);
  const rest = id.slice(i + 1);
  const parts = rest.split('/');
  const key2 = `${parts[0] ?? ''}/${parts[1] ?? ''}`;
  switch (kind) {
    case 'node':
    case 'link':
    case 'int':
    case 'tile':
      return cluster.nodeByName.has(parts[0] ?? '') ? { node: parts[0] } : {};
    case 'tap':
      if (rest.startsWith('lb:')) return { service: rest.slice(3) };
      return cluster.nodeByName.has(rest) ? { node: rest } : {};
    case 'pod':
    case 'veth':
    case 'vethport':
      return podOwner(cluster, key2);
    case 'svc':
    case 'svcep':
    case 'lb':
    case 'lb-link':
      return cluster.serviceByKey.has(key2) ? { service: key2 } : {};
    default:
      return {};
  }
}

export function focusOf(cluster: Cluster, input: FocusInput): Focus {
  const nodes: string[] = [];
  const services: string[] = [];
  const strays: string[] = [];
  const add = (o: Owner): void => {
    if (o.node && !nodes.includes(o.node)) nodes.push(o.node);
    else if (!o.node && o.pod && !strays.includes(o.pod)) strays.push(o.pod);
    if (o.service && !services.includes(o.service)) services.push(o.service);
  };
  for (const h of input.trace?.hops ?? []) {
    if (h.node && cluster.nodeByName.has(h.node)) add({ node: h.node });
    add(ownerOf(cluster, h.at));
    for (const id of h.highlight ?? []) {
      const o = ownerOf(cluster, id);
      // The Service a hop goes through, not the node of the endpoint it merely points at.
      if (o.service) add({ service: o.service });
    }
  }
  const walkNodes = [...nodes];
  // A selected node stays a tile (its inspector offers "Expand"); anything inside it opens it.
  const sel = input.selection;
  if (sel && !/^(node|tile):[^/]+$/.test(sel)) add(ownerOf(cluster, sel));
  for (const n of input.expanded) if (cluster.nodeByName.has(n)) add({ node: n });
  return { nodes, services, strayPods: strays, walkNodes };
}
