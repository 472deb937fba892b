/**
 * The CNI choice in the store: one undoable edit that re-derives the cluster, re-runs the walk and
 * leaves the diagnostics clean, whichever CNI the cluster comes from or goes to.
 */
import { describe, expect, it } from 'vitest';

import { applyCniChoice, cniChoiceById, DEFAULT_SCENARIO, validate, type Scenario } from '@/sim';

import { canUndo, createAppStore, undo } from './createAppStore';
import { selectCluster, selectTrace } from './selectors';

const choose = (store: ReturnType<typeof createAppStore>, id: string) => {
  const c = cniChoiceById(id);
  if (!c) throw new Error(id);
  store.getState().edit((s) => applyCniChoice(s, c));
};
const configWarnings = (s: Scenario) =>
  validate(s).filter((d) => /(Calico|Cilium) configuration|not modelled/.test(d.message));
const requestOf = (store: ReturnType<typeof createAppStore>) =>
  (selectTrace(store.getState())?.hops ?? []).filter((h) => h.direction === 'request');

describe('choosing a CNI in the store', () => {
  it('Cilium with kube-proxy replacement: the walk to a Service is translated in the pod, and undo brings kube-proxy back', () => {
    const store = createAppStore();
    store.getState().setWalk({ from: 'pod/default/client', to: 'svc/default/web', port: 80 });
    const before = requestOf(store).find((h) => h.kind === 'dnat');
    expect(before?.netns).toBe('node/node-1');

    choose(store, 'cilium-vxlan-kpr');
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    const cluster = selectCluster(store.getState());
    expect(cluster.datapath.profile.name).toBe('Cilium VXLAN + kube-proxy replacement');
    expect(cluster.nodes[0]?.devices.map((d) => d.name)).toContain('cilium_vxlan');
    expect(selectTrace(store.getState())?.verdict).toBe('delivered');
    const kinds = requestOf(store).map((h) => h.kind);
    expect(kinds.slice(0, 3)).toEqual(['send', 'dnat', 'route']);
    expect(requestOf(store).find((h) => h.kind === 'dnat')?.netns).toBe('pod/default/client');
    expect(configWarnings(store.getState().scenario)).toEqual([]);

    undo(store);
    expect(store.getState().scenario).toBe(DEFAULT_SCENARIO);
    expect(requestOf(store).find((h) => h.kind === 'dnat')?.netns).toBe('node/node-1');
    expect(canUndo(store)).toBe(false);
  });

  it('Cilium → Calico → flannel: each cluster is the chosen one and nothing of the others is left', () => {
    const store = createAppStore();
    store.getState().setWalk({ from: 'pod/default/client', to: 'pod/default/web' });
    choose(store, 'cilium-native');
    const devs = () => selectCluster(store.getState()).nodes[0]?.devices.map((d) => d.name) ?? [];
    expect(devs()).toContain('cilium_host');
    expect(requestOf(store).some((h) => h.kind === 'encap')).toBe(false);

    choose(store, 'calico-ipip');
    expect(devs()).toContain('tunl0');
    expect(devs()).not.toContain('cilium_host');
    expect(store.getState().scenario.others.map((o) => o.kind)).toEqual(['IPPool']);
    expect(requestOf(store).find((h) => h.kind === 'encap')?.packet.outer?.protocol).toBe('IPIP');

    choose(store, 'vxlan');
    expect(devs()).toContain('flannel.1');
    expect(store.getState().scenario.others).toEqual([]);
    expect(configWarnings(store.getState().scenario)).toEqual([]);
    expect(requestOf(store).find((h) => h.kind === 'encap')?.packet.outer?.dstPort).toBe(8472);
    expect(store.temporal.getState().pastStates).toHaveLength(3);
  });
});
