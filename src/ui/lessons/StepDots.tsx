/** The lesson's steps as dots: solved ✓, shown ◐, the current one ringed; each opens its step. */
import clsx from 'clsx';

import type { Lesson } from '@/scenario';
import { useAppStore } from '@/state';

export interface StepDotsProps {
  readonly lesson: Lesson;
  readonly index: number;
  readonly onGo: (step: number) => void;
}

export function StepDots({ lesson, index, onGo }: StepDotsProps) {
  const progress = useAppStore((s) => s.progress[lesson.id]);
  return (
    <ol className="flex items-center gap-1" aria-label="Steps" data-testid="lesson.steps">
      {lesson.steps.map((s, i) => {
        const solved = progress?.solved.includes(i);
        const shown = !solved && progress?.shown.includes(i);
        return (
          <li key={s.id}>
            <button
              type="button"
              onClick={() => onGo(i)}
              aria-current={i === index ? 'step' : undefined}
              aria-label={`Step ${i + 1}: ${s.title}${solved ? ', solved' : shown ? ', shown' : ''}`}
              title={s.title}
              className={clsx(
                'flex h-6 w-6 items-center justify-center rounded-full border text-[11px] font-bold',
                solved
                  ? 'border-emerald-700 bg-emerald-700 text-white'
                  : shown
                    ? 'border-amber-600 bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100'
                    : 'border-slate-400 text-slate-700 dark:text-slate-300',
                i === index && 'ring-2 ring-blue-600 ring-offset-1 dark:ring-offset-slate-900',
              )}
            >
              {solved ? '✓' : i + 1}
            </button>
          </li>
        );
      })}
      <li className="ml-1 text-[12px] text-slate-600 dark:text-slate-300">
        Step {Math.min(index + 1, lesson.steps.length)} of {lesson.steps.length}
      </li>
    </ol>
  );
}
