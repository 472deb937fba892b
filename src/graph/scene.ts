/**
 * What is drawn and where the camera goes. Small clusters: every element, as always. Large ones
 * (overview/mode.ts): the tile grid plus the focus in full; the element list is patched only when
 * the focus or the cluster changed, and the camera frames what the user asked for — the walk's
 * nodes when a walk opens (and back to where it was when it closes), a selected element that
 * is off screen, a node the user just expanded.
 */
import type { Core, ElementDefinition, Position } from 'cytoscape';

import type { Cluster, Trace } from '@/sim';

import { fitBox, fitElements, isWellInView, type Insets } from './camera';
import { KIND } from './keys';
import { focusOf, ownerOf, type Focus } from './overview/focus';
import { isOverview } from './overview/mode';
import { overviewElements, type NodeProblems } from './overview/overviewElements';
import { tileId } from './overview/tiles';
import { patchElements } from './patchElements';
import { toElements } from './toElements';

export interface SceneInput {
  readonly selection?: string | undefined;
  readonly trace?: Trace | undefined;
  /** Nodes the user expanded, in order. */
  readonly expanded: readonly string[];
  /** Diagnostics per node (badges on the overview's tiles). */
  readonly problems?: NodeProblems | undefined;
}

export interface SceneChange {
  /** The element list was patched. */
  readonly elements: boolean;
  /** The camera was moved to frame a newly opened walk. */
  readonly framedWalk: boolean;
}

const focusKey = (f: Focus): string =>
  `${f.nodes.join(',')}|${f.services.join(',')}|${f.strayPods.join(',')}`;

const READABLE_ZOOM = 0.45;

export function createScene(cy: Core, insets: () => Insets) {
  let cluster: Cluster | undefined;
  let overview = false;
  let aspect = 1;
  let aspectNodes = -1;
  let last: { cluster: Cluster; key: string; problems: NodeProblems | undefined } | undefined;
  let grid: { x1: number; y1: number; x2: number; y2: number } | undefined;
  let prev: SceneInput = { expanded: [] };
  let beforeWalk: { zoom: number; pan: Position } | undefined;

  const frameWalk = (focus: Focus, trace: Trace, animate: boolean): void => {
    let els = cy.collection();
    for (const n of focus.walkNodes) els = els.union(cy.getElementById(`node:${n}`));
    // The node network and the router above it: the frame's top edge must not cut them.
    if (els.nonempty())
      els = els.union(cy.nodes(`[kind = "${KIND.bus}"], [kind = "${KIND.external}"]`));
    for (const k of focus.services)
      els = els.union(cy.getElementById(`svc:${k}`)).union(cy.getElementById(`lb:${k}`));
    if (trace.hops.some((h) => h.at === 'ext:internet'))
      els = els.union(cy.getElementById('ext:internet'));
    fitElements(cy, els, insets(), { animate, maxZoom: 1, align: 'top' });
  };

  const frameSelection = (c: Cluster, id: string, animate: boolean): void => {
    const el = cy.getElementById(id);
    if (el.nonempty()) {
      if (isWellInView(cy, el, READABLE_ZOOM)) return;
      const node = ownerOf(c, id).node;
      const column = node ? cy.getElementById(`node:${node}`) : el;
      const p = el.isNode() ? el.position() : undefined;
      fitElements(cy, column.nonempty() ? column : el, insets(), {
        animate,
        maxZoom: 1.1,
        minZoom: 0.8,
        ...(p ? { focus: { x: p.x, y: p.y } } : {}),
      });
      return;
    }
    const node = ownerOf(c, id).node;
    const tile = node ? cy.getElementById(tileId(node)) : undefined;
    if (tile?.nonempty() && !isWellInView(cy, tile, 0))
      fitElements(cy, tile, insets(), { animate, maxZoom: cy.zoom(), minZoom: cy.zoom() });
  };

  return {
    get cluster() {
      return cluster;
    },
    get overview() {
      return overview;
    },
    gridBounds: () => grid,
    update(c: Cluster, input: SceneInput, dragging: ReadonlySet<string>, animate: boolean) {
      const wasOverview = overview;
      const firstDraw = cluster === undefined;
      cluster = c;
      overview = isOverview(c);
      let focus: Focus | undefined;
      if (overview) {
        // The grid follows the canvas's shape when the node count changes, never on a select.
        if (aspectNodes !== c.nodes.length || !wasOverview) {
          aspect = Math.min(4, Math.max(0.4, cy.width() / Math.max(1, cy.height()))) || 1;
          aspectNodes = c.nodes.length;
        }
        focus = focusOf(c, input);
      }
      const key = focus ? `${focusKey(focus)}#${aspect}` : 'full';
      const problems = overview ? input.problems : undefined;
      const changed = !last || last.cluster !== c || last.key !== key || last.problems !== problems;
      if (changed) {
        let els: readonly ElementDefinition[];
        if (focus) {
          const scene = overviewElements(c, focus, aspect, problems);
          grid = scene.base.grid.bounds;
          els = scene.elements;
        } else els = toElements(c);
        patchElements(cy, els, { keepPositions: dragging });
        cy.nodes(`[kind = "${KIND.busTap}"], [kind = "${KIND.bridgePort}"]`).ungrabify();
        cy.autoungrabify(overview);
        last = { cluster: c, key, problems };
      }
      const before = prev;
      prev = input;
      let framedWalk = false;
      if (firstDraw || wasOverview !== overview) {
        // The closed legend sits at the bottom left: keep the grid clear of it.
        const i = insets();
        if (overview && grid)
          fitBox(cy, grid, { ...i, bottom: Math.max(i.bottom, 48) }, { animate: false });
        else fitElements(cy, cy.elements(), insets(), { animate: false });
      } else if (overview && focus) {
        if (input.trace && input.trace !== before.trace && input.trace.hops.length > 0) {
          if (!before.trace) beforeWalk = { zoom: cy.zoom(), pan: { ...cy.pan() } };
          frameWalk(focus, input.trace, animate);
          framedWalk = true;
        } else if (!input.trace && before.trace && beforeWalk) {
          const v = beforeWalk;
          beforeWalk = undefined;
          cy.stop();
          if (animate) cy.animate({ zoom: v.zoom, pan: v.pan, duration: 350 });
          else cy.viewport(v);
        } else if (input.selection && input.selection !== before.selection) {
          frameSelection(c, input.selection, animate);
        } else {
          const opened = input.expanded.find((n) => !before.expanded.includes(n));
          const col = opened ? cy.getElementById(`node:${opened}`) : undefined;
          if (col?.nonempty() && !isWellInView(cy, col, READABLE_ZOOM))
            fitElements(cy, col, insets(), { animate, maxZoom: 1.1, minZoom: 0.55 });
        }
      }
      return { elements: changed, framedWalk };
    },
  };
}
