/**
 * Lessons over the store: the context a lesson's checks read (the walk, its trace and the hop
 * the learner is at, the selection, the open panel, the diagnostics — all computed), and "show
 * me", which performs a step's actions through the same store actions the learner's clicks use.
 */
import type { Lesson, LessonAction, LessonContext } from '@/scenario';
import { updateCluster, validate, type Diagnostic, type Scenario } from '@/sim';

import type { AppStore } from './createAppStore';
import { selectCluster, selectTrace } from './selectors';
import type { AppState } from './types';

const diagMemo = new WeakMap<Scenario, readonly Diagnostic[]>();

/** What a lesson's checks see in this state. */
export function lessonContext(s: AppState): LessonContext {
  const trace = selectTrace(s);
  const step = trace ? Math.min(s.step, Math.max(0, trace.hops.length - 1)) : 0;
  return {
    scenario: s.scenario,
    cluster: selectCluster(s),
    walk: s.walk,
    trace,
    step,
    hop: trace?.hops[step],
    selection: s.selection,
    panel: s.rightPanel,
    diagnostics: () => {
      let d = diagMemo.get(s.scenario);
      if (!d) {
        d = validate(s.scenario);
        diagMemo.set(s.scenario, d);
      }
      return d;
    },
  };
}

/** Does one "show me" action, as the learner would. */
export function performLessonAction(store: AppStore, a: LessonAction): void {
  const s = store.getState();
  switch (a.kind) {
    case 'walk':
      s.setWalk({ ...a.walk }, { step: 0 });
      return;
    case 'hop': {
      const hops = selectTrace(s)?.hops ?? [];
      const matches = hops
        .map((h, i) => ({ h, i }))
        .filter(
          ({ h }) =>
            h.kind === a.hop &&
            (a.direction === undefined || h.direction === a.direction) &&
            (a.at === undefined || h.at === a.at),
        );
      const m = matches[a.nth ?? 0];
      if (m) {
        s.setPlaying(false);
        s.setStep(m.i);
        s.setRightPanel('trace');
      }
      return;
    }
    case 'select':
      s.select(a.id);
      return;
    case 'panel':
      s.setRightPanel(a.panel);
      return;
    case 'cluster':
      s.edit((x) => updateCluster(x, a.patch));
      return;
    case 'edit':
      s.edit(a.edit);
      return;
  }
}

/** Opens a lesson at a step: its scenario is loaded (undoable) and earlier steps are replayed. */
export function openLesson(store: AppStore, lesson: Lesson, step = 0): void {
  const s = store.getState();
  s.setPredict(undefined);
  s.loadScenario(lesson.scenario);
  s.setWalk(undefined);
  const at = Math.max(0, Math.min(step, lesson.steps.length - 1));
  // A link into the middle of a lesson sets up the state the earlier steps would have made.
  for (const st of lesson.steps.slice(0, at))
    for (const a of st.showMe) performLessonAction(store, a);
  store.getState().setLesson({ id: lesson.id, step: at, tries: 0, shown: false });
}

/**
 * Resolves once the packet walker (loaded on demand) is in the store: "show me" and lesson links
 * pick hops of a walk, which needs its trace.
 */
export async function whenTracing(store: AppStore): Promise<void> {
  if (store.getState().tracingReady) return;
  await new Promise<void>((resolve) => {
    const unsub = store.subscribe((s) => {
      if (!s.tracingReady) return;
      unsub();
      resolve();
    });
    store.getState().ensureTracing();
  });
}
