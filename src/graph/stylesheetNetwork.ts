/** Styles of the node network: subnet buses, the router, zone boxes. */
import type { StylesheetJson } from 'cytoscape';

import type { Palette } from '@/theme';

import { KIND } from './keys';

const k = (kind: string): string => `[kind = "${kind}"]`;

export function networkStyles(p: Palette): StylesheetJson {
  return [
    {
      selector: `node${k(KIND.bus)}`,
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': p.bus,
        'border-width': 0,
        color: p.text,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        'font-size': 12,
        'font-weight': 'bold',
      },
    },
    {
      selector: `node${k(KIND.bus)}.bus-assumed`,
      style: { 'background-opacity': 0.55, 'font-weight': 'normal' },
    },
    {
      selector: `node${k(KIND.zone)}`,
      style: {
        shape: 'round-rectangle',
        'background-color': p.canvas,
        'background-opacity': 0,
        'border-color': p.textMuted,
        'border-style': 'dashed',
        'border-width': 1.5,
        padding: '14px',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 6,
        color: p.textMuted,
        'font-size': 12,
        'font-weight': 'bold',
      },
    },
    {
      selector: `node${k(KIND.busTap)}`,
      style: { width: 8, height: 8, 'background-color': p.bus, 'border-width': 0, label: '' },
    },
    {
      selector: `node${k(KIND.external)}`,
      style: {
        shape: 'ellipse',
        width: 150,
        height: 58,
        'background-color': p.hostObject,
        'border-color': p.hostObjectBorder,
        'border-style': 'dashed',
        'font-size': 11,
      },
    },
  ];
}
