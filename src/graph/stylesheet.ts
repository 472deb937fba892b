/**
 * All visuals of the graph, from theme tokens. Classes carry meaning (keys.ts); this file draws it.
 */
import type { StylesheetJson } from 'cytoscape';

import type { Palette } from '@/theme';

import { CY_CLASS, KIND } from './keys';
import { networkStyles } from './stylesheetNetwork';
import { overviewStyles } from './stylesheetOverview';
import { stateStyles } from './stylesheetStates';

const FONT = 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif';
const MONO = 'ui-monospace, "JetBrains Mono", "SFMono-Regular", Menlo, monospace';
const k = (kind: string): string => `[kind = "${kind}"]`;

export function buildStylesheet(p: Palette): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        'font-family': FONT,
        'font-size': 11,
        color: p.text,
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'text-halign': 'center',
        'min-zoomed-font-size': 7,
        'border-width': 1,
      },
    },
    {
      selector: `node${k(KIND.node)}`,
      style: {
        shape: 'round-rectangle',
        'background-color': p.nodeBox,
        'border-color': p.nodeBoxBorder,
        'border-width': 2,
        padding: '22px',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -6,
        'font-size': 13,
        'font-weight': 'bold',
        'background-opacity': 1,
      },
    },
    {
      selector: `node${k(KIND.eth0)}, node${k(KIND.vxlan)}`,
      style: {
        shape: 'round-rectangle',
        width: 112,
        height: 36,
        'background-color': p.hostObject,
        'border-color': p.hostObjectBorder,
        'font-family': MONO,
        'font-size': 10.5,
      },
    },
    {
      selector: `node${k(KIND.vxlan)}`,
      style: { 'border-style': 'double', 'border-width': 3, width: 130 },
    },
    {
      selector: `node${k(KIND.routes)}, node${k(KIND.iptables)}`,
      style: {
        shape: 'rectangle',
        width: 116,
        height: 36,
        'background-color': p.hostObject,
        'border-color': p.hostObjectBorder,
        'font-size': 10.5,
      },
    },
    { selector: `node${k(KIND.iptables)}`, style: { shape: 'cut-rectangle' } },
    {
      selector: `node${k(KIND.bridge)}`,
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': p.hostObject,
        'border-color': p.hostObjectBorder,
        'border-width': 2,
        'text-valign': 'top',
        'text-margin-y': -4,
        'font-family': MONO,
        'font-size': 10.5,
        'text-background-color': p.labelBg,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
      },
    },
    // No bridge on this CNI: the bar stands for the eBPF datapath (Cilium) or the host's routing.
    { selector: `node${k(KIND.bridge)}.attach-ebpf`, style: { 'border-style': 'dashed' } },
    { selector: `node${k(KIND.bridge)}.attach-routed`, style: { 'border-style': 'dotted' } },
    {
      selector: `node${k(KIND.bridgePort)}`,
      style: {
        shape: 'rectangle',
        width: 10,
        height: 10,
        'background-color': p.veth,
        'border-width': 0,
        label: '',
      },
    },
    {
      selector: `node${k(KIND.pod)}`,
      style: {
        shape: 'round-rectangle',
        'background-color': p.podBox,
        'border-color': 'data(color)',
        'border-width': 2.5,
        padding: '8px',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -3,
        'font-size': 10.5,
        'font-weight': 'bold',
        'text-max-width': '190px',
      },
    },
    {
      selector: `node${k(KIND.pod)}.compact`,
      style: {
        width: 'data(w)',
        height: 'data(h)',
        'text-valign': 'center',
        'text-margin-y': 0,
        'font-size': 9.5,
        'font-weight': 'normal',
        'text-wrap': 'ellipsis',
        'text-max-width': '150px',
        'border-width': 2,
      },
    },
    { selector: `node${k(KIND.pod)}.${CY_CLASS.hostNetwork}`, style: { 'border-style': 'dashed' } },
    {
      selector: `node${k(KIND.pod)}.${CY_CLASS.notReady}`,
      style: { 'background-opacity': 0.45, 'border-style': 'dotted' },
    },
    {
      selector: `node${k(KIND.podEth0)}`,
      style: {
        shape: 'ellipse',
        width: 30,
        height: 18,
        'background-color': 'data(color)',
        'border-width': 0,
        color: '#ffffff',
        'font-size': 8.5,
        'font-weight': 'bold',
      },
    },
    {
      selector: `node${k(KIND.pause)}`,
      style: {
        shape: 'round-rectangle',
        width: 38,
        height: 15,
        'background-color': p.containerFill,
        'border-color': p.textMuted,
        'border-width': 1,
        'border-style': 'dashed',
        color: p.textMuted,
        'font-size': 8,
        'font-family': MONO,
      },
    },
    {
      selector: `node${k(KIND.container)}`,
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        'background-color': p.containerFill,
        'border-color': 'data(color)',
        'border-width': 1,
        'font-size': 10,
        'font-family': MONO,
        'text-max-width': '150px',
      },
    },
    ...networkStyles(p),
    {
      selector: `node${k(KIND.service)}`,
      style: {
        shape: 'hexagon',
        width: 170,
        height: 66,
        'background-color': 'data(color)',
        'background-opacity': 0.14,
        'border-color': 'data(color)',
        'border-width': 2,
        'font-size': 10.5,
        'text-max-width': '160px',
      },
    },
    {
      selector: `node${k(KIND.loadBalancer)}`,
      style: {
        shape: 'diamond',
        width: 180,
        height: 72,
        'background-color': 'data(color)',
        'background-opacity': 0.12,
        'border-color': 'data(color)',
        'border-width': 2,
        'font-size': 10,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': p.wire,
        'curve-style': 'straight',
        'font-size': 9,
        'font-family': MONO,
        color: p.textMuted,
        label: 'data(label)',
        'min-zoomed-font-size': 8,
      },
    },
    {
      selector: `edge${k(KIND.veth)}`,
      style: {
        width: 2.5,
        'line-color': p.veth,
        'text-background-color': p.labelBg,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'text-margin-y': -8,
        label: '',
      },
    },
    { selector: `edge${k(KIND.link)}`, style: { width: 4, 'line-color': p.bus } },
    {
      selector: `edge${k(KIND.internal)}`,
      style: {
        width: 1.5,
        'line-color': p.hostObjectBorder,
        'line-style': 'solid',
        opacity: 0.6,
        'curve-style': 'taxi',
        'taxi-direction': 'downward',
        'taxi-turn': '50%',
      } as Record<string, unknown>,
    },
    {
      selector: 'edge.to-bar-top',
      style: { 'target-endpoint': '0% -50%', 'taxi-direction': 'downward' } as Record<
        string,
        unknown
      >,
    },
    {
      selector: `edge${k(KIND.endpoint)}`,
      style: {
        width: 1.5,
        'line-color': 'data(color)',
        'line-style': 'dashed',
        'line-dash-pattern': [6, 4],
        'curve-style': 'bezier',
        opacity: 0.7,
        'target-arrow-shape': 'triangle',
        'target-arrow-color': 'data(color)',
        'arrow-scale': 0.8,
      },
    },
    ...overviewStyles(p),
    ...stateStyles(p),
  ] as StylesheetJson;
}
