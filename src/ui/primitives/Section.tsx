import type { ReactNode } from 'react';

export interface SectionProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly right?: ReactNode;
}

export function Section({ title, children, right }: SectionProps) {
  return (
    <section className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
      <div className="mb-2 flex items-center justify-between">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
          {title}
        </h3>
        {right}
      </div>
      {children}
    </section>
  );
}
