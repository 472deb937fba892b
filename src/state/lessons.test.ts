/**
 * Every lesson, driven through the store: each step's check fails before the step is done and
 * passes after its own "show me" actions (so every lesson can be completed by them), and wrong
 * tries — the wrong hop, the wrong walk, a half-done edit — do not pass.
 */
import { describe, expect, it } from 'vitest';

import { isDone, lessonById, LESSONS, type Lesson } from '@/scenario';
import { updateCluster } from '@/sim';

import { createAppStore, type AppStore } from './createAppStore';
import { lessonContext, openLesson, performLessonAction } from './lessons';
import { selectTrace } from './selectors';

const done = (store: AppStore, lesson: Lesson, i: number): boolean =>
  isDone(lesson.steps[i]!.check(lessonContext(store.getState())));

/** Opens the lesson and completes steps 0..i-1 with "show me". */
function at(lesson: Lesson, i: number): AppStore {
  const store = createAppStore();
  openLesson(store, lesson, i);
  return store;
}

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_, lesson) => {
  it('has unique step ids, a goal, what is checked, hints and a "show me" for every step', () => {
    const ids = lesson.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of lesson.steps) {
      expect(s.goal.length).toBeGreaterThan(10);
      expect(s.checks.length).toBeGreaterThan(10);
      expect(s.hints.length).toBeGreaterThan(0);
      expect(s.showMe.length).toBeGreaterThan(0);
    }
  });

  it('each step fails before it is done and passes after its own "show me"', () => {
    const store = createAppStore();
    openLesson(store, lesson, 0);
    lesson.steps.forEach((step) => {
      const before = step.check(lessonContext(store.getState()));
      expect(isDone(before), `${step.id} before: ${JSON.stringify(before)}`).toBe(false);
      for (const a of step.showMe) performLessonAction(store, a);
      const after = step.check(lessonContext(store.getState()));
      expect(isDone(after), `${step.id} after: ${JSON.stringify(after)}`).toBe(true);
    });
  });

  it('a link into a later step replays the earlier ones, so that step can be done from there', () => {
    const last = lesson.steps.length - 1;
    const store = at(lesson, last);
    expect(store.getState().lesson).toEqual({ id: lesson.id, step: last, tries: 0, shown: false });
    expect(done(store, lesson, last)).toBe(false);
    for (const a of lesson.steps[last]!.showMe) performLessonAction(store, a);
    expect(done(store, lesson, last)).toBe(true);
  });
});

describe('wrong tries do not pass', () => {
  it('pod to Service: another hop than the DNAT, or a walk to a pod instead of the Service', () => {
    const lesson = lessonById('pod-to-service')!;
    const store = at(lesson, 1);
    const hops = selectTrace(store.getState())!.hops;
    hops.forEach((h, i) => {
      store.getState().setStep(i);
      expect(done(store, lesson, 1)).toBe(h.kind === 'dnat' && h.direction === 'request');
    });
    store.getState().setWalk({ from: 'pod/default/client', to: 'pod/shop/frontend-1', port: 8080 });
    expect(done(store, lesson, 0)).toBe(false);
    // The same Service by its DNS name or ClusterIP is the same goal.
    store.getState().setWalk({ from: 'default/client', to: 'frontend.shop', port: 80 });
    expect(done(store, lesson, 0)).toBe(true);
  });

  it('across nodes: VXLAN chosen but the hop not yet found is not done', () => {
    const lesson = lessonById('pod-to-pod-across-nodes')!;
    const store = at(lesson, 3);
    store.getState().edit((s) => updateCluster(s, { cni: { ...s.cluster.cni, mode: 'vxlan' } }));
    expect(done(store, lesson, 3)).toBe(false);
  });

  it('overlap: a pod network still inside the Service range is not a fix', () => {
    const lesson = lessonById('cidr-overlap')!;
    const store = at(lesson, 2);
    store.getState().edit((s) => updateCluster(s, { podSubnet: '10.100.0.0/16' }));
    expect(done(store, lesson, 2)).toBe(false);
    store.getState().edit((s) => updateCluster(s, { podSubnet: '10.244.0.0/16' }));
    expect(done(store, lesson, 2)).toBe(true);
  });

  it('NetworkPolicy: allowing everything into shop re-opens cart too, so it is not the goal', () => {
    const lesson = lessonById('network-policy')!;
    const store = at(lesson, 2);
    store.getState().edit((s) => ({ ...s, networkPolicies: [] }));
    expect(done(store, lesson, 2)).toBe(false);
  });
});
