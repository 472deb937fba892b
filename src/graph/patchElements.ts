/**
 * Applies a new element list to a live graph by id: add, remove, update data/classes/positions.
 * Removals and additions are done as one collection each (one index rebuild, not one per element).
 */
import type { Core, ElementDefinition, SingularElementArgument } from 'cytoscape';

const KEEP_CLASS = (c: string): boolean => c.startsWith('is-') || c === 'on-path';

export function patchElements(
  cy: Core,
  next: readonly ElementDefinition[],
  opts: { keepPositions?: ReadonlySet<string> } = {},
): void {
  const nextIds = new Set<string>();
  for (const e of next) nextIds.add(e.data.id as string);
  cy.batch(() => {
    const gone = cy.elements().filter((el) => !nextIds.has(el.id()) && !el.data('transient'));
    if (gone.nonempty()) cy.remove(gone);
    const toAdd: ElementDefinition[] = [];
    // Moves into a parent wait until it exists (a new zone box is added below, with the others).
    const moves: [SingularElementArgument, string | null][] = [];
    for (const def of next) {
      const id = def.data.id as string;
      const el = cy.getElementById(id);
      if (el.empty()) {
        toAdd.push(def);
        continue;
      }
      if (!update(el, def, opts.keepPositions, moves)) toAdd.push(def);
    }
    if (toAdd.length) cy.add(toAdd);
    for (const [el, parent] of moves) el.move({ parent });
  });
}

/** Updates one element in place; false when it must be re-created (an edge changed its ends). */
function update(
  el: SingularElementArgument,
  def: ElementDefinition,
  keep: ReadonlySet<string> | undefined,
  moves: [SingularElementArgument, string | null][],
): boolean {
  const old = el.data() as Record<string, unknown>;
  if (el.isEdge() && (def.data.source !== old.source || def.data.target !== old.target)) {
    el.remove();
    return false;
  }
  for (const [k, v] of Object.entries(def.data))
    if (old[k] !== v && k !== 'parent' && k !== 'source' && k !== 'target') el.data(k, v);
  if (el.isNode() && def.data.parent !== old.parent)
    moves.push([el, (def.data.parent as string | undefined) ?? null]);
  const base = ((def.classes as string | undefined) ?? '').split(' ').filter(Boolean);
  const current = el.classes();
  const dynamic = current.filter(KEEP_CLASS);
  const want = [...base, ...dynamic];
  if (want.length !== current.length || want.some((c) => !el.hasClass(c))) el.classes(want);
  if (def.position && el.isNode() && !el.isParent() && !keep?.has(el.id())) {
    const p = el.position();
    if (p.x !== def.position.x || p.y !== def.position.y) el.position({ ...def.position });
  }
  return true;
}
