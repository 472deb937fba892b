import { describe, expect, it } from 'vitest';

import { emptyScenario } from '@/sim';

import { canUndo, createAppStore } from './createAppStore';

describe('the learning slice', () => {
  it('a new walk starts predict mode over at its first hop, without playing', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setWalk({ from: 'pod/default/client', to: 'pod/default/web' });
    s().setPredict({
      draft: { where: 'x' },
      revealed: true,
      results: { 1: { where: true, points: 1, possible: 1 } },
    });
    s().setStep(4);
    s().setWalk({ from: 'pod/default/client', to: 'svc/shop/frontend' }, { play: true, step: 3 });
    expect(s().predict).toEqual({ draft: {}, revealed: false, results: {} });
    expect(s().step).toBe(0);
    expect(s().playing).toBe(false);
    s().setWalk(undefined);
    expect(s().predict).toBeUndefined();
  });

  it('loading a scenario closes the pod-birth player', () => {
    const store = createAppStore();
    store.getState().setBirth({ pod: 'default/client', step: 3 });
    store.getState().loadScenario(emptyScenario());
    expect(store.getState().birth).toBeUndefined();
  });

  it('announcements count, so the same text is announced again', () => {
    const store = createAppStore();
    store.getState().announce('Right.');
    store.getState().announce('Right.');
    expect(store.getState().announcement).toEqual({ text: 'Right.', seq: 2 });
  });

  it('progress is kept per lesson; none of it is undoable document state', () => {
    const store = createAppStore();
    store.getState().setProgress('pod-to-service', { solved: [0, 1], shown: [] });
    store.getState().setLesson({ id: 'pod-to-service', step: 2, tries: 0, shown: false });
    store.getState().setShowPause(false);
    store.getState().setGraphMarks({ hints: ['node:node-1/cni0'] });
    expect(store.getState().progress['pod-to-service']).toEqual({ solved: [0, 1], shown: [] });
    expect(canUndo(store)).toBe(false);
  });
});
