/**
 * The overview's fixed part (memoised per cluster and canvas aspect): one tile per Kubernetes
 * node — name, address, pod range and pod count, a bar of its pods by namespace colour — in
 * frames per zone / subnet, and one summary per namespace for its Services. Ids are `tile:NODE`,
 * `tilebar:NODE`, `group:KEY` and `svcsum:NAMESPACE`; the full datapath keeps its own ids.
 */
import type { ElementDefinition } from 'cytoscape';

import type { Cluster, DerivedNode, DerivedService } from '@/sim';
import { namespaceColor } from '@/theme';

import { KIND } from '../keys';

import { gridLayout, TILE_H, TILE_W, type Grid } from './grid';
import { nodeGroups } from './groups';

/** Stripes of a tile's bar (Cytoscape draws up to 16); the smallest namespaces share the last. */
export const BAR_STRIPES = 8;
const OTHER_COLOR = '#94a3b8';
const SPINE_W = 12;

export interface OverviewBase {
  readonly elements: readonly ElementDefinition[];
  readonly grid: Grid;
  /** Centre of each node's tile. */
  readonly tiles: ReadonlyMap<string, { readonly x: number; readonly y: number }>;
}

export const tileId = (node: string): string => `tile:${node}`;
export const summaryId = (ns: string): string => `svcsum:${ns}`;

const memo = new WeakMap<Cluster, Map<string, OverviewBase>>();

export function overviewBase(cluster: Cluster, aspect: number): OverviewBase {
  const key = aspect.toFixed(2);
  let m = memo.get(cluster);
  if (!m) {
    m = new Map();
    memo.set(cluster, m);
  }
  const hit = m.get(key);
  if (hit) return hit;
  const out = build(cluster, aspect);
  m.set(key, out);
  return out;
}

function build(cluster: Cluster, aspect: number): OverviewBase {
  const groups = nodeGroups(cluster);
  const byNs = servicesByNamespace(cluster);
  const grid = gridLayout(
    [
      ...groups.map((g) => ({ key: g.key, count: g.nodes.length })),
      ...(byNs.size ? [{ key: 'services', count: byNs.size, newShelf: true }] : []),
    ],
    aspect,
  );
  const nsNames = cluster.namespaces.map((n) => n.name);
  const els: ElementDefinition[] = [];
  const tiles = new Map<string, { x: number; y: number }>();
  const frame = (id: string, label: string, b: Grid['blocks'][number]): void => {
    els.push({
      group: 'nodes',
      data: { id, kind: KIND.tileGroup, label, w: b.w, h: b.h },
      position: { x: b.x, y: b.y },
    });
  };
  groups.forEach((g, gi) => {
    const block = grid.blocks[gi];
    if (!block) return;
    // One frame only when it says something (a zone or subnet); else the tiles stand alone.
    if (groups.length > 1 || g.zone || g.subnet) frame(`group:${g.key}`, g.label, block);
    g.nodes.forEach((n, i) => {
      const at = block.cells[i];
      if (!at) return;
      tiles.set(n.name, at);
      els.push(...tileElements(cluster, n, at, nsNames));
    });
  });
  const svcBlock = grid.blocks[groups.length];
  if (svcBlock) {
    frame('group:services', 'Services by namespace', svcBlock);
    [...byNs.entries()].forEach(([ns, svcs], i) => {
      const at = svcBlock.cells[i];
      if (at) els.push(summaryElement(ns, svcs, at, namespaceColor(ns, nsNames)));
    });
  }
  return { elements: els, grid, tiles };
}

function tileElements(
  cluster: Cluster,
  n: DerivedNode,
  at: { x: number; y: number },
  nsNames: readonly string[],
): ElementDefinition[] {
  const counts = new Map<string, number>();
  for (const k of n.podKeys) {
    const ns = cluster.podByKey.get(k)?.namespace ?? '';
    counts.set(ns, (counts.get(ns) ?? 0) + 1);
  }
  const pods = `${n.podKeys.length} pod${n.podKeys.length === 1 ? '' : 's'}`;
  // Zoomed out the tile says who and how many; zoomed in (class `detail`), where as well.
  const label = `${n.name}\n${pods}`;
  const detail = [`${n.name} · ${pods}`, n.ips[0] ?? 'no address', n.podCIDRs[0] ?? 'no pod range'];
  const tile: ElementDefinition = {
    group: 'nodes',
    data: {
      id: tileId(n.name),
      kind: KIND.tile,
      node: n.name,
      label,
      detail: detail.join('\n'),
      w: TILE_W,
      h: TILE_H,
    },
    position: { ...at },
  };
  if (n.podKeys.length === 0) return [tile];
  return [
    tile,
    {
      group: 'nodes',
      data: {
        id: `tilebar:${n.name}`,
        kind: KIND.tileBar,
        node: n.name,
        label: '',
        w: SPINE_W,
        h: TILE_H - 20,
        ...stripes(counts, n.podKeys.length, nsNames),
      },
      // A spine down the tile's left edge, its pods by namespace from top to bottom.
      position: { x: at.x - TILE_W / 2 + 10 + SPINE_W / 2, y: at.y },
    },
  ];
}

/** `s1c`/`s1s` … data for the bar's stripes: namespace colour and share in percent. */
function stripes(
  counts: ReadonlyMap<string, number>,
  total: number,
  nsNames: readonly string[],
): Record<string, string | number> {
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, BAR_STRIPES - 1);
  const rest = sorted.slice(BAR_STRIPES - 1).reduce((s, [, c]) => s + c, 0);
  const parts: [string, number][] = shown.map(([ns, c]) => [namespaceColor(ns, nsNames), c]);
  if (rest > 0) parts.push([OTHER_COLOR, rest]);
  const out: Record<string, string | number> = {};
  for (let i = 0; i < BAR_STRIPES; i++) {
    const p = parts[i];
    out[`s${i + 1}c`] = p?.[0] ?? OTHER_COLOR;
    out[`s${i + 1}s`] = p ? (100 * p[1]) / total : 0;
  }
  return out;
}

function servicesByNamespace(cluster: Cluster): Map<string, DerivedService[]> {
  const out = new Map<string, DerivedService[]>();
  for (const s of cluster.services) {
    const list = out.get(s.namespace) ?? [];
    list.push(s);
    out.set(s.namespace, list);
  }
  return out;
}

/** "ClusterIP 180 · NodePort 20 · headless 2": counts by type, commonest first. */
export function serviceTypeCounts(svcs: readonly DerivedService[]): string {
  const counts = new Map<string, number>();
  for (const s of svcs) {
    const t = s.headless ? 'headless' : s.type;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([t, c]) => `${t} ${c}`)
    .join(' · ');
}

function summaryElement(
  ns: string,
  svcs: readonly DerivedService[],
  at: { x: number; y: number },
  color: string,
): ElementDefinition {
  const n = svcs.length;
  return {
    group: 'nodes',
    data: {
      id: summaryId(ns),
      kind: KIND.serviceSummary,
      namespace: ns,
      color,
      label: `${ns}\n${n} Service${n === 1 ? '' : 's'}`,
      detail: `${ns} · ${n} Service${n === 1 ? '' : 's'}\n${serviceTypeCounts(svcs)}`,
      w: TILE_W,
      h: TILE_H,
    },
    position: { ...at },
  };
}
