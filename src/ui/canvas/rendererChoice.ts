/**
 * Which Cytoscape renderer draws the graph: the 2D canvas (default), or its WebGL renderer when
 * the page is opened with `?renderer=webgl` — kept as an opt-in for measuring and comparing
 * (`npm run bench:app -- --webgl`); see README, Performance, for why it is not the default.
 */
import type { RendererOptions } from '@/graph';

export function rendererChoice(
  search: string = globalThis.location?.search ?? '',
): RendererOptions {
  return new URLSearchParams(search).get('renderer') === 'webgl' ? { webgl: true } : {};
}
