/** The guided lessons with the learner's progress; Start or Continue opens one at its next step. */
import { LESSONS } from '@/scenario';
import { openLesson, useAppStore, useStoreApi, whenTracing } from '@/state';

import { Button } from '../primitives/Button';

export interface LessonListProps {
  readonly onDone: () => void;
}

export function LessonList({ onDone }: LessonListProps) {
  const store = useStoreApi();
  const progress = useAppStore((s) => s.progress);
  return (
    <ol className="grid grid-cols-2 gap-3" data-testid="lessons">
      {LESSONS.map((l) => {
        const p = progress[l.id];
        const solved = p?.solved.length ?? 0;
        const touched = new Set([...(p?.solved ?? []), ...(p?.shown ?? [])]);
        const next = l.steps.findIndex((_, i) => !touched.has(i));
        const complete = next < 0;
        return (
          <li
            key={l.id}
            className="flex flex-col rounded-lg border border-slate-200 p-3 dark:border-slate-700"
            data-testid={`lesson.${l.id}`}
          >
            <h3 className="mb-1 font-semibold">{l.title}</h3>
            <p className="mb-2 flex-1 text-[13px] text-slate-600 dark:text-slate-300">
              {l.summary}
            </p>
            <p className="mb-2 text-[12px] text-slate-600 dark:text-slate-300">
              {l.steps.length} steps · about {l.minutes} min
              {p ? ` · ${solved} solved${complete ? ' ✓' : ''}` : ''}
            </p>
            <Button
              size="sm"
              variant={complete ? 'secondary' : 'primary'}
              data-testid={`lesson.${l.id}.start`}
              onClick={() => {
                onDone();
                void whenTracing(store).then(() => openLesson(store, l, complete ? 0 : next));
              }}
            >
              {complete ? 'Do it again' : touched.size ? `Continue at step ${next + 1}` : 'Start'}
            </Button>
          </li>
        );
      })}
    </ol>
  );
}
