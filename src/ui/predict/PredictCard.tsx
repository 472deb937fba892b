/**
 * Predict mode (issue 14): before each hop the learner picks where the packet goes next — on the
 * graph or from the list (keys 1–6) — and what changes in its headers (keys A–G), and for a
 * rewrite which mechanism does it. Checking animates the hop and shows it right or wrong with the
 * hop's explanation; the score (first tries) ends the walk.
 */
import { useEffect, useRef } from 'react';

import {
  asksMechanism,
  DROP,
  elementLabel,
  type HeaderChange,
  type NatMechanism,
  type PredictAnswer,
} from '@/sim';
import { useAppStore } from '@/state';

import { Button } from '../primitives/Button';

import { ChoiceGroup } from './ChoiceGroup';
import { PredictScore } from './PredictScore';
import { usePredict } from './usePredict';

export function PredictCard() {
  const { question: q, predict, trace, check, next, restart, cluster } = usePredict();
  const setPredict = useAppStore((s) => s.setPredict);
  const firstRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const revealed = predict?.revealed ?? false;
  useEffect(() => {
    if (revealed) nextRef.current?.focus();
    else firstRef.current?.focus();
  }, [revealed, q?.index]);
  if (!predict || !trace) return null;
  if (!q) return <PredictScore results={predict.results} onRestart={restart} />;

  const draft = predict.draft;
  const grade = revealed ? predict.results[q.index] : undefined;
  const setDraft = (d: PredictAnswer) => setPredict({ ...predict, draft: { ...draft, ...d } });
  const ready = draft.where !== undefined && (!q.change || draft.change !== undefined);
  const offered = q.where.some((c) => c.value === draft.where);
  const hop = trace.hops[q.index];
  const handleKey = (e: React.KeyboardEvent) => {
    if (revealed || e.ctrlKey || e.metaKey || e.altKey) return;
    const digit = Number(e.key);
    if (digit >= 1 && digit <= q.where.length) {
      setDraft({ where: q.where[digit - 1]!.value });
      e.preventDefault();
    }
    const letter = e.key.toUpperCase().charCodeAt(0) - 65;
    if (q.change && e.key.length === 1 && letter >= 0 && letter < q.change.choices.length) {
      setDraft({ change: q.change.choices[letter]!.value });
      e.preventDefault();
    }
  };
  return (
    <form
      className="space-y-2 rounded-md border border-violet-300 bg-violet-50/60 p-2 dark:border-violet-800 dark:bg-violet-950/30"
      data-testid="predict.card"
      aria-label={`Predict hop ${q.index + 1}`}
      onKeyDown={handleKey}
      onSubmit={(e) => {
        e.preventDefault();
        if (revealed) next();
        else if (ready) check();
      }}
    >
      <div className="flex items-baseline justify-between gap-2 text-[13px]">
        <span>
          <strong>Predict hop {q.index + 1}</strong> of {trace.hops.length}. The packet is at{' '}
          <strong>{q.fromLabel}</strong>.
        </span>
      </div>
      <ChoiceGroup<string>
        legend="Where does it go next? (click the graph, or 1–6)"
        name="predict-where"
        choices={q.where}
        value={draft.where}
        onChange={(where) => setDraft({ where })}
        keys="digits"
        answer={revealed ? q.answerWhere : undefined}
        disabled={revealed}
        firstRef={firstRef}
        testId="predict.where"
      />
      {draft.where !== undefined && !offered && (
        <p className="text-[12px]" data-testid="predict.clicked">
          You chose on the graph: <strong>{elementLabel(cluster, draft.where)}</strong>
        </p>
      )}
      {q.change && (
        <ChoiceGroup<HeaderChange>
          legend="What changes in its headers? (addresses and ports; A–G)"
          name="predict-change"
          choices={q.change.choices}
          value={draft.change}
          onChange={(change) => setDraft({ change })}
          keys="letters"
          columns={2}
          answer={revealed ? q.change.answer : undefined}
          disabled={revealed}
          testId="predict.change"
        />
      )}
      {(asksMechanism(draft) || (revealed && q.mechanism)) && q.mechanism && (
        <ChoiceGroup<NatMechanism>
          legend="What rewrites the address?"
          name="predict-mechanism"
          choices={q.mechanism.choices}
          value={draft.mechanism}
          onChange={(mechanism) => setDraft({ mechanism })}
          keys="digits"
          answer={revealed ? q.mechanism.answer : undefined}
          disabled={revealed}
          testId="predict.mechanism"
        />
      )}
      {revealed && grade && hop && (
        <div
          className="rounded border border-slate-300 bg-white p-2 text-[13px] dark:border-slate-600 dark:bg-slate-900"
          data-testid="predict.feedback"
          data-right={grade.points === grade.possible}
        >
          <p className="font-semibold">
            {grade.points === grade.possible
              ? '✓ Right.'
              : `✕ ${grade.points} of ${grade.possible} right.`}{' '}
            {q.answerWhere === DROP
              ? 'The packet is dropped here.'
              : `It went to ${elementLabel(cluster, q.answerWhere)}.`}
          </p>
          <p className="mt-1">{hop.explain}</p>
          {hop.rule && (
            <code className="mt-1 block rounded bg-slate-100 px-1.5 py-1 font-mono text-[11.5px] break-all whitespace-pre-wrap dark:bg-slate-800">
              {hop.rule.text}
            </code>
          )}
        </div>
      )}
      <div className="flex items-center gap-2">
        {revealed ? (
          <Button
            ref={nextRef}
            type="submit"
            size="sm"
            variant="primary"
            data-testid="predict.next"
          >
            {q.index >= trace.hops.length - 1 ? 'See the score' : 'Next hop'} ⏎
          </Button>
        ) : (
          <Button
            type="submit"
            size="sm"
            variant="primary"
            disabled={!ready}
            data-testid="predict.check"
          >
            Check ⏎
          </Button>
        )}
        <span className="text-[12px] text-slate-600 dark:text-slate-300">
          Score so far: {Object.values(predict.results).reduce((n, g) => n + g.points, 0)} /{' '}
          {Object.values(predict.results).reduce((n, g) => n + g.possible, 0)}
        </span>
      </div>
    </form>
  );
}
