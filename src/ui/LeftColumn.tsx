/**
 * The left column: the element list and diagnostics, or — while a lesson is open — the lesson
 * (loaded on demand), with the element list one tab away.
 */
import clsx from 'clsx';
import { lazy, Suspense, useState } from 'react';

import { useAppStore } from '@/state';

import { ErrorBoundary } from './primitives/ErrorBoundary';
import { Loading } from './primitives/Loading';
import { DiagnosticsList } from './sidebar/DiagnosticsList';
import { ElementList } from './sidebar/ElementList';

const LessonPanel = lazy(() =>
  import('./lessons/LessonPanel').then((m) => ({ default: m.LessonPanel })),
);

export function LeftColumn() {
  const lesson = useAppStore((s) => s.lesson !== undefined);
  const [elements, setElements] = useState(false);
  const showLesson = lesson && !elements;
  return (
    <aside
      className="flex min-h-0 flex-col border-r border-slate-200 bg-white outline-none dark:border-slate-800 dark:bg-slate-900"
      data-region="left"
      tabIndex={-1}
      aria-label={lesson ? 'Lesson and elements' : 'Elements'}
    >
      {lesson && (
        <div
          className="flex shrink-0 border-b border-slate-200 text-sm dark:border-slate-800"
          role="tablist"
          aria-label="Left column"
        >
          {(['Lesson', 'Elements'] as const).map((t) => {
            const on = (t === 'Lesson') === showLesson;
            return (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={on}
                onClick={() => setElements(t === 'Elements')}
                data-testid={`left.tab.${t.toLowerCase()}`}
                className={clsx(
                  'flex-1 px-3 py-1.5 font-medium',
                  on
                    ? 'border-b-2 border-blue-600 text-blue-800 dark:text-blue-300'
                    : 'text-slate-600 dark:text-slate-300',
                )}
              >
                {t}
              </button>
            );
          })}
        </div>
      )}
      {showLesson ? (
        <div className="min-h-0 flex-1">
          <ErrorBoundary label="the lesson" resetKey="lesson">
            <Suspense fallback={<Loading />}>
              <LessonPanel />
            </Suspense>
          </ErrorBoundary>
        </div>
      ) : (
        <>
          <div className="min-h-0 flex-1">
            <ElementList />
          </div>
          <DiagnosticsList />
        </>
      )}
    </aside>
  );
}
