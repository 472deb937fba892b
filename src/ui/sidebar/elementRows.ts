/**
 * The element list's rows: a header per group (nodes, pods per namespace, Services) and one row
 * per object, flattened for the virtual list; the search text of every row is computed once per
 * cluster so that filtering 10,000 pods is one substring test each.
 */
import { ids, type Cluster } from '@/sim';
import { namespaceColor } from '@/theme';

export interface Entry {
  readonly id: string;
  readonly label: string;
  readonly detail: string;
  readonly color?: string;
}

export type Row =
  | { readonly kind: 'header'; readonly title: string; readonly count: number }
  | { readonly kind: 'item'; readonly entry: Entry; readonly group: string };

interface Group {
  readonly title: string;
  readonly entries: readonly Entry[];
  /** Lower-case "label detail title" per entry. */
  readonly haystacks: readonly string[];
}

const memo = new WeakMap<Cluster, readonly Group[]>();

function groupsOf(cluster: Cluster): readonly Group[] {
  const hit = memo.get(cluster);
  if (hit) return hit;
  const ns = cluster.namespaces.map((n) => n.name);
  const raw: { title: string; entries: Entry[] }[] = [];
  raw.push({
    title: 'Nodes',
    entries: cluster.nodes.map((n) => ({
      id: ids.node(n.name),
      label: n.name,
      detail: n.ips[0] ?? 'no IP',
    })),
  });
  const podsByNs = new Map<string, Entry[]>();
  for (const p of cluster.pods) {
    const list = podsByNs.get(p.namespace) ?? [];
    list.push({
      id: ids.pod(p.key),
      label: p.name,
      detail: p.ips[0] ?? 'no IP',
      color: namespaceColor(p.namespace, ns),
    });
    podsByNs.set(p.namespace, list);
  }
  for (const name of ns) {
    const pods = podsByNs.get(name);
    if (pods?.length) raw.push({ title: `Pods · ${name}`, entries: pods });
  }
  if (cluster.services.length)
    raw.push({
      title: 'Services',
      entries: cluster.services.map((s) => ({
        id: ids.service(s.key),
        label: `${s.namespace}/${s.name}`,
        detail: s.headless ? 'headless' : (s.clusterIPs[0] ?? s.type),
        color: namespaceColor(s.namespace, ns),
      })),
    });
  const out = raw.map((g) => ({
    ...g,
    haystacks: g.entries.map((e) => `${e.label} ${e.detail} ${g.title}`.toLowerCase()),
  }));
  memo.set(cluster, out);
  return out;
}

/** The rows to show for a search (empty: everything). */
export function elementRows(cluster: Cluster, query: string): Row[] {
  const needle = query.trim().toLowerCase();
  const rows: Row[] = [];
  for (const g of groupsOf(cluster)) {
    const hits = needle ? g.entries.filter((_, i) => g.haystacks[i]?.includes(needle)) : g.entries;
    if (hits.length === 0) continue;
    rows.push({ kind: 'header', title: g.title, count: hits.length });
    for (const entry of hits) rows.push({ kind: 'item', entry, group: g.title });
  }
  return rows;
}
