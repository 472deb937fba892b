/**
 * The Cytoscape adapter (HOUSE_STYLE §6): owns one Cytoscape instance in a container div. It gets
 * data pushed in (`update`, `showTrace`, `setSelection`) and reports user actions through
 * callbacks; it never reads the store. Selection belongs to the app (Cytoscape's own is off).
 * Small clusters are drawn in full; large ones as an overview of tiles plus the focus in full
 * (scene.ts). State classes are applied locally (classLayers.ts).
 */
import cytoscape, { type Core } from 'cytoscape';

import type { Cluster, Trace } from '@/sim';
import type { Palette } from '@/theme';

import { fitBox, fitElements, type Insets } from './camera';
import { ClassLayer, withClass } from './classLayers';
import { installEvents, type GraphCallbacks } from './events';
import { CY_CLASS, KIND } from './keys';
import { ownerOf } from './overview/focus';
import { summaryId, tileId } from './overview/tiles';
import { createScene, type SceneInput } from './scene';
import { buildStylesheet } from './stylesheet';
import { MARKER_ID, showTrace, type OverlayOptions } from './traceOverlay';

export type { GraphCallbacks } from './events';

/** From this zoom on, tiles show their address and pod range (their font reads at ≥ 9 px). */
const DETAIL_ZOOM = 0.5;
export type { SceneInput } from './scene';

export interface GraphView {
  readonly cy: Core;
  /**
   * Draws the cluster: in full, or (large clusters) as the overview with the focus the input
   * asks for — the selection's node, the walk's nodes and Services, the user's expanded nodes.
   */
  update(cluster: Cluster, input?: SceneInput, opts?: { animate?: boolean }): void;
  /** True while the graph shows the overview (tiles) rather than every node in full. */
  isOverview(): boolean;
  setPalette(p: Palette): void;
  setSelection(id: string | undefined): void;
  setHighlights(ids: readonly string[]): void;
  setErrors(ids: readonly string[]): void;
  setIsolated(ids: readonly string[]): void;
  setPolicyView(
    v: { readonly selected: readonly string[]; readonly peers: readonly string[] } | undefined,
  ): void;
  showTrace(trace: Trace | undefined, step: number, opts: OverlayOptions): void;
  /** Learning marks: pause containers shown or not, elements hidden (not born yet), hints. */
  setLearnMarks(m: {
    readonly showPause: boolean;
    readonly hidden: readonly string[];
    readonly hints: readonly string[];
  }): void;
  /** Fits the graph into the canvas less the insets (an open legend covers the bottom). */
  fit(): void;
  setInsets(insets: { readonly left?: number; readonly bottom?: number }): void;
  zoomBy(factor: number): void;
  destroy(): void;
  /** For tests: an element's rendered box relative to the container. */
  renderedBox(id: string): { x: number; y: number; w: number; h: number } | undefined;
}

export interface RendererOptions {
  /**
   * Cytoscape's WebGL renderer (3.31+) instead of its 2D canvas: elements are drawn from texture
   * atlases in batches. Measured in `npm run bench:app -- --webgl` (README, Performance).
   */
  readonly webgl?: boolean;
}

