/**
 * The Cytoscape adapter (HOUSE_STYLE §6): owns one Cytoscape instance in a container div. It gets
 * data pushed in (`update`, `showTrace`, `setSelection`) and reports user actions through
 * callbacks; it never reads the store. Selection belongs to the app (Cytoscape's own is off).
 */
import cytoscape, {
  type Collection,
  type Core,
  type EventObject,
  type NodeSingular,
} from 'cytoscape';

import type { Cluster, Trace } from '@/sim';
import type { Palette } from '@/theme';

import { CY_CLASS, KIND } from './keys';
import { patchElements } from './patchElements';
import { buildStylesheet } from './stylesheet';
import { toElements } from './toElements';
import { MARKER_ID, showTrace, type OverlayOptions } from './traceOverlay';

export interface GraphCallbacks {
  readonly onSelect: (id: string | undefined) => void;
  /** Positions of leaves after the user dragged something (one call per drag). */
  readonly onNodesMoved: (moves: readonly { id: string; x: number; y: number }[]) => void;
}

export interface GraphView {
  readonly cy: Core;
  update(cluster: Cluster): void;
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

const SELECTABLE = new Set<string>([
  KIND.node,
  KIND.eth0,
  KIND.routes,
  KIND.iptables,
  KIND.bridge,
  KIND.vxlan,
  KIND.pod,
  KIND.podEth0,
  KIND.container,
  KIND.pause,
  KIND.service,
  KIND.loadBalancer,
  KIND.bus,
  KIND.external,
  KIND.veth,
  KIND.endpoint,
]);

/** Above this many graph nodes the first view shows the first FIRST_NODES cluster nodes. */
const LARGE = 2500;
const FIRST_NODES = 4;

export function createGraphView(
  container: HTMLElement,
  palette: Palette,
  cb: GraphCallbacks,
): GraphView {
  const cy = cytoscape({
    container,
    style: buildStylesheet(palette),
    layout: { name: 'preset' },
    minZoom: 0.08,
    maxZoom: 3,
    wheelSensitivity: 0.25,
    boxSelectionEnabled: false,
    autoungrabify: false,
    autounselectify: true,
  });
  let first = true;
  let dragging = new Set<string>();

  cy.on('tap', (e: EventObject) => {
    if (e.target === cy) {
      cb.onSelect(undefined);
      return;
    }
    const el = e.target as NodeSingular;
    const kind = el.data('kind') as string | undefined;
    if (el.id() === MARKER_ID) return;
    if (kind && SELECTABLE.has(kind)) cb.onSelect(el.id());
    else if (el.isNode() && el.parent().nonempty())
      cb.onSelect((el.parent()[0] as NodeSingular).id());
  });
  cy.on('grab', 'node', (e: EventObject) => {
    const el = e.target as NodeSingular;
    dragging = new Set([el.id(), ...el.descendants().map((n) => n.id())]);
  });
  cy.on('dragfree', 'node', (e: EventObject) => {
    const el = e.target as NodeSingular;
    const leaves: NodeSingular[] = el.isParent()
      ? (el
          .descendants()
          .filter((n) => !n.isParent())
          .toArray() as NodeSingular[])
      : [el];
    const moves = leaves
      .filter((n) => !n.data('transient'))
      .map((n) => ({ id: n.id(), x: n.position().x, y: n.position().y }));
    dragging = new Set();
    if (moves.length) cb.onNodesMoved(moves);
  });

  let inset = { left: 0, bottom: 0 };
  const fitTo = (els: Collection): void => {
    if (els.empty()) return;
    const pad = 30;
    // Too small to spare an inset: let the overlay cover part of the graph instead.
    const left = cy.width() - inset.left > 320 ? inset.left : 0;
    const bottom = cy.height() - inset.bottom > 240 ? inset.bottom : 0;
    const w = cy.width() - left - 2 * pad;
    const h = cy.height() - bottom - 2 * pad;
    if (w <= 0 || h <= 0) return;
    const bb = els.boundingBox({});
    const fitZoom = Math.min(w / Math.max(bb.w, 1), h / Math.max(bb.h, 1), 1.15);
    const z = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), fitZoom));
    cy.viewport({
      zoom: z,
      pan: {
        x: left + pad + w / 2 - z * (bb.x1 + bb.w / 2),
        y: pad + h / 2 - z * (bb.y1 + bb.h / 2),
      },
    });
  };

  const view: GraphView = {
    cy,
    update(cluster) {
      patchElements(cy, toElements(cluster), { keepPositions: dragging });
      cy.nodes(`[kind = "${KIND.busTap}"], [kind = "${KIND.bridgePort}"]`).ungrabify();
      if (first && cy.nodes().length > 0) {
        first = false;
        // A large cluster opens on its first nodes: drawing (and styling) every element of a
        // whole-cluster overview is what makes the first frame slow. The fit button shows it all.
        const boxes = cy.nodes(`[kind = "${KIND.node}"]`);
        if (cy.nodes().length > LARGE && boxes.length > FIRST_NODES)
          fitTo(boxes.slice(0, FIRST_NODES).union(boxes.slice(0, FIRST_NODES).descendants()));
        else view.fit();
      }
    },
    setPalette(p) {
      cy.style(buildStylesheet(p));
    },
    setSelection(id) {
      cy.$(`.${CY_CLASS.selected}`).removeClass(CY_CLASS.selected);
      if (id) cy.getElementById(id).addClass(CY_CLASS.selected);
    },
    setHighlights(list) {
      cy.$(`.${CY_CLASS.highlight}`).removeClass(CY_CLASS.highlight);
      for (const id of list) cy.getElementById(id).addClass(CY_CLASS.highlight);
    },
    setErrors(list) {
      cy.$(`.${CY_CLASS.error}`).removeClass(CY_CLASS.error);
      for (const id of list) cy.getElementById(id).addClass(CY_CLASS.error);
    },
    setIsolated(list) {
      cy.batch(() => {
        cy.$(`.${CY_CLASS.isolated}`).removeClass(CY_CLASS.isolated);
        for (const id of list) cy.getElementById(id).addClass(CY_CLASS.isolated);
      });
    },
    setPolicyView(v) {
      cy.batch(() => {
        cy.$(`.${CY_CLASS.policySelected}, .${CY_CLASS.policyPeer}`).removeClass(
          `${CY_CLASS.policySelected} ${CY_CLASS.policyPeer}`,
        );
        for (const id of v?.peers ?? []) cy.getElementById(id).addClass(CY_CLASS.policyPeer);
        for (const id of v?.selected ?? [])
          cy.getElementById(id).removeClass(CY_CLASS.policyPeer).addClass(CY_CLASS.policySelected);
      });
    },
    showTrace(trace, step, opts) {
      showTrace(cy, trace, step, opts);
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
      fitTo(cy.elements().not(`#${MARKER_ID}`));
    },
    setInsets({ left = 0, bottom = 0 }) {
      inset = { left: Math.max(0, left), bottom: Math.max(0, bottom) };
    },
    zoomBy(f) {
      const c = { x: cy.width() / 2, y: cy.height() / 2 };
      cy.zoom({ level: Math.min(3, Math.max(0.08, cy.zoom() * f)), renderedPosition: c });
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
