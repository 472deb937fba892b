/** Patching a live graph: an existing node moves into a parent added by the same patch. */
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';

import { patchElements } from './patchElements';

describe('patchElements', () => {
  it('moves existing nodes into a new parent box (nodes labelled with a zone)', () => {
    const cy = cytoscape({ headless: true, styleEnabled: false });
    const node = (id: string, parent?: string) => ({
      group: 'nodes' as const,
      data: { id, ...(parent ? { parent } : {}) },
    });
    patchElements(cy, [node('node:a'), node('node:b')]);
    patchElements(cy, [node('zone:|z1'), node('node:a', 'zone:|z1'), node('node:b', 'zone:|z1')]);
    expect(
      cy
        .getElementById('zone:|z1')
        .children()
        .map((n) => n.id()),
    ).toEqual(['node:a', 'node:b']);
    // And out again when the zone goes.
    patchElements(cy, [node('node:a'), node('node:b')]);
    expect(cy.getElementById('node:a').parent().empty()).toBe(true);
    expect(cy.getElementById('zone:|z1').empty()).toBe(true);
  });
});