export function createGraphView(
  container: HTMLElement,
  palette: Palette,
  cb: GraphCallbacks,
  renderer: RendererOptions = {},
): GraphView {
  // The WebGL renderer blends over the container's own background colour (white by default).
  if (renderer.webgl) container.style.backgroundColor = palette.canvas;
  const cy = cytoscape({
    container,
    ...(renderer.webgl ? { webgl: true } : {}),
    style: buildStylesheet(palette),
    layout: { name: 'preset' },
    minZoom: 0.05,
    maxZoom: 3,
    wheelSensitivity: 0.25,
    boxSelectionEnabled: false,
    autoungrabify: false,
    autounselectify: true,
  });
  let inset: Insets = { left: 0, bottom: 0 };
  const scene = createScene(cy, () => inset);
  const events = installEvents(cy, cb, () => scene.overview);

  // An element that is not drawn is shown on its node's tile or its namespace's Service summary.
  const standIn = (id: string): string | undefined => {
    const cluster = scene.cluster;
    if (!scene.overview || !cluster) return undefined;
    const o = ownerOf(cluster, id);
    if (o.node) return tileId(o.node);
    const svc = o.service ? cluster.serviceByKey.get(o.service) : undefined;
    return svc ? summaryId(svc.namespace) : undefined;
  };
  const layers = {
    selected: new ClassLayer(cy, 'always', standIn),
    highlight: new ClassLayer(cy, 'missing', standIn),
    error: new ClassLayer(cy, 'missing', standIn),
    isolated: new ClassLayer(cy, 'never', standIn),
    policy: new ClassLayer(cy, 'missing', standIn),
  };
  let skipFollow = false;

  // Level of detail: zoomed in far enough, tiles show their address and pod range as well.
  let detail: boolean | undefined;
  const applyDetail = (force: boolean): void => {
    const want = cy.zoom() >= DETAIL_ZOOM;
    if (!scene.overview || (!force && want === detail)) return;
    detail = want;
    cy.batch(() =>
      cy
        .nodes(`[kind = "${KIND.tile}"], [kind = "${KIND.serviceSummary}"]`)
        .toggleClass(CY_CLASS.detail, want),
    );
  };
  cy.on('zoom', () => applyDetail(false));

  const view: GraphView = {
    cy,
    update(cluster, input = { expanded: [] }, opts = {}) {
      const changed = scene.update(cluster, input, events.dragging(), opts.animate ?? false);
      if (!changed.elements) return;
      for (const l of Object.values(layers)) l.refresh();
      applyDetail(true);
      if (changed.framedWalk) skipFollow = true;
    },
    isOverview: () => scene.overview,
    setPalette(p) {
      cy.style(buildStylesheet(p));
      if (renderer.webgl) container.style.backgroundColor = p.canvas;
    },
    setSelection(id) {
      layers.selected.set(withClass(id ? [id] : [], CY_CLASS.selected));
    },
    setHighlights(list) {
      layers.highlight.set(withClass(list, CY_CLASS.highlight));
    },
    setErrors(list) {
      layers.error.set(withClass(list, CY_CLASS.error));
    },
    setIsolated(list) {
      layers.isolated.set(withClass(list, CY_CLASS.isolated));
    },
    setPolicyView(v) {
      const want = withClass(v?.peers ?? [], CY_CLASS.policyPeer);
      for (const id of v?.selected ?? []) want.set(id, CY_CLASS.policySelected);
      layers.policy.set(want);
    },
    showTrace(trace, step, opts) {
      // Right after the walk was framed, the marker is in view: no follow-pan to cancel that.
      showTrace(cy, trace, step, skipFollow ? { ...opts, follow: false } : opts);
      skipFollow = false;
    },
    setLearnMarks({ showPause, hidden, hints }) {
      cy.batch(() => {
        const pauses = cy.nodes(`[kind = "${KIND.pause}"]`);
        if (showPause) pauses.removeClass(CY_CLASS.pauseOff);
        else pauses.addClass(CY_CLASS.pauseOff);
        cy.$(`.${CY_CLASS.unborn}, .${CY_CLASS.hint}`).removeClass(
          `${CY_CLASS.unborn} ${CY_CLASS.hint}`,
        );
        for (const id of hidden) cy.getElementById(id).addClass(CY_CLASS.unborn);
        for (const id of hints) cy.getElementById(id).addClass(CY_CLASS.hint);
      });
    },
    fit() {
      const all = cy.elements().not(`#${MARKER_ID}`);
      const grid = scene.overview ? scene.gridBounds() : undefined;
      // The overview's grid has known bounds; the focus under it is measured (a few hundred).
      if (grid) {
        const focus = all.filter(
          (e) => !e.data('kind')?.startsWith('tile') && !e.id().startsWith('svcsum:'),
        );
        const fb = focus.nonempty() ? focus.boundingBox({}) : undefined;
        fitBox(
          cy,
          fb
            ? { x1: Math.min(grid.x1, fb.x1), y1: grid.y1, x2: Math.max(grid.x2, fb.x2), y2: fb.y2 }
            : grid,
          inset,
          { animate: false },
        );
      } else fitElements(cy, all, inset, { animate: false });
    },
    setInsets({ left = 0, bottom = 0 }) {
      inset = { left: Math.max(0, left), bottom: Math.max(0, bottom) };
    },
    zoomBy(f) {
      const c = { x: cy.width() / 2, y: cy.height() / 2 };
      cy.zoom({
        level: Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * f)),
        renderedPosition: c,
      });
    },
    destroy() {
      cy.destroy();
    },
    renderedBox(id) {
      const el = cy.getElementById(id);
      if (el.empty()) return undefined;
      const bb = el.renderedBoundingBox({ includeLabels: false });
      return { x: bb.x1, y: bb.y1, w: bb.w, h: bb.h };
    },
  };
  return view;
}
