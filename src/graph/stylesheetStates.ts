/** Styles for states the app sets as classes: selection, the walk, errors, policy highlights. */
import type { StylesheetJson } from 'cytoscape';

import type { Palette } from '@/theme';

import { CY_CLASS, KIND } from './keys';

const k = (kind: string): string => `[kind = "${kind}"]`;

export function stateStyles(p: Palette): StylesheetJson {
  return [
    { selector: `edge.${CY_CLASS.notReady}`, style: { 'line-style': 'dotted', opacity: 0.35 } },
    {
      selector: `node.${CY_CLASS.selected}`,
      style: {
        'border-color': p.selection,
        'border-width': 3.5,
        'underlay-color': p.selection,
        'underlay-opacity': 0.18,
        'underlay-padding': 6,
      },
    },
    { selector: `.${CY_CLASS.dim}`, style: { opacity: 0.35 } },
    { selector: `.${CY_CLASS.pauseOff}`, style: { display: 'none' } },
    { selector: `.${CY_CLASS.unborn}`, style: { display: 'none' } },
    {
      selector: `node.${CY_CLASS.hint}`,
      style: {
        'border-color': p.selection,
        'border-width': 2.5,
        'border-style': 'dashed',
        'underlay-color': p.selection,
        'underlay-opacity': 0.14,
        'underlay-padding': 5,
      },
    },
    {
      selector: `edge.${CY_CLASS.hint}`,
      style: { 'line-color': p.selection, width: 4, opacity: 1 },
    },
    {
      selector: `node.${CY_CLASS.onPath}`,
      style: { 'underlay-color': p.request, 'underlay-opacity': 0.16, 'underlay-padding': 5 },
    },
    {
      selector: `edge.${CY_CLASS.onPath}`,
      style: { 'line-color': p.request, width: 4, opacity: 1 },
    },
    { selector: `edge.${CY_CLASS.onPath}.${CY_CLASS.reply}`, style: { 'line-color': p.reply } },
    {
      selector: `node.${CY_CLASS.current}`,
      style: {
        'underlay-color': p.request,
        'underlay-opacity': 0.35,
        'underlay-padding': 9,
        'border-color': p.request,
        'border-width': 3,
      },
    },
    {
      selector: `node.${CY_CLASS.current}.${CY_CLASS.reply}`,
      style: { 'underlay-color': p.reply, 'border-color': p.reply },
    },
    {
      selector: `node.${CY_CLASS.dropped}`,
      style: {
        'underlay-color': p.error,
        'underlay-opacity': 0.4,
        'border-color': p.error,
        'border-width': 3.5,
      },
    },
    {
      selector: `edge.${CY_CLASS.highlight}`,
      style: { opacity: 1, width: 3.5, 'line-style': 'solid' },
    },
    {
      selector: `node.${CY_CLASS.highlight}`,
      style: { 'underlay-color': p.selection, 'underlay-opacity': 0.22, 'underlay-padding': 7 },
    },
    {
      selector: `node.${CY_CLASS.policySelected}`,
      style: {
        'underlay-color': p.selection,
        'underlay-opacity': 0.28,
        'underlay-padding': 8,
        'border-color': p.selection,
        'border-width': 3.5,
      },
    },
    {
      selector: `node.${CY_CLASS.policyPeer}`,
      style: { 'underlay-color': '#10b981', 'underlay-opacity': 0.25, 'underlay-padding': 8 },
    },
    {
      selector: `node.${CY_CLASS.error}`,
      style: { 'border-color': p.error, 'border-width': 3, 'border-style': 'solid' },
    },
    {
      selector: `node.${CY_CLASS.isolated}`,
      style: {
        'outline-color': p.warning,
        'outline-width': 2,
        'outline-offset': 3,
        'outline-style': 'solid',
      } as Record<string, unknown>,
    },
    {
      selector: `node${k(KIND.marker)}`,
      style: {
        shape: 'ellipse',
        width: 18,
        height: 18,
        'background-color': p.request,
        'border-color': '#ffffff',
        'border-width': 2.5,
        label: '',
        'z-index': 999,
        'overlay-opacity': 0,
        events: 'no',
      },
    },
    {
      selector: `node${k(KIND.marker)}.${CY_CLASS.markerReply}`,
      style: { 'background-color': p.reply },
    },
    {
      selector: `node${k(KIND.marker)}.${CY_CLASS.markerDrop}`,
      style: { 'background-color': p.error, shape: 'round-octagon' as 'ellipse' },
    },
    // The bridge bar is tall: mark it with its border, not a halo that would cover the pods.
    {
      selector: `node${k(KIND.bridge)}.${CY_CLASS.onPath}, node${k(KIND.bridge)}.${CY_CLASS.current}`,
      style: {
        'underlay-opacity': 0,
        'border-color': p.request,
        'border-width': 3.5,
        'background-color': p.request,
        'background-opacity': 0.18,
      },
    },
    {
      selector: `node${k(KIND.bridge)}.${CY_CLASS.current}.${CY_CLASS.reply}`,
      style: { 'border-color': p.reply, 'background-color': p.reply },
    },
  ] as StylesheetJson;
}
