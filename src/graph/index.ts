export { createGraphView, type GraphCallbacks, type GraphView } from './createGraphView';
export { CY_CLASS, CY_DATA, KIND } from './keys';
export { computeLayout } from './layout';
export { toElements } from './toElements';
export { buildStylesheet } from './stylesheet';
export { MARKER_ID, markerPoint, resolveElement } from './traceOverlay';
export { graphPng, graphSvg } from './exportImage';
