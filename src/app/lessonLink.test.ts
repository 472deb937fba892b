/**
 * A lesson link with a big share link (issue 14): the shared cluster is read in the worker and put
 * into the store late; the lesson opens after that, over it — it is not replaced by the load.
 */
import { describe, expect, it } from 'vitest';

import { lessonById } from '@/scenario';
import { emptyScenario } from '@/sim';
import { createAppStore } from '@/state';

import { openLessonLink } from './lessonLink';

const shared = { ...emptyScenario('shared, 3,000 pods'), nodes: [] };

describe('openLessonLink', () => {
  it('waits for the startup load, then opens the lesson over the loaded cluster', async () => {
    const store = createAppStore();
    const lesson = lessonById('pod-to-service')!;
    let finish: () => void = () => undefined;
    const loaded = new Promise<void>((done) => (finish = done));
    const opening = openLessonLink(store, '?lesson=pod-to-service&step=2', loaded);
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().lesson).toBeUndefined();
    // What main.tsx does when the worker has read the big link.
    store.setState({ scenario: shared });
    store.temporal.getState().clear();
    finish();
    await opening;
    expect(store.getState().lesson).toMatchObject({ id: 'pod-to-service', step: 1 });
    expect(store.getState().scenario.meta.name).toBe(lesson.scenario.meta.name);
    // The shared cluster is one undo away.
    store.temporal.getState().undo();
    expect(store.getState().scenario.meta.name).toBe('shared, 3,000 pods');
  });

  it('a failed load still opens the lesson', async () => {
    const store = createAppStore();
    await openLessonLink(store, '?lesson=pod-to-service&step=1', Promise.reject(new Error('bad')));
    expect(store.getState().lesson).toMatchObject({ id: 'pod-to-service', step: 0 });
  });
});
