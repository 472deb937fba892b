/**
 * Which datapath runs a cluster. The bridge datapath (flannel host-gw and VXLAN, the default) is
 * always here; Calico's and Cilium's are loaded on demand (`loadDatapath`), so the first screen
 * does not carry their code. Until one is loaded, a cluster configured for it is derived with the
 * bridge datapath and a `cni-loading` note — the app loads it before it shows such a cluster.
 */
import type { CniMode } from '../model/scenario';

import { bridgePlugin } from './bridge/plugin';
import type { CniKind, CniPlugin } from './types';

const plugins = new Map<CniKind, CniPlugin>([['bridge', bridgePlugin]]);
let generation = 0;

/** The kind of datapath a CNI mode runs on. */
export function cniKindOf(mode: CniMode): CniKind {
  switch (mode) {
    case 'routes':
    case 'vxlan':
    case 'cloud-routes':
      return 'bridge';
    case 'cilium':
      return 'cilium';
    case 'calico':
      return 'calico';
  }
}

/** The plugin for `kind`, when its code is loaded. */
export function pluginFor(kind: CniKind): CniPlugin | undefined {
  return plugins.get(kind);
}

/** Changes whenever a datapath is loaded (derivations made before may be stale). */
export function datapathGeneration(): number {
  return generation;
}

/** Datapaths whose code is loaded on demand (dynamic import: a chunk of its own). */
const LOADERS: Partial<Record<CniKind, () => Promise<CniPlugin>>> = {
  cilium: () => import('./cilium/plugin').then((m) => m.ciliumPlugin),
  calico: () => import('./calico/plugin').then((m) => m.calicoPlugin),
};

/** Whether the datapath for `mode` can be derived right now. */
export function isDatapathLoaded(mode: CniMode): boolean {
  return plugins.has(cniKindOf(mode));
}

/** Loads the code of the datapath `mode` runs on (a no-op for the built-in bridge datapath). */
export async function loadDatapath(mode: CniMode): Promise<void> {
  const kind = cniKindOf(mode);
  const load = LOADERS[kind];
  if (plugins.has(kind) || !load) return;
  const plugin = await load();
  if (!plugins.has(kind)) {
    plugins.set(kind, plugin);
    generation++;
  }
}

/** Loads every datapath (the CLI, tests and benchmarks use them all). */
export async function loadAllDatapaths(): Promise<void> {
  await Promise.all(
    Object.entries(LOADERS).map(async ([kind, load]) => {
      if (!load || plugins.has(kind as CniKind)) return;
      const plugin = await load();
      if (!plugins.has(plugin.kind)) {
        plugins.set(plugin.kind, plugin);
        generation++;
      }
    }),
  );
}
