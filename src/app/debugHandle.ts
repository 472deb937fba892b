/**
 * `window.__explorer = { cy, store }` (DESIGN.md §8), in every build: the Cytoscape instance and
 * the zustand store, so a tester can find an element's rendered position or read the state.
 * Read-only in spirit: the UI never depends on it.
 */
import type { Core } from 'cytoscape';

import type { AppStore } from '@/state';

export interface ExplorerHandle {
  cy: Core | undefined;
  store: AppStore;
}

declare global {
  interface Window {
    __explorer?: ExplorerHandle;
  }
}

export function installDebugHandle(store: AppStore): ExplorerHandle {
  const handle: ExplorerHandle = { cy: undefined, store };
  window.__explorer = handle;
  return handle;
}

/** Points the handle at the live Cytoscape instance (or clears it when the canvas unmounts). */
export function attachGraph(handle: ExplorerHandle, cy: Core | undefined): void {
  handle.cy = cy;
}
