// @vitest-environment jsdom
/** The learning marks on the graph: every pod's pause container (hideable), unborn elements, hints. */
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';

import { DEFAULT_SCENARIO, deriveCluster, ids } from '@/sim';
import { PALETTES } from '@/theme';

import { createGraphView } from './createGraphView';
import { CY_CLASS, KIND } from './keys';
import { buildStylesheet } from './stylesheet';
import { toElements } from './toElements';

const cluster = deriveCluster(DEFAULT_SCENARIO);

describe('pause containers on the graph', () => {
  it('every pod has one, inside its box, in the top row beside eth0 (not overlapping it)', () => {
    const cy = cytoscape({
      headless: true,
      elements: toElements(cluster),
      layout: { name: 'preset' },
    });
    for (const p of cluster.pods) {
      const pause = cy.getElementById(ids.pause(p.key));
      expect(pause.data('kind')).toBe(KIND.pause);
      expect(pause.parent()[0]?.id()).toBe(ids.pod(p.key));
      const eth0 = cy.getElementById(ids.podEth0(p.key));
      if (eth0.nonempty()) {
        expect(pause.position().y).toBe(eth0.position().y);
        expect(Math.abs(pause.position().x - eth0.position().x)).toBeGreaterThan(60);
      }
    }
  });
});

describe('setLearnMarks', () => {
  const make = () => {
    const div = document.createElement('div');
    const view = createGraphView(div, PALETTES.light, {
      onSelect: () => {},
      onNodesMoved: () => {},
    });
    view.update(cluster);
    return view;
  };

  it('hides pause containers and shows them again', () => {
    const view = make();
    const pauses = () => view.cy.nodes(`[kind = "${KIND.pause}"]`);
    expect(pauses().length).toBe(cluster.pods.length);
    view.setLearnMarks({ showPause: false, hidden: [], hints: [] });
    expect(pauses().filter((n) => !n.hasClass(CY_CLASS.pauseOff)).length).toBe(0);
    view.setLearnMarks({ showPause: true, hidden: [], hints: [] });
    expect(pauses().filter((n) => n.hasClass(CY_CLASS.pauseOff)).length).toBe(0);
    view.destroy();
  });

  it('marks unborn elements and hints, replacing the previous marks', () => {
    const view = make();
    const eth0 = ids.podEth0('default/client');
    view.setLearnMarks({ showPause: true, hidden: [eth0], hints: ['node:node-1/cni0'] });
    expect(view.cy.getElementById(eth0).hasClass(CY_CLASS.unborn)).toBe(true);
    expect(view.cy.getElementById('node:node-1/cni0').hasClass(CY_CLASS.hint)).toBe(true);
    view.setLearnMarks({ showPause: true, hidden: [], hints: [eth0] });
    expect(view.cy.getElementById(eth0).hasClass(CY_CLASS.unborn)).toBe(false);
    expect(view.cy.getElementById(eth0).hasClass(CY_CLASS.hint)).toBe(true);
    expect(view.cy.getElementById('node:node-1/cni0').hasClass(CY_CLASS.hint)).toBe(false);
    view.destroy();
  });

  it('the stylesheet hides what is unborn or switched off', () => {
    const sheet = JSON.stringify(buildStylesheet(PALETTES.dark));
    expect(sheet).toContain(`.${CY_CLASS.unborn}`);
    expect(sheet).toContain(`.${CY_CLASS.pauseOff}`);
  });
});
