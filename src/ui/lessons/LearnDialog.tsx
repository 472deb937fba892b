/** "Learn": the guided lessons and the misconception quiz, in one dialog (loaded on demand). */
import clsx from 'clsx';
import { useState } from 'react';

import { LessonList } from './LessonList';
import { QuizList } from './QuizList';

export interface LearnDialogProps {
  readonly onDone: () => void;
}

export function LearnDialog({ onDone }: LearnDialogProps) {
  const [tab, setTab] = useState<'lessons' | 'quiz'>('lessons');
  const tabs = [
    { id: 'lessons', label: 'Guided lessons' },
    { id: 'quiz', label: 'Misconception quiz' },
  ] as const;
  return (
    <div data-testid="learn">
      <div
        role="tablist"
        aria-label="Learn"
        className="mb-3 flex gap-1 border-b border-slate-200 dark:border-slate-700"
      >
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
            data-testid={`learn.tab.${t.id}`}
            className={clsx(
              'px-3 py-1.5 text-sm font-medium',
              tab === t.id
                ? 'border-b-2 border-blue-600 text-blue-800 dark:text-blue-300'
                : 'text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white',
            )}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'lessons' ? <LessonList onDone={onDone} /> : <QuizList onDone={onDone} />}
      </div>
    </div>
  );
}
