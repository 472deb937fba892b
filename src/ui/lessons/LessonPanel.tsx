/**
 * The lesson beside the app (issue 14): narration, the goal with its live checklist, Check (a
 * wrong try unlocks hints), Show me (after one confirm; marked shown, not solved), the takeaway
 * when the computed state meets the goal, and a link to this step. Keyboard: F6 reaches it.
 */
import { useState } from 'react';

import { useAppStore } from '@/state';

import { Button } from '../primitives/Button';
import { RichText } from '../primitives/RichText';
import { usePlatform } from '../platform';

import { LessonFinish } from './LessonFinish';
import { StepDots } from './StepDots';
import { StepGoal } from './StepGoal';
import { useLesson } from './useLesson';

export function LessonPanel() {
  const v = useLesson();
  const platform = usePlatform();
  const hasWalk = useAppStore((s) => s.walk !== undefined);
  const [confirm, setConfirm] = useState(false);
  const [copied, setCopied] = useState(false);
  if (!v) return null;
  const { lesson, index, step, done, tries } = v;
  if (v.finished || !step) return <LessonFinish lesson={lesson} onLeave={v.leave} />;
  const hints = step.hints.slice(0, Math.min(tries, step.hints.length));
  const link = `${platform.pageUrl()}?lesson=${lesson.id}&step=${index + 1}`;
  const focusWalk = () =>
    document
      .querySelector<HTMLElement>('[data-testid="trace.hops"] [aria-selected="true"]')
      ?.focus();
  return (
    <section
      className="flex h-full min-h-0 flex-col"
      aria-label="Lesson"
      data-testid="lesson.panel"
    >
      <div className="space-y-1 border-b border-slate-200 p-3 dark:border-slate-800">
        <div className="flex items-start justify-between gap-2">
          <h2 className="text-sm leading-snug font-semibold">{lesson.title}</h2>
          <Button
            size="sm"
            variant="ghost"
            aria-label="Leave the lesson"
            onClick={v.leave}
            data-testid="lesson.leave"
          >
            ✕
          </Button>
        </div>
        <StepDots lesson={lesson} index={index} onGo={v.go} />
      </div>
      <div className="min-h-0 flex-1 space-y-3 overflow-y-auto p-3 text-[13px]">
        <h3 className="text-[15px] font-semibold" data-testid="lesson.step-title">
          {index + 1}. {step.title}
        </h3>
        <p className="text-slate-700 dark:text-slate-300">
          <RichText text={step.narration} />
        </p>
        <StepGoal step={step} criteria={v.criteria} />
        {done ? (
          <div
            className="rounded-md border border-emerald-400 bg-emerald-50 p-2 dark:border-emerald-700 dark:bg-emerald-950/60"
            data-testid="lesson.done"
          >
            <p className="font-semibold">✓ Done{v.shown ? ' (shown)' : ''}.</p>
            <p className="mt-1">
              <RichText text={step.takeaway} />
            </p>
            <Button
              className="mt-2"
              size="sm"
              variant="primary"
              onClick={() => v.go(index + 1)}
              data-testid="lesson.next"
            >
              {index + 1 < lesson.steps.length ? 'Next step →' : 'Finish the lesson →'}
            </Button>
          </div>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <Button size="sm" variant="primary" onClick={v.check} data-testid="lesson.check">
              Check
            </Button>
            {confirm ? (
              <span className="flex items-center gap-1" data-testid="lesson.confirm">
                <span className="text-[12px]">Do it for you (marked as shown)?</span>
                <Button
                  size="sm"
                  onClick={() => {
                    setConfirm(false);
                    v.showMe();
                  }}
                  data-testid="lesson.show-me.confirm"
                  autoFocus
                >
                  Show me
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setConfirm(false)}>
                  Cancel
                </Button>
              </span>
            ) : (
              <Button size="sm" onClick={() => setConfirm(true)} data-testid="lesson.show-me">
                Show me…
              </Button>
            )}
            {hasWalk && (
              <Button size="sm" variant="ghost" onClick={focusWalk} data-testid="lesson.to-walk">
                Go to the walk
              </Button>
            )}
          </div>
        )}
        {!done && hints.length > 0 && (
          <div
            className="rounded-md border border-amber-400 bg-amber-50 p-2 dark:border-amber-700 dark:bg-amber-950/60"
            data-testid="lesson.hints"
          >
            <p className="font-semibold">
              Not yet — {v.criteria.filter((c) => !c.ok).length} to go.
            </p>
            {hints.map((h, i) => (
              <p key={i} className="mt-1" data-testid="lesson.hint">
                Hint {i + 1}: <RichText text={h} />
              </p>
            ))}
          </div>
        )}
        <div className="flex items-center gap-2 border-t border-slate-200 pt-2 text-[12px] dark:border-slate-800">
          <Button
            size="sm"
            variant="ghost"
            onClick={async () => setCopied(await platform.copyText(link))}
            data-testid="lesson.copy-link"
          >
            Copy a link to this step
          </Button>
          {copied && <span role="status">Copied.</span>}
        </div>
      </div>
    </section>
  );
}
