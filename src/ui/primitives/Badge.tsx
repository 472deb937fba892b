import clsx from 'clsx';
import type { ReactNode } from 'react';

export interface BadgeProps {
  readonly children: ReactNode;
  readonly tone?: 'neutral' | 'ok' | 'warn' | 'error' | 'info';
  readonly color?: string;
  readonly testId?: string;
}

export function Badge({ children, tone = 'neutral', color, testId }: BadgeProps) {
  return (
    <span
      data-testid={testId}
      style={color ? { borderColor: color, color } : undefined}
      className={clsx(
        'inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-[11px] font-medium',
        !color &&
          tone === 'neutral' &&
          'border-slate-300 text-slate-600 dark:border-slate-600 dark:text-slate-300',
        !color &&
          tone === 'ok' &&
          'border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-300',
        !color &&
          tone === 'warn' &&
          'border-amber-300 bg-amber-50 text-amber-800 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-300',
        !color &&
          tone === 'error' &&
          'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-300',
        !color &&
          tone === 'info' &&
          'border-blue-300 bg-blue-50 text-blue-800 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-300',
      )}
    >
      {children}
    </span>
  );
}
