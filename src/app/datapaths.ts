/**
 * Brings in the CNI datapath the scenario's `cni.mode` runs on (Calico's and Cilium's are chunks of
 * their own, src/sim/cni/registry.ts) whenever the mode changes; until it arrives the cluster is
 * drawn with the bridge datapath and a `cni-loading` note. Its arrival bumps `datapathEpoch`, so
 * everything derived from the scenario is derived again.
 */
import { datapathGeneration, isDatapathLoaded, loadDatapath } from '@/sim';
import type { AppStore } from '@/state';

export function installDatapaths(store: AppStore): () => void {
  const ensure = (mode: Parameters<typeof loadDatapath>[0]): void => {
    if (isDatapathLoaded(mode)) return;
    loadDatapath(mode).then(
      () => store.setState({ datapathEpoch: datapathGeneration() }),
      (e: unknown) =>
        store
          .getState()
          .notify(
            'error',
            `The ${mode} datapath could not be loaded (${e instanceof Error ? e.message : String(e)}); reload the page to try again.`,
          ),
    );
  };
  let mode = store.getState().scenario.cluster.cni.mode;
  ensure(mode);
  return store.subscribe((s) => {
    const next = s.scenario.cluster.cni.mode;
    if (next === mode) return;
    mode = next;
    ensure(next);
  });
}
