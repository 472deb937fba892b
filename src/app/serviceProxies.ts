/**
 * Brings in the service proxy the scenario's kube-proxy mode needs (nftables mode's engine is a
 * chunk of its own, loaded the first time a cluster runs it), whenever the mode changes.
 */
import type { AppStore } from '@/state';

export function installServiceProxies(store: AppStore): () => void {
  let mode = store.getState().scenario.cluster.kubeProxy.mode;
  store.getState().ensureProxy(mode);
  return store.subscribe((s) => {
    const next = s.scenario.cluster.kubeProxy.mode;
    if (next === mode) return;
    mode = next;
    s.ensureProxy(next);
  });
}
