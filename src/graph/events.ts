/**
 * What the user does on the graph, reported through callbacks: a tap selects (a tile or its bar
 * selects its node), a drag reports the leaves it moved, a double tap on a tile or on an expanded
 * node's box opens or closes that node (overview only).
 */
import type { Core, EventObject, NodeSingular } from 'cytoscape';

import { KIND } from './keys';
import { MARKER_ID } from './traceOverlay';

export interface GraphCallbacks {
  readonly onSelect: (id: string | undefined) => void;
  /** Positions of leaves after the user dragged something (one call per drag). */
  readonly onNodesMoved: (moves: readonly { id: string; x: number; y: number }[]) => void;
  /** Double tap on a node's tile or on its expanded box (overview): open or close it. */
  readonly onToggleExpand?: (node: string) => void;
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
  KIND.serviceSummary,
]);

/** Tiles and their parts stand for their Kubernetes node. */
const TILE_PARTS = new Set<string>([KIND.tile, KIND.tileBar, KIND.tileBadge]);

export function installEvents(
  cy: Core,
  cb: GraphCallbacks,
  overview: () => boolean,
): { dragging: () => ReadonlySet<string> } {
  let dragging = new Set<string>();
  cy.on('tap', (e: EventObject) => {
    if (e.target === cy) {
      cb.onSelect(undefined);
      return;
    }
    const el = e.target as NodeSingular;
    const kind = el.data('kind') as string | undefined;
    if (el.id() === MARKER_ID) return;
    if (kind && TILE_PARTS.has(kind)) cb.onSelect(`node:${el.data('node') as string}`);
    else if (kind && SELECTABLE.has(kind)) cb.onSelect(el.id());
    else if (el.isNode() && el.parent().nonempty())
      cb.onSelect((el.parent()[0] as NodeSingular).id());
  });
  cy.on('dbltap', 'node', (e: EventObject) => {
    if (!overview() || !cb.onToggleExpand) return;
    const el = e.target as NodeSingular;
    const kind = el.data('kind') as string | undefined;
    if (kind && TILE_PARTS.has(kind)) cb.onToggleExpand(el.data('node') as string);
    else if (kind === KIND.node) cb.onToggleExpand(el.id().slice('node:'.length));
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
  return { dragging: () => dragging };
}
