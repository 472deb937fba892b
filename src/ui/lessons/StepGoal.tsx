/** A step's goal beside its live state: the criteria ticked as the computed state meets them. */
import clsx from 'clsx';

import type { Criterion, LessonStep } from '@/scenario';

import { RichText } from '../primitives/RichText';

export interface StepGoalProps {
  readonly step: LessonStep;
  readonly criteria: readonly Criterion[];
}

export function StepGoal({ step, criteria }: StepGoalProps) {
  return (
    <div
      className="rounded-md border border-blue-300 bg-blue-50 p-2 dark:border-blue-800 dark:bg-blue-950/50"
      data-testid="lesson.goal"
    >
      <p className="text-[13px] font-semibold">
        Goal: <RichText text={step.goal} />
      </p>
      <ul className="mt-1 space-y-0.5 text-[12.5px]" aria-label="Progress">
        {criteria.map((c) => (
          <li
            key={c.label}
            className={clsx('flex gap-1.5', c.ok && 'text-emerald-800 dark:text-emerald-300')}
            data-ok={c.ok}
            data-testid="lesson.criterion"
          >
            <span aria-hidden="true">{c.ok ? '✓' : '○'}</span>
            <span>
              {c.label}
              <span className="sr-only">{c.ok ? ' (met)' : ' (not yet)'}</span>
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-[11.5px] text-slate-600 dark:text-slate-300">
        What is checked: {step.checks}
      </p>
    </div>
  );
}
