export {
  createGraphView,
  type GraphCallbacks,
  type GraphView,
  type RendererOptions,
  type SceneInput,
} from './createGraphView';
export { isOverview, OVERVIEW_NODES, OVERVIEW_PODS } from './overview/mode';
export { ownerOf } from './overview/focus';
export { ZONE_LABEL, zoneOf } from './overview/groups';
export type { NodeProblems } from './overview/overviewElements';
export { CY_CLASS, CY_DATA, KIND } from './keys';
export { computeLayout } from './layout';
export { toElements } from './toElements';
export { buildStylesheet } from './stylesheet';
export { MARKER_ID, markerPoint, resolveElement } from './traceOverlay';
export { graphPng, graphSvg } from './exportImage';
