/**
 * The misconception quiz: a question per common wrong belief; after an answer, what is true and a
 * button that opens the walk (or the pod-birth step) proving it.
 */
import clsx from 'clsx';
import { useState } from 'react';

import { QUIZ, type QuizQuestion } from '@/scenario';
import { podBirth } from '@/sim';
import {
  performLessonAction,
  selectCluster,
  useStoreApi,
  whenTracing,
  type AppStore,
} from '@/state';

import { Button } from '../primitives/Button';
import { RichText } from '../primitives/RichText';

export interface QuizListProps {
  readonly onDone: () => void;
}

/** Opens the proof of a question: its scenario and walk at the hop, or the pod-birth step. */
function openProof(store: AppStore, q: QuizQuestion): void {
  const s = store.getState();
  s.setLesson(undefined);
  s.setPredict(undefined);
  s.loadScenario(q.proof.scenario);
  if (q.proof.kind === 'birth') {
    const stepId = q.proof.step;
    const birth = podBirth(selectCluster(store.getState()), q.proof.pod);
    s.select(`pod:${q.proof.pod}`);
    s.setBirth({
      pod: q.proof.pod,
      step: Math.max(0, birth?.steps.findIndex((x) => x.id === stepId) ?? 0),
    });
    return;
  }
  s.setWalk({ ...q.proof.walk });
  const h = q.proof.hop;
  if (h)
    performLessonAction(store, {
      kind: 'hop',
      hop: h.kind,
      ...(h.direction ? { direction: h.direction } : {}),
      ...(h.nth !== undefined ? { nth: h.nth } : {}),
    });
}

export function QuizList({ onDone }: QuizListProps) {
  const store = useStoreApi();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const given = Object.keys(answers).length;
  const right = QUIZ.filter((q) => answers[q.id] === q.answer).length;
  return (
    <div data-testid="quiz">
      <p className="mb-3 text-[13px]" role="status" data-testid="quiz.score">
        {QUIZ.length} questions about what people often get wrong. Answered {given}, right {right}.
      </p>
      <ol className="space-y-3">
        {QUIZ.map((q, n) => {
          const a = answers[q.id];
          return (
            <li
              key={q.id}
              className="rounded-lg border border-slate-200 p-3 dark:border-slate-700"
              data-testid={`quiz.${q.id}`}
            >
              <fieldset>
                <legend className="mb-2 text-[13.5px] font-semibold">
                  {n + 1}. <RichText text={q.question} />
                </legend>
                <div className="flex flex-wrap gap-2">
                  {q.choices.map((c, i) => (
                    <Button
                      key={c}
                      size="sm"
                      variant="secondary"
                      aria-pressed={a === i}
                      disabled={a !== undefined}
                      onClick={() => setAnswers({ ...answers, [q.id]: i })}
                      className={clsx(
                        a !== undefined &&
                          i === q.answer &&
                          'border-emerald-600 bg-emerald-50 text-emerald-950 disabled:opacity-100 dark:bg-emerald-950 dark:text-emerald-100',
                        a === i &&
                          i !== q.answer &&
                          'border-red-600 bg-red-50 text-red-950 disabled:opacity-100 dark:bg-red-950 dark:text-red-100',
                      )}
                    >
                      {c}
                    </Button>
                  ))}
                </div>
              </fieldset>
              {a !== undefined && (
                <div className="mt-2 text-[13px]" data-testid={`quiz.${q.id}.truth`}>
                  <p>
                    <strong>{a === q.answer ? '✓ Right.' : '✕ Not so.'}</strong>{' '}
                    <RichText text={q.truth} />
                  </p>
                  <Button
                    className="mt-2"
                    size="sm"
                    variant="primary"
                    data-testid={`quiz.${q.id}.proof`}
                    onClick={() => {
                      onDone();
                      void whenTracing(store).then(() => openProof(store, q));
                    }}
                  >
                    {q.proof.kind === 'birth'
                      ? 'Open the pod’s birth that shows it'
                      : 'Open the walk that proves it'}
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
