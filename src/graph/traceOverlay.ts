/**
 * Draws a walk on the graph: classes for the path so far, the current hop and drops, and a packet
 * marker that moves hop by hop. It owns only those classes and the marker; the stylesheet draws.
 */
import type { Collection, Core, NodeSingular, Position } from 'cytoscape';

import type { Hop, Trace } from '@/sim';

import { CY_CLASS, KIND } from './keys';

export const MARKER_ID = '__packet';

/** The elements the overlay marked last, per graph (cleared on the next call). */
const touched = new WeakMap<Core, Collection>();

/** The nearest element that exists for an id (e.g. a pod's `lo` is drawn as the pod). */
export function resolveElement(cy: Core, id: string | undefined): NodeSingular | undefined {
  let cur = id;
  while (cur) {
    const el = cy.getElementById(cur);
    if (el.nonempty() && el.isNode()) return el;
    const cut = cur.lastIndexOf('/');
    if (cut < 0) return undefined;
    cur = cur.slice(0, cut);
  }
  return undefined;
}

function centre(el: NodeSingular): Position {
  if (el.isParent()) {
    const bb = el.boundingBox({ includeLabels: false });
    return { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 };
  }
  // A copy: Cytoscape hands out its own position object, and sharing it would move the element.
  const p = el.position();
  return { x: p.x, y: p.y };
}

/**
 * Where the marker rests on an element: a wide box (eth0, route table, iptables) keeps its label
 * readable with the marker on its left border; small badges and compounds take it at the centre.
 */
function anchor(el: NodeSingular): Position {
  const c = centre(el);
  if (el.isParent() || el.width() < 40) return c;
  return { x: c.x - el.width() / 2, y: c.y };
}

/** Where the marker sits for hop i: the far end of the edge it crossed, else the element. */
export function markerPoint(
  cy: Core,
  hops: readonly Hop[],
  i: number,
  from: Position | undefined,
): Position | undefined {
  const h = hops[i];
  if (!h) return undefined;
  const via = h.via ? cy.getElementById(h.via) : undefined;
  if (via && via.nonempty() && via.isEdge()) {
    const a = anchor(via.source());
    const b = anchor(via.target());
    if (!from) return b;
    const da = (a.x - from.x) ** 2 + (a.y - from.y) ** 2;
    const db = (b.x - from.x) ** 2 + (b.y - from.y) ** 2;
    return da > db ? a : b;
  }
  const el = resolveElement(cy, h.at);
  if (!el) return undefined;
  if (el.data('kind') === KIND.bridge) {
    const port = [hops[i + 1], hops[i - 1]]
      .map((x) => (x?.via ? cy.getElementById(x.via) : undefined))
      .find((e) => e && e.nonempty() && e.isEdge());
    if (port) {
      const t = port.target();
      return { x: el.position().x, y: centre(t).y };
    }
  }
  return anchor(el);
}

export interface OverlayOptions {
  readonly animate: boolean;
  readonly durationMs: number;
  readonly follow: boolean;
}

/** Shows hops [0..step] of a trace; the marker moves to hop `step`. */
export function showTrace(
  cy: Core,
  trace: Trace | undefined,
  step: number,
  opts: OverlayOptions,
): void {
  const walkClasses = [
    CY_CLASS.onPath,
    CY_CLASS.current,
    CY_CLASS.dropped,
    CY_CLASS.reply,
    CY_CLASS.highlight,
  ].join(' ');
  // Only the elements the last call marked are cleared: no query over the whole graph.
  const before = touched.get(cy);
  if (before) cy.batch(() => before.filter((e) => !e.removed()).removeClass(walkClasses));
  touched.delete(cy);
  const marker = cy.getElementById(MARKER_ID);
  if (!trace || trace.hops.length === 0 || step < 0) {
    marker.remove();
    return;
  }
  const last = Math.min(step, trace.hops.length - 1);
  let marked = cy.collection();
  const mark = (el: Collection | NodeSingular | undefined, cls: string): void => {
    if (!el || el.empty()) return;
    el.addClass(cls);
    marked = marked.union(el);
  };
  cy.batch(() => {
    for (let i = 0; i <= last; i++) {
      const h = trace.hops[i];
      if (!h) continue;
      const reply = h.direction === 'reply';
      const el = resolveElement(cy, h.at);
      const cls = CY_CLASS.onPath + (reply ? ` ${CY_CLASS.reply}` : '');
      if (el && !el.isParent()) mark(el, cls);
      if (h.via) mark(cy.getElementById(h.via), cls);
    }
    const cur = trace.hops[last];
    if (cur) {
      const el = resolveElement(cy, cur.at);
      mark(
        el,
        CY_CLASS.current +
          (cur.direction === 'reply' ? ` ${CY_CLASS.reply}` : '') +
          (cur.kind === 'drop' ? ` ${CY_CLASS.dropped}` : ''),
      );
      for (const id of cur.highlight ?? []) mark(cy.getElementById(id), CY_CLASS.highlight);
    }
  });
  touched.set(cy, marked);
  const cur = trace.hops[last];
  if (!cur) return;
  let m = marker;
  if (m.empty()) {
    const start = markerPoint(cy, trace.hops, 0, undefined) ?? { x: 0, y: 0 };
    m = cy.add({
      group: 'nodes',
      data: { id: MARKER_ID, kind: KIND.marker, transient: true },
      position: start,
    });
  }
  m.removeClass(`${CY_CLASS.markerReply} ${CY_CLASS.markerDrop}`);
  if (cur.direction === 'reply') m.addClass(CY_CLASS.markerReply);
  if (cur.kind === 'drop') m.addClass(CY_CLASS.markerDrop);
  const node = m.nodes()[0];
  if (!node) return;
  const here = { ...node.position() };
  const target = markerPoint(cy, trace.hops, last, here) ?? here;
  node.stop(true, false);
  if (opts.animate && opts.durationMs > 0)
    node.animate({ position: target, duration: opts.durationMs, easing: 'ease-in-out-cubic' });
  else node.position(target);
  if (opts.follow) keepInView(cy, target, opts);
}

/** Pans just enough to bring `p` inside the view (a 6% margin): context stays where it was. */
function keepInView(cy: Core, p: Position, opts: OverlayOptions): void {
  const ext = cy.extent();
  const mx = (ext.x2 - ext.x1) * 0.06;
  const my = (ext.y2 - ext.y1) * 0.06;
  const shift = (v: number, lo: number, hi: number): number =>
    v < lo ? lo - v : v > hi ? hi - v : 0;
  const dx = shift(p.x, ext.x1 + mx, ext.x2 - mx);
  const dy = shift(p.y, ext.y1 + my, ext.y2 - my);
  if (dx === 0 && dy === 0) return;
  const z = cy.zoom();
  const by = { x: dx * z, y: dy * z };
  cy.stop();
  if (opts.animate) cy.animate({ panBy: by, duration: Math.max(200, opts.durationMs) });
  else cy.panBy(by);
}
