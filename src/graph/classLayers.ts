/**
 * Classes the app sets on the graph (selection, errors, isolation, policy highlights), applied
 * locally: each layer remembers what it wants and what it did, and touches only the elements
 * whose classes change — never a query over the whole graph. An id that is not drawn (a pod on
 * a node the overview shows as a tile) can be shown on a stand-in element (its node's tile).
 */
import type { Core } from 'cytoscape';

/** never: only drawn elements; missing: the stand-in when not drawn; always: both. */
export type ProxyRule = 'never' | 'missing' | 'always';

export type Resolve = (id: string) => string | undefined;

export class ClassLayer {
  private want = new Map<string, string>();
  private applied = new Map<string, Set<string>>();

  constructor(
    private readonly cy: Core,
    private readonly proxy: ProxyRule,
    private readonly standIn: Resolve,
  ) {}

  /** The classes wanted per element id (replaces what was wanted before). */
  set(want: ReadonlyMap<string, string>): void {
    this.want = new Map(want);
    this.refresh();
  }

  /** Re-applies after elements were added or removed (a focus change, a patch). */
  refresh(): void {
    const next = new Map<string, Set<string>>();
    const put = (id: string, cls: string): void => {
      const s = next.get(id) ?? new Set<string>();
      for (const c of cls.split(' ')) if (c) s.add(c);
      next.set(id, s);
    };
    for (const [id, cls] of this.want) {
      const drawn = this.cy.getElementById(id).nonempty();
      if (drawn) put(id, cls);
      if (this.proxy === 'always' || (this.proxy === 'missing' && !drawn)) {
        const p = this.standIn(id);
        if (p && p !== id) put(p, cls);
      }
    }
    this.cy.batch(() => {
      for (const [id, old] of this.applied) {
        const el = this.cy.getElementById(id);
        if (el.empty()) continue;
        const keep = next.get(id);
        const gone = [...old].filter((c) => !keep?.has(c));
        if (gone.length) el.removeClass(gone.join(' '));
      }
      for (const [id, cls] of next) {
        const el = this.cy.getElementById(id);
        if (el.empty()) continue;
        const missing = [...cls].filter((c) => !el.hasClass(c));
        if (missing.length) el.addClass(missing.join(' '));
      }
    });
    this.applied = next;
  }
}

/** One class for a list of ids. */
export const withClass = (ids: readonly string[], cls: string): Map<string, string> =>
  new Map(ids.map((id) => [id, cls]));
