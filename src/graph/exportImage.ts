/** The graph as an image: PNG (Cytoscape's renderer) or SVG (the cytoscape-svg extension). */
import cytoscape, { type Core } from 'cytoscape';
import cytoscapeSvg from 'cytoscape-svg';

import { MARKER_ID } from './traceOverlay';

let svgRegistered = false;

export function graphPng(cy: Core, background: string): Blob {
  return cy.png({ output: 'blob', full: true, scale: 2, bg: background }) as unknown as Blob;
}

export function graphSvg(cy: Core, background: string): string {
  if (!svgRegistered) {
    cytoscape.use(cytoscapeSvg);
    svgRegistered = true;
  }
  const marker = cy.getElementById(MARKER_ID);
  const hidden = marker.nonempty() && marker.visible();
  if (hidden) marker.style('display', 'none');
  const svg = (cy as unknown as { svg: (o: object) => string }).svg({
    full: true,
    scale: 1,
    bg: background,
  });
  if (hidden) marker.removeStyle('display');
  return svg;
}
