import { describe, expect, it } from 'vitest';

import { addPod, DEFAULT_SCENARIO, emptyScenario, removePod, updateCluster } from '@/sim';

import { canRedo, canUndo, createAppStore, redo, undo } from './createAppStore';
import { selectCluster, selectTrace } from './selectors';

const newPod = {
  namespace: 'default',
  name: 'extra',
  nodeName: 'node-2',
  containers: [{ name: 'app' }],
};

describe('document actions with undo/redo', () => {
  it('edit is undoable and redoable', () => {
    const store = createAppStore();
    store.getState().edit((s) => addPod(s, newPod));
    expect(selectCluster(store.getState()).podByKey.has('default/extra')).toBe(true);
    expect(canUndo(store)).toBe(true);
    undo(store);
    expect(store.getState().scenario).toBe(DEFAULT_SCENARIO);
    expect(canRedo(store)).toBe(true);
    redo(store);
    expect(selectCluster(store.getState()).podByKey.has('default/extra')).toBe(true);
  });

  it('a no-op edit records nothing', () => {
    const store = createAppStore();
    store.getState().edit((s) => removePod(s, 'default/does-not-exist'));
    expect(canUndo(store)).toBe(false);
  });

  it('a drag (several moved elements) is one history entry', () => {
    const store = createAppStore();
    store.getState().moveNodes([
      { id: 'pod:default/client/c/shell', x: 10, y: 20 },
      { id: 'pod:default/client/eth0', x: 30, y: 40 },
    ]);
    expect(store.getState().scenario.layout['pod:default/client/eth0']).toEqual({ x: 30, y: 40 });
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    undo(store);
    expect(store.getState().scenario.layout).toEqual({});
  });

  it('loading a scenario can be undone and resets the view state', () => {
    const store = createAppStore();
    store.getState().select('pod:shop/cart');
    const other = emptyScenario('other');
    store.getState().loadScenario(other);
    expect(store.getState().scenario).toBe(other);
    expect(store.getState().selection).toBeUndefined();
    expect(store.getState().loadSeq).toBe(1);
    undo(store);
    expect(store.getState().scenario).toBe(DEFAULT_SCENARIO);
  });

  it('cluster edits re-derive addresses at once', () => {
    const store = createAppStore();
    store.getState().edit((s) => updateCluster(s, { serviceSubnet: '10.200.0.0/16' }));
    const svc = selectCluster(store.getState()).serviceByKey.get('shop/frontend');
    expect(svc?.clusterIPs[0]).toMatch(/^10\.200\./);
  });
});

describe('session and derived state', () => {
  it('a walk is kept, traced, memoised and re-run when the scenario changes', () => {
    const store = createAppStore();
    store.getState().setWalk({ from: 'pod/default/client', to: 'pod/default/web' });
    expect(store.getState().rightPanel).toBe('trace');
    const t1 = selectTrace(store.getState());
    expect(t1?.verdict).toBe('delivered');
    expect(selectTrace(store.getState())).toBe(t1);
    store.getState().edit((s) => ({ ...s, pods: s.pods.filter((p) => p.metadata.name !== 'web') }));
    const t2 = selectTrace(store.getState());
    expect(t2).not.toBe(t1);
    expect(t2?.verdict).toBe('unreachable');
    expect(t2?.reason).toMatch(/no pod named "web"/);
  });

  it('selecting, expanding and stepping read the same derived cluster and trace (no re-derive)', () => {
    const store = createAppStore();
    store.getState().setWalk({ from: 'pod/default/client', to: 'pod/default/web' });
    const cluster = selectCluster(store.getState());
    const trace = selectTrace(store.getState());
    store.getState().select('pod:shop/cart');
    store.getState().toggleExpanded('node-2');
    store.getState().setStep(2);
    store.getState().setPlaying(true);
    expect(selectCluster(store.getState())).toBe(cluster);
    expect(selectTrace(store.getState())).toBe(trace);
    // A scenario edit is what derives it again.
    store.getState().edit((s) => addPod(s, newPod));
    expect(selectCluster(store.getState())).not.toBe(cluster);
  });

  it('session changes are not part of the undo history', () => {
    const store = createAppStore();
    store.getState().select('node:node-1');
    store.getState().setTheme('dark');
    store.getState().setWalk({ from: 'pod/default/client', to: 'svc/shop/frontend' });
    expect(canUndo(store)).toBe(false);
  });

  it('expanded nodes toggle in the order opened, are not undoable, and a load clears them', () => {
    const store = createAppStore();
    store.getState().toggleExpanded('node-2');
    store.getState().toggleExpanded('node-1');
    expect(store.getState().expanded).toEqual(['node-2', 'node-1']);
    store.getState().toggleExpanded('node-2');
    expect(store.getState().expanded).toEqual(['node-1']);
    store.getState().setExpanded(['a', 'b', 'a']);
    expect(store.getState().expanded).toEqual(['a', 'b']);
    expect(canUndo(store)).toBe(false);
    store.getState().loadScenario(emptyScenario('x'));
    expect(store.getState().expanded).toEqual([]);
  });

  it('notices are kept (at most four) and dismissed', () => {
    const store = createAppStore();
    for (let i = 0; i < 6; i++) store.getState().notify('info', `n${i}`);
    expect(store.getState().notices.map((n) => n.text)).toEqual(['n2', 'n3', 'n4', 'n5']);
    store.getState().dismiss(store.getState().notices[0]!.id);
    expect(store.getState().notices).toHaveLength(3);
  });

  it('speed is clamped; step never goes below zero', () => {
    const store = createAppStore();
    store.getState().setSpeed(100);
    expect(store.getState().speed).toBe(8);
    store.getState().setStep(-3);
    expect(store.getState().step).toBe(0);
  });
});
