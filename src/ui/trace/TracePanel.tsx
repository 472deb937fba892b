/**
 * The walk: verdict and reason, load-balancing candidates, playback, and the numbered hop list
 * (an accessible listbox: arrow keys move between hops; selecting a hop jumps the animation).
 */
import clsx from 'clsx';
import { useEffect, useRef } from 'react';

import type { Hop } from '@/sim';
import { selectTrace, useAppStore } from '@/state';

import { Button } from '../primitives/Button';

import { HopItem } from './HopItem';
import { PlaybackControls } from './PlaybackControls';
import { usePlayback } from './usePlayback';

const VERDICT: Record<string, { icon: string; cls: string; word: string }> = {
  delivered: {
    icon: '✓',
    cls: 'bg-emerald-50 text-emerald-900 border-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:border-emerald-800',
    word: 'Delivered',
  },
  rejected: {
    icon: '⊘',
    cls: 'bg-orange-50 text-orange-900 border-orange-300 dark:bg-orange-950 dark:text-orange-200 dark:border-orange-800',
    word: 'Rejected',
  },
  dropped: {
    icon: '✕',
    cls: 'bg-red-50 text-red-900 border-red-300 dark:bg-red-950 dark:text-red-200 dark:border-red-800',
    word: 'Dropped',
  },
  unreachable: {
    icon: '⚠',
    cls: 'bg-slate-100 text-slate-900 border-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:border-slate-600',
    word: 'Unreachable',
  },
};

/** Headers are compared only within one phase (the DNS lookup, the request, the reply). */
function comparable(prev: Hop | undefined, h: Hop): Hop | undefined {
  return prev && prev.direction === h.direction && prev.phase === h.phase ? prev : undefined;
}

export function TracePanel() {
  usePlayback();
  const trace = useAppStore(selectTrace);
  const walk = useAppStore((s) => s.walk);
  const step = useAppStore((s) => s.step);
  const setStep = useAppStore((s) => s.setStep);
  const setPlaying = useAppStore((s) => s.setPlaying);
  const setWalk = useAppStore((s) => s.setWalk);
  const listRef = useRef<HTMLOListElement>(null);
  const itemRefs = useRef<(HTMLLIElement | null)[]>([]);

  useEffect(() => {
    itemRefs.current[step]?.scrollIntoView({ block: 'nearest' });
  }, [step]);

  if (!walk || !trace) {
    return (
      <div className="p-4 text-sm text-slate-600 dark:text-slate-300" data-testid="trace.empty">
        No walk yet. Press <strong>Send packet</strong> and click a source and a destination, or
        pick them in the toolbar.
      </div>
    );
  }
  const v = VERDICT[trace.verdict] ?? VERDICT.unreachable!;
  const handleKey = (e: React.KeyboardEvent) => {
    const n = trace.hops.length;
    const moves: Record<string, number> = {
      ArrowDown: step + 1,
      ArrowRight: step + 1,
      ArrowUp: step - 1,
      ArrowLeft: step - 1,
      Home: 0,
      End: n - 1,
    };
    const target = moves[e.key];
    if (target === undefined) return;
    const next = Math.min(n - 1, Math.max(0, target));
    e.preventDefault();
    setPlaying(false);
    setStep(next);
    itemRefs.current[next]?.focus();
  };
  const firstReply = trace.hops.findIndex((h) => h.direction === 'reply');
  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="trace.panel">
      <div className="space-y-2 border-b border-slate-200 p-3 dark:border-slate-800">
        <div className="flex items-start justify-between gap-2">
          <div className="min-w-0 text-sm">
            <div
              className="font-mono text-[12px] text-slate-600 dark:text-slate-300"
              data-testid="trace.summary"
            >
              {trace.summary
                ? `${trace.summary.from} → ${trace.summary.to}`
                : `${walk.from} → ${walk.to}`}
              {trace.summary?.port !== undefined
                ? ` · ${trace.summary.protocol} ${trace.summary.port}`
                : trace.summary
                  ? ` · ${trace.summary.protocol}`
                  : ''}
            </div>
          </div>
          <Button
            size="sm"
            variant="ghost"
            aria-label="Close the walk"
            onClick={() => setWalk(undefined)}
            data-testid="trace.close"
          >
            ✕
          </Button>
        </div>
        <div
          className={clsx('rounded-md border px-3 py-2', v.cls)}
          role="status"
          data-testid="trace.verdict"
          data-verdict={trace.verdict}
        >
          <div className="font-semibold">
            <span aria-hidden="true">{v.icon}</span> {v.word}
          </div>
          <div className="text-[13px]" data-testid="trace.reason">
            {trace.reason}
          </div>
        </div>
        {trace.candidates.length > 0 && (
          <div className="text-xs" data-testid="trace.candidates">
            <span className="text-slate-500">kube-proxy endpoints: </span>
            {trace.candidates.map((c, i) => (
              <button
                key={c}
                type="button"
                title="Follow this endpoint"
                onClick={() => setWalk({ ...walk, endpoint: c }, { step: 0 })}
                className={clsx(
                  'mr-1 mb-1 inline-block rounded border px-1.5 font-mono',
                  c === trace.chosen
                    ? 'border-blue-500 bg-blue-50 dark:bg-blue-950'
                    : 'border-slate-300 dark:border-slate-600',
                )}
              >
                {c}{' '}
                {trace.probabilities?.[i] !== undefined
                  ? `· ${Math.round((trace.probabilities[i] ?? 0) * 100)}%`
                  : ''}
              </button>
            ))}
            {trace.masqueraded && (
              <span className="ml-1 text-amber-700 dark:text-amber-300">· masqueraded</span>
            )}
          </div>
        )}
        <PlaybackControls />
      </div>
      <ol
        ref={listRef}
        role="listbox"
        aria-label="Hops"
        tabIndex={-1}
        onKeyDown={handleKey}
        className="min-h-0 flex-1 divide-y divide-slate-100 overflow-y-auto dark:divide-slate-800"
        data-testid="trace.hops"
      >
        {trace.hops.map((h, i) => (
          <div key={i} className="contents">
            {i === firstReply && (
              <li
                role="presentation"
                className="bg-amber-50 px-3 py-1 text-[11px] font-semibold tracking-wide text-amber-800 uppercase dark:bg-amber-950/50 dark:text-amber-300"
              >
                Reply
              </li>
            )}
            <HopItem
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              hop={h}
              prev={comparable(trace.hops[i - 1], h)}
              index={i}
              current={i === Math.min(step, trace.hops.length - 1)}
              reached={i <= step}
              onSelect={() => {
                setPlaying(false);
                setStep(i);
              }}
            />
          </div>
        ))}
      </ol>
    </div>
  );
}
