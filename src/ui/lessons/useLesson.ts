/**
 * The open lesson's live state: its step's criteria computed from the store on every change
 * (a step completes when the computed state meets its goal — never on a timer), "Check" (a wrong
 * try unlocks the next hint and says what is missing), "show me" (marks the step shown, not
 * solved), and the progress record the app keeps across sessions.
 */
import { useEffect, useMemo, useRef } from 'react';

import { isDone, lessonById, type Criterion, type Lesson, type LessonStep } from '@/scenario';
import { lessonContext, performLessonAction, useAppStore, useStoreApi, whenTracing } from '@/state';

export interface LessonView {
  readonly lesson: Lesson;
  readonly index: number;
  readonly step: LessonStep | undefined;
  readonly criteria: readonly Criterion[];
  readonly done: boolean;
  readonly tries: number;
  readonly shown: boolean;
  readonly finished: boolean;
  check: () => void;
  showMe: () => void;
  go: (step: number) => void;
  leave: () => void;
}

export function useLesson(): LessonView | undefined {
  const store = useStoreApi();
  const state = useAppStore((s) => s.lesson);
  // Everything a check may read: re-evaluate whenever one of them changes.
  const scenario = useAppStore((s) => s.scenario);
  const walk = useAppStore((s) => s.walk);
  const at = useAppStore((s) => s.step);
  const selection = useAppStore((s) => s.selection);
  const panel = useAppStore((s) => s.rightPanel);
  const traced = useAppStore((s) => s.tracingReady && s.proxyEpoch);
  const lesson = state ? lessonById(state.id) : undefined;
  const index = state?.step ?? 0;
  const step = lesson?.steps[index];
  const criteria = useMemo(
    () => (step ? step.check(lessonContext(store.getState())) : []),
    // The store is read whole; these are the inputs the context is made of.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [step, store, scenario, walk, at, selection, panel, traced],
  );
  const done = isDone(criteria);
  const recorded = useRef('');
  useEffect(() => {
    if (!done || !lesson || !state || !step) return;
    const key = `${lesson.id}#${index}`;
    if (recorded.current === key) return;
    recorded.current = key;
    const s = store.getState();
    const p = s.progress[lesson.id] ?? { solved: [], shown: [] };
    const list = state.shown ? 'shown' : 'solved';
    if (!p[list].includes(index)) s.setProgress(lesson.id, { ...p, [list]: [...p[list], index] });
    s.announce(`Step ${index + 1} done${state.shown ? ' (shown)' : ''}. ${step.takeaway}`);
  }, [done, lesson, state, step, index, store]);
  if (!lesson || !state) return undefined;
  const finished = index >= lesson.steps.length;
  return {
    lesson,
    index,
    step,
    criteria,
    done,
    tries: state.tries,
    shown: state.shown,
    finished,
    check: () => {
      const s = store.getState();
      if (!s.lesson || !step) return;
      if (done) return;
      const tries = s.lesson.tries + 1;
      s.setLesson({ ...s.lesson, tries });
      const missing = criteria.filter((c) => !c.ok).map((c) => c.label);
      const hint = step.hints[Math.min(tries, step.hints.length) - 1];
      s.announce(`Not yet. Still missing: ${missing.join('; ')}.${hint ? ` Hint: ${hint}` : ''}`);
    },
    showMe: () => {
      const s = store.getState();
      if (!s.lesson || !step) return;
      s.setLesson({ ...s.lesson, shown: true });
      // A step may pick a hop of the walk it just started: that needs the walker loaded.
      void (async () => {
        for (const a of step.showMe) {
          if (a.kind === 'hop') await whenTracing(store);
          performLessonAction(store, a);
        }
      })();
    },
    go: (to) => {
      const s = store.getState();
      if (!s.lesson) return;
      s.setLesson({ id: s.lesson.id, step: Math.max(0, to), tries: 0, shown: false });
    },
    leave: () => store.getState().setLesson(undefined),
  };
}
