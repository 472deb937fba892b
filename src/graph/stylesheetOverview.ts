/** Styles of the overview (overview/tiles.ts): node tiles, their bars and badges, group frames. */
import type { StylesheetJson } from 'cytoscape';

import type { Palette } from '@/theme';

import { CY_CLASS, KIND } from './keys';
import { BAR_STRIPES } from './overview/tiles';

const k = (kind: string): string => `[kind = "${kind}"]`;

export function overviewStyles(p: Palette): StylesheetJson {
  const stripes: Record<string, string> = {};
  for (let i = 1; i <= BAR_STRIPES; i++) {
    stripes[`stripe-${i}-background-color`] = `data(s${i}c)`;
    stripes[`stripe-${i}-background-size`] = `data(s${i}s)`;
  }
  return [
    {
      selector: `node${k(KIND.tileGroup)}`,
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': p.hostObject,
        'background-opacity': 0.35,
        'border-color': p.nodeBoxBorder,
        'border-width': 1.5,
        'border-style': 'dashed',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -10,
        'font-size': 34,
        'font-weight': 'bold',
        color: p.textMuted,
        'z-index': 0,
        events: 'no',
      },
    },
    {
      selector: `node${k(KIND.tile)}`,
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': p.nodeBox,
        'border-color': p.nodeBoxBorder,
        'border-width': 2,
        'font-size': 30,
        'font-weight': 'bold',
        'line-height': 1.25,
        'text-margin-x': 10,
        'text-max-width': '215px',
        'text-wrap': 'wrap',
        'z-index': 2,
      },
    },
    {
      selector: `node${k(KIND.tile)}.${CY_CLASS.expanded}`,
      style: {
        'border-color': p.request,
        'border-width': 4,
        'background-color': p.request,
        'background-opacity': 0.1,
      },
    },
    {
      selector: `node${k(KIND.tileBar)}`,
      style: {
        shape: 'rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': p.hostObject,
        'border-width': 0,
        label: '',
        // Cytoscape 3.34 offsets stripes by the other axis' size: a square stripe area of the
        // bar's height lines them up with a tall, narrow bar (stacked top to bottom).
        'stripe-size': 'data(h)',
        ...stripes,
        'z-index': 3,
        events: 'no',
      } as Record<string, unknown>,
    },
    {
      selector: `node${k(KIND.tileBadge)}`,
      style: {
        shape: 'round-rectangle',
        width: 60,
        height: 30,
        'border-width': 2,
        'border-color': p.nodeBox,
        color: '#ffffff',
        'font-size': 16,
        'font-weight': 'bold',
        'z-index': 4,
      },
    },
    { selector: `node.${CY_CLASS.badgeError}`, style: { 'background-color': p.error } },
    {
      selector: `node.${CY_CLASS.badgeWarning}`,
      style: { 'background-color': p.warning, color: p.nodeBox },
    },
    {
      selector: `node${k(KIND.serviceSummary)}`,
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': 'data(color)',
        'background-opacity': 0.12,
        'border-color': 'data(color)',
        'border-width': 3,
        'font-size': 28,
        'font-weight': 'bold',
        'line-height': 1.25,
        'text-max-width': '230px',
        'text-wrap': 'wrap',
        'z-index': 2,
      },
    },
    {
      selector: `node${k(KIND.tile)}.${CY_CLASS.detail}, node${k(KIND.serviceSummary)}.${CY_CLASS.detail}`,
      style: {
        label: 'data(detail)',
        'font-size': 19,
        'font-weight': 'normal',
        'line-height': 1.35,
      },
    },
  ] as StylesheetJson;
}
