/**
 * Where the camera looks: fitting a set of elements into the canvas less the insets an overlay
 * covers, and the overview's framing of a selection or a walk. Bounding boxes are computed for
 * the elements framed only (never the whole of a large graph: that would style every element).
 */
import type { BoundingBox12, Collection, Core } from 'cytoscape';

export interface Insets {
  readonly left: number;
  readonly bottom: number;
}

export interface CameraMove {
  readonly animate: boolean;
}

const PAD = 30;

/** The canvas area not covered by overlays (too small to spare an inset: use all of it). */
function viewArea(cy: Core, inset: Insets): { x: number; y: number; w: number; h: number } {
  const left = cy.width() - inset.left > 320 ? inset.left : 0;
  const bottom = cy.height() - inset.bottom > 240 ? inset.bottom : 0;
  return {
    x: left + PAD,
    y: PAD,
    w: cy.width() - left - 2 * PAD,
    h: cy.height() - bottom - 2 * PAD,
  };
}

function go(cy: Core, zoom: number, pan: { x: number; y: number }, move: CameraMove): void {
  cy.stop();
  if (move.animate) cy.animate({ zoom, pan, duration: 350, easing: 'ease-in-out-cubic' });
  else cy.viewport({ zoom, pan });
}

export interface FitOptions extends CameraMove {
  readonly maxZoom?: number;
  readonly minZoom?: number;
  /** Where to look when the box is too big to fit at minZoom. */
  readonly focus?: { x: number; y: number };
  /** 'top': the box's top at the top of the view (default: centred). */
  readonly align?: 'center' | 'top';
}

/** Fits a box (model coordinates) into the view; zoom within [minZoom, maxZoom] of the call. */
export function fitBox(cy: Core, bb: BoundingBox12, inset: Insets, opts: FitOptions): void {
  const a = viewArea(cy, inset);
  if (a.w <= 0 || a.h <= 0) return;
  const w = Math.max(bb.x2 - bb.x1, 1);
  const h = Math.max(bb.y2 - bb.y1, 1);
  const fit = Math.min(a.w / w, a.h / h, opts.maxZoom ?? 1.15);
  const z = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), Math.max(fit, opts.minZoom ?? 0)));
  // Too big to fit at the least zoom allowed: centre on the focus point instead.
  const c = z > fit && opts.focus ? opts.focus : { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 };
  // Top-aligned, a box shorter than the view leaves its spare room below it, not above, where
  // it would show a cut-off strip of whatever is there (the overview's grid).
  const top = opts.align === 'top' && z * h <= a.h;
  go(
    cy,
    z,
    { x: a.x + a.w / 2 - z * c.x, y: top ? a.y - z * bb.y1 : a.y + a.h / 2 - z * c.y },
    opts,
  );
}

export function fitElements(cy: Core, els: Collection, inset: Insets, opts: FitOptions): void {
  if (els.empty()) return;
  fitBox(cy, els.boundingBox({}), inset, opts);
}

/** True when the element is on screen in full, at a zoom where it can be read. */
export function isWellInView(cy: Core, els: Collection, minZoom: number): boolean {
  if (els.empty() || cy.zoom() < minZoom) return false;
  const bb = els.renderedBoundingBox({});
  return bb.x1 >= 0 && bb.y1 >= 0 && bb.x2 <= cy.width() && bb.y2 <= cy.height();
}
