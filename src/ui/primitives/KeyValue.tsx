import type { ReactNode } from 'react';

export interface KeyValueProps {
  readonly rows: readonly (readonly [string, ReactNode] | false | undefined)[];
  readonly testId?: string;
}

/** A compact definition list (label: value), values in monospace where they are addresses. */
export function KeyValue({ rows, testId }: KeyValueProps) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm" data-testid={testId}>
      {rows
        .filter((r): r is readonly [string, ReactNode] => Boolean(r))
        .map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
            <dd
              className="min-w-0 font-mono text-[13px] break-words text-slate-900 dark:text-slate-100"
              data-testid={
                testId ? `${testId}.${k.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : undefined
              }
            >
              {v}
            </dd>
          </div>
        ))}
    </dl>
  );
}
