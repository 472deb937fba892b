/**
 * Predict mode's logic over the store: the question for the next hop (computed by the simulator),
 * checking an answer (the hop then animates and the feedback is announced), going on, the score.
 */
import { useEffect, useMemo } from 'react';

import {
  elementLabel,
  gradeAnswer,
  predictQuestion,
  type PredictGrade,
  type PredictQuestion,
} from '@/sim';
import { selectCluster, selectTrace, useAppStore, useStoreApi } from '@/state';

export interface Score {
  readonly points: number;
  readonly possible: number;
  readonly where: readonly [number, number];
  readonly change: readonly [number, number];
  readonly mechanism: readonly [number, number];
}

export function scoreOf(results: Readonly<Record<number, PredictGrade>>): Score {
  const all = Object.values(results);
  const count = (k: 'where' | 'change' | 'mechanism'): [number, number] => {
    const asked = all.filter((g) => g[k] !== undefined);
    return [asked.filter((g) => g[k]).length, asked.length];
  };
  return {
    points: all.reduce((n, g) => n + g.points, 0),
    possible: all.reduce((n, g) => n + g.possible, 0),
    where: count('where'),
    change: count('change'),
    mechanism: count('mechanism'),
  };
}

export function usePredict() {
  const store = useStoreApi();
  const cluster = useAppStore(selectCluster);
  const trace = useAppStore(selectTrace);
  const step = useAppStore((s) => s.step);
  const predict = useAppStore((s) => s.predict);
  const setGraphMarks = useAppStore((s) => s.setGraphMarks);
  const revealed = predict?.revealed ?? false;
  // Before the answer: the question for the next hop; after it: the one just answered.
  const index = revealed ? step : step + 1;
  const question: PredictQuestion | undefined = useMemo(
    () => (trace ? predictQuestion(cluster, trace, index) : undefined),
    [cluster, trace, index],
  );
  // The places on offer are marked on the graph while the learner chooses.
  useEffect(() => {
    const hints =
      question && !revealed ? question.where.map((c) => c.value).filter((v) => v !== 'drop') : [];
    setGraphMarks({ hints });
    return () => setGraphMarks({ hints: [] });
  }, [question, revealed, setGraphMarks]);

  const check = (): void => {
    const s = store.getState();
    if (!question || !s.predict || !trace) return;
    const grade = gradeAnswer(question, s.predict.draft);
    const hop = trace.hops[question.index];
    s.setPredict({
      ...s.predict,
      revealed: true,
      results: { ...s.predict.results, [question.index]: grade },
    });
    s.setStep(question.index);
    const right = grade.points === grade.possible;
    s.announce(
      `${right ? 'Right' : `${grade.points} of ${grade.possible} right`}. Hop ${question.index + 1}: ${
        hop?.kind === 'drop'
          ? 'the packet is dropped'
          : `at ${elementLabel(cluster, hop?.at ?? '')}`
      }. ${hop?.explain ?? ''}`,
    );
  };
  const next = (): void => {
    const s = store.getState();
    if (s.predict) s.setPredict({ ...s.predict, draft: {}, revealed: false });
  };
  const restart = (): void => {
    const s = store.getState();
    s.setStep(0);
    s.setPredict({ draft: {}, revealed: false, results: {} });
  };
  return { question, predict, trace, check, next, restart, cluster };
}
