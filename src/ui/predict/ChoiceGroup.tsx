/** A labelled group of radio choices with a key per option (1, 2, 3… or A, B, C…). */
import clsx from 'clsx';
import type { Ref } from 'react';

import type { Choice } from '@/sim';

export interface ChoiceGroupProps<T extends string> {
  readonly legend: string;
  readonly name: string;
  readonly choices: readonly Choice<T>[];
  readonly value: T | undefined;
  readonly onChange: (v: T) => void;
  /** The key shown before each choice ("1"… or "A"…). */
  readonly keys: 'digits' | 'letters';
  /** After checking: the right value (marked), and the learner's own if it was wrong. */
  readonly answer?: T | undefined;
  readonly disabled?: boolean;
  readonly columns?: 1 | 2;
  readonly firstRef?: Ref<HTMLInputElement>;
  readonly testId: string;
}

export const keyOf = (keys: 'digits' | 'letters', i: number): string =>
  keys === 'digits' ? String(i + 1) : String.fromCharCode(65 + i);

export function ChoiceGroup<T extends string>(p: ChoiceGroupProps<T>) {
  return (
    <fieldset data-testid={p.testId}>
      <legend className="mb-1 text-[13px] font-semibold">{p.legend}</legend>
      <div className={clsx('grid gap-1', p.columns === 2 && 'grid-cols-2')}>
        {p.choices.map((c, i) => {
          const right = p.answer !== undefined && c.value === p.answer;
          const wrong = p.answer !== undefined && c.value === p.value && !right;
          return (
            <label
              key={c.value}
              className={clsx(
                'flex cursor-pointer items-start gap-2 rounded border px-2 py-1 text-[12.5px] leading-snug',
                right
                  ? 'border-emerald-600 bg-emerald-50 text-emerald-950 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-100'
                  : wrong
                    ? 'border-red-600 bg-red-50 text-red-950 dark:border-red-500 dark:bg-red-950 dark:text-red-100'
                    : p.value === c.value
                      ? 'border-blue-600 bg-blue-50 dark:border-blue-400 dark:bg-blue-950'
                      : 'border-slate-300 hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800',
                p.disabled && 'cursor-default',
              )}
              data-testid={`${p.testId}.${i}`}
              data-value={c.value}
            >
              <input
                ref={i === 0 ? p.firstRef : undefined}
                type="radio"
                name={p.name}
                value={c.value}
                checked={p.value === c.value}
                disabled={p.disabled}
                onChange={() => p.onChange(c.value)}
                className="mt-0.5 accent-blue-600"
              />
              <span className="w-3 shrink-0 font-mono text-[11px] font-bold text-slate-600 dark:text-slate-300">
                {keyOf(p.keys, i)}
              </span>
              <span className="min-w-0 flex-1">
                {c.label}
                {right && <span className="sr-only"> (the answer)</span>}
                {wrong && <span className="sr-only"> (your answer, wrong)</span>}
              </span>
              {right && <span aria-hidden="true">✓</span>}
              {wrong && <span aria-hidden="true">✕</span>}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
