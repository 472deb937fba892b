/** Applies a new element list to a live graph by id: add, remove, update data/classes/positions. */
import type { Core, ElementDefinition } from 'cytoscape';

export function patchElements(
  cy: Core,
  next: readonly ElementDefinition[],
  opts: { keepPositions?: ReadonlySet<string> } = {},
): void {
  const nextIds = new Set(next.map((e) => e.data.id as string));
  cy.batch(() => {
    cy.elements().forEach((el) => {
      if (!nextIds.has(el.id()) && !el.data('transient')) el.remove();
    });
    const toAdd: ElementDefinition[] = [];
    for (const def of next) {
      const id = def.data.id as string;
      const el = cy.getElementById(id);
      if (el.empty()) {
        toAdd.push(def);
        continue;
      }
      const old = el.data() as Record<string, unknown>;
      for (const [k, v] of Object.entries(def.data))
        if (old[k] !== v && k !== 'parent' && k !== 'source' && k !== 'target') el.data(k, v);
      if (el.isNode() && def.data.parent !== old.parent)
        el.move({ parent: (def.data.parent as string | undefined) ?? null });
      if (el.isEdge() && (def.data.source !== old.source || def.data.target !== old.target)) {
        el.remove();
        toAdd.push(def);
        continue;
      }
      const base = (def.classes as string | undefined) ?? '';
      const dynamic = el.classes().filter((c: string) => c.startsWith('is-') || c === 'on-path');
      el.classes([...base.split(' ').filter(Boolean), ...dynamic]);
      if (def.position && el.isNode() && !el.isParent() && !opts.keepPositions?.has(id)) {
        const p = el.position();
        if (p.x !== def.position.x || p.y !== def.position.y) el.position({ ...def.position });
      }
    }
    if (toAdd.length) cy.add(toAdd);
  });
}
