/**
 * The overview's elements for one moment: the tile grid (memoised) plus the focus drawn in full
 * under it — the focused nodes' columns, the node network between them, the Services in focus.
 * Tiles of focused nodes are marked `expanded`.
 */
import type { ElementDefinition } from 'cytoscape';

import type { Cluster, DerivedNode, DerivedPod, DerivedService } from '@/sim';

import { CY_CLASS, KIND } from '../keys';
import { NODE_COL_W } from '../layout';
import { scopedElements } from '../toElements';

import type { Focus } from './focus';
import { TILE_H, TILE_W } from './grid';
import { overviewBase, tileId, type OverviewBase } from './tiles';

/** Room above the focus columns for the node network, the outside world and load balancers. */
const FOCUS_TOP = 360;

/** Elements that only make sense with at least one node column drawn. */
const NEEDS_COLUMNS = new Set<string>([
  KIND.bus,
  KIND.external,
  KIND.busTap,
  KIND.link,
  KIND.loadBalancer,
]);

/** Diagnostics touching each node or its pods, by node name. */
export type NodeProblems = ReadonlyMap<
  string,
  { readonly errors: number; readonly warnings: number }
>;

export interface OverviewScene {
  readonly elements: readonly ElementDefinition[];
  readonly base: OverviewBase;
}

export function overviewElements(
  cluster: Cluster,
  focus: Focus,
  aspect: number,
  problems?: NodeProblems,
): OverviewScene {
  const base = overviewBase(cluster, aspect);
  const expanded = new Set(focus.nodes);
  const tiles = base.elements.map((e) =>
    expanded.has((e.data.node as string | undefined) ?? '') && e.data.kind === KIND.tile
      ? { ...e, classes: CY_CLASS.expanded }
      : e,
  );
  for (const [node, p] of problems ?? []) {
    const at = base.tiles.get(node);
    if (!at || p.errors + p.warnings === 0) continue;
    tiles.push(badge(node, at, p));
  }
  if (focus.nodes.length === 0 && focus.services.length === 0 && focus.strayPods.length === 0)
    return { elements: tiles, base };
  const nodes = focus.nodes
    .map((n) => cluster.nodeByName.get(n))
    .filter((n): n is DerivedNode => n !== undefined);
  const services = focus.services
    .map((k) => cluster.serviceByKey.get(k))
    .filter((s): s is DerivedService => s !== undefined);
  const strayPods = focus.strayPods
    .map((k) => cluster.podByKey.get(k))
    .filter((p): p is DerivedPod => p !== undefined);
  const b = base.grid.bounds;
  let focusEls = scopedElements(cluster, {
    nodes,
    services,
    strayPods,
    origin: { x: b.x1 + NODE_COL_W / 2 + 20, y: b.y2 + FOCUS_TOP },
  });
  if (nodes.length === 0)
    focusEls = focusEls.filter(
      (e) => !NEEDS_COLUMNS.has(e.data.kind as string) && !String(e.data.id).startsWith('tap:'),
    );
  return { elements: [...tiles, ...focusEls], base };
}

function badge(
  node: string,
  at: { x: number; y: number },
  p: { errors: number; warnings: number },
): ElementDefinition {
  const n = p.errors || p.warnings;
  return {
    group: 'nodes',
    data: {
      id: `tilebadge:${node}`,
      kind: KIND.tileBadge,
      node,
      // The icon as well as the colour (never colour alone): ⚠ errors, △ warnings.
      label: `${p.errors ? '⚠' : '△'} ${n > 99 ? '99+' : n}`,
    },
    position: { x: at.x + TILE_W / 2 - 30, y: at.y - TILE_H / 2 + 2 },
    classes: p.errors ? CY_CLASS.badgeError : CY_CLASS.badgeWarning,
  };
}

export { tileId };
