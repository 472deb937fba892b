/**
 * When the graph opens as an overview (DESIGN.md §9): past a handful of nodes every node's full
 * datapath can no longer be read at once, and drawing it all is what makes a large cluster slow
 * (npm run bench:app: 10 nodes × 30 pods took 4.1–4.5 s to open in full). The presets and the
 * default scenario (1–2 nodes, < 10 pods) stay in today's full view.
 */
import type { Cluster } from '@/sim';

/** More nodes than this: overview. */
export const OVERVIEW_NODES = 6;
/** More pods than this: overview (even on few nodes: the columns would be too tall to read). */
export const OVERVIEW_PODS = 120;

export const isOverview = (cluster: Cluster): boolean =>
  cluster.nodes.length > OVERVIEW_NODES || cluster.pods.length > OVERVIEW_PODS;
