// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';

import { DEFAULT_SCENARIO, deriveCluster, loadTracing } from '@/sim';
import { createAppStore, selectCluster } from '@/state';

import { generatedCluster } from '../../bench/generate';

import { installRuleWarmup, nodeOfSelection, warmupNodes } from './warmRules';

/** An idle queue the test runs by hand. */
function idleQueue() {
  const q: (() => void)[] = [];
  return {
    idle: (f: () => void) => q.push(f),
    run: () => {
      while (q.length) q.shift()?.();
    },
  };
}

describe('rules built ahead of the walk on a large cluster', () => {
  it('finds the node of a selected pod, node or tile', () => {
    const c = deriveCluster(generatedCluster(8, 3, 4, 0));
    expect(nodeOfSelection(c, 'pod:batch/app-4')).toBe('node-2');
    expect(nodeOfSelection(c, 'tile:node-7')).toBe('node-7');
    expect(nodeOfSelection(c, 'node:node-3')).toBe('node-3');
    expect(nodeOfSelection(c, 'node:nope')).toBeUndefined();
    expect(nodeOfSelection(c, 'svc:default/svc-1')).toBeUndefined();
  });

  it('warms the last node, then the selected pod’s node, each once, in idle time', async () => {
    const tracing = await loadTracing();
    const store = createAppStore(generatedCluster(8, 3, 4, 0));
    store.setState({ tracingReady: true });
    const cluster = selectCluster(store.getState());
    const proxy = tracing.serviceProxyFor(cluster);
    if (!proxy) throw new Error('iptables proxy not registered');
    const view = vi.spyOn(proxy, 'view');
    const q = idleQueue();
    const stop = installRuleWarmup(store, q.idle);
    expect(view).not.toHaveBeenCalled();
    q.run();
    expect(view.mock.calls.map((c) => c[1])).toEqual(['node-8']);
    store.getState().select('pod:batch/app-4');
    q.run();
    expect(view.mock.calls.map((c) => c[1])).toEqual(['node-8', 'node-2']);
    // Nothing twice, and nothing while a walk plays.
    store.getState().select('tile:node-8');
    store.getState().setPlaying(true);
    store.getState().select('pod:default/app-0');
    q.run();
    expect(view.mock.calls.map((c) => c[1])).toEqual(['node-8', 'node-2']);
    stop();
    view.mockRestore();
  });

  it('leaves small clusters alone, and huge rule sets to the walk', async () => {
    await loadTracing();
    const store = createAppStore(DEFAULT_SCENARIO);
    store.setState({ tracingReady: true, selection: 'pod:default/client' });
    const s = store.getState();
    expect(warmupNodes(s, selectCluster(s))).toEqual([]);
    // …and clusters whose rules take seconds to build (more than 1,000 Services).
    const huge = createAppStore(generatedCluster(8, 3, 1001, 0));
    huge.setState({ tracingReady: true, selection: 'pod:default/app-0' });
    expect(warmupNodes(huge.getState(), selectCluster(huge.getState()))).toEqual([]);
  });
});
