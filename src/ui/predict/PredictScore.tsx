/** The end of a predicted walk: first-try answers per kind of question, and what to do next. */
import type { PredictGrade } from '@/sim';
import { useAppStore } from '@/state';

import { Button } from '../primitives/Button';

import { scoreOf } from './usePredict';

export interface PredictScoreProps {
  readonly results: Readonly<Record<number, PredictGrade>>;
  readonly onRestart: () => void;
}

export function PredictScore({ results, onRestart }: PredictScoreProps) {
  const setPredict = useAppStore((s) => s.setPredict);
  const s = scoreOf(results);
  const pct = s.possible ? Math.round((100 * s.points) / s.possible) : 0;
  const line = (label: string, [a, b]: readonly [number, number]) =>
    b > 0 && (
      <li>
        {label}: <strong>{a}</strong> of {b}
      </li>
    );
  return (
    <section
      className="space-y-2 rounded-md border border-violet-300 bg-violet-50/60 p-3 text-[13px] dark:border-violet-800 dark:bg-violet-950/30"
      data-testid="predict.score"
      aria-label="Predict mode score"
    >
      <h3 className="text-sm font-semibold">
        Score:{' '}
        <span data-testid="predict.score.value">
          {s.points} / {s.possible}
        </span>{' '}
        ({pct}%)
      </h3>
      <ul className="list-disc pl-5">
        {line('Where the packet went', s.where)}
        {line('What changed in the headers', s.change)}
        {line('What rewrote an address', s.mechanism)}
      </ul>
      <p className="text-slate-600 dark:text-slate-300">
        {pct >= 80
          ? 'You can read this walk. Try predicting another one — across nodes, or through a NodePort.'
          : 'Step through the walk again with the hop list: each hop names the rule that decided it.'}
      </p>
      <div className="flex gap-2">
        <Button
          size="sm"
          variant="primary"
          onClick={onRestart}
          data-testid="predict.restart"
          autoFocus
        >
          Predict it again
        </Button>
        <Button size="sm" onClick={() => setPredict(undefined)} data-testid="predict.exit">
          Leave predict mode
        </Button>
      </div>
    </section>
  );
}
