/**
 * "A pod is born" (issue 14): the pod's creation played step by step — the kubelet's sandbox
 * request, the runtime's namespace, CNI ADD with its environment and config, the plugin's bridge,
 * veth, IPAM, addresses, routes and masquerade decision, then the pause container and the app
 * containers — with the objects appearing on the graph as they are made. ← → step, Esc closes.
 */
import clsx from 'clsx';
import { useEffect, useRef, useState } from 'react';

import { useAppStore, useStoreApi } from '@/state';

import { Button } from '../primitives/Button';
import { Icon } from '../primitives/Icon';

import { BirthStepView } from './BirthStepView';
import { useBirth } from './useBirth';

export function BirthPlayer() {
  const { birth, step, go, close } = useBirth();
  const reduced = useAppStore((s) => s.reducedMotion);
  const [playing, setPlaying] = useState(false);
  const root = useRef<HTMLElement>(null);
  const n = birth?.steps.length ?? 0;
  const store = useStoreApi();
  useEffect(() => {
    // The player takes the walk's place in the panel: a walk that was playing stops.
    store.getState().setPlaying(false);
    const before = document.activeElement;
    root.current?.focus();
    // Closing hands the keyboard back: to what opened the player if it is still there, else to the
    // pod's "How this pod was born" button in the inspector that replaces the player, else the panel.
    // The panel that replaces the player is drawn after this cleanup: look once it is there.
    return () => {
      requestAnimationFrame(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        const back =
          (before instanceof HTMLElement && before !== document.body && before.isConnected
            ? before
            : null) ??
          document.querySelector<HTMLElement>('[data-testid="inspector.pod.birth"]') ??
          document.querySelector<HTMLElement>('[data-region="right"]');
        back?.focus();
      });
    };
  }, [store]);
  useEffect(() => {
    if (!playing) return;
    const t = setTimeout(() => (step >= n - 1 ? setPlaying(false) : go(step + 1)), 2400);
    return () => clearTimeout(t);
  }, [playing, step, n, go]);
  if (!birth) {
    return (
      <div className="p-4 text-sm" data-testid="birth.player">
        This pod no longer exists.{' '}
        <Button size="sm" onClick={close}>
          Close
        </Button>
      </div>
    );
  }
  const cur = birth.steps[step];
  // Back and Next stay focusable at the ends (aria-disabled, not disabled): a disabled button would
  // drop the keyboard focus to the page, out of the player's keys.
  const handleKey = (e: React.KeyboardEvent) => {
    if (e.target instanceof HTMLElement && e.target.closest('summary, input')) return;
    if (e.key === 'ArrowRight') go(step + 1);
    else if (e.key === 'ArrowLeft') go(step - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(n - 1);
    else if (e.key === 'Escape') close();
    else return;
    e.preventDefault();
    setPlaying(false);
  };
  return (
    <section
      ref={root}
      tabIndex={-1}
      onKeyDown={handleKey}
      aria-label={`How pod ${birth.pod} was born`}
      className="flex h-full min-h-0 flex-col outline-none"
      data-testid="birth.player"
    >
      <div className="space-y-1 border-b border-slate-200 p-3 dark:border-slate-800">
        <div className="flex items-start justify-between gap-2">
          <h2 className="text-sm font-semibold">
            A pod is born: <span className="font-mono">{birth.pod}</span>
            {birth.node ? ` on ${birth.node}` : ''}
          </h2>
          <Button
            size="sm"
            variant="ghost"
            aria-label="Close the player"
            onClick={close}
            data-testid="birth.close"
          >
            ✕
          </Button>
        </div>
        <p className="text-[12px] text-slate-600 dark:text-slate-300" data-testid="birth.cni">
          CNI: {birth.cni}
        </p>
        <div className="flex items-center gap-1" role="group" aria-label="Steps">
          <Button
            size="sm"
            variant="ghost"
            aria-label="Previous step"
            onClick={() => go(step - 1)}
            aria-disabled={step === 0}
            className={clsx(step === 0 && 'cursor-not-allowed opacity-40')}
            data-testid="birth.back"
          >
            <Icon name="back" />
          </Button>
          <Button
            size="sm"
            variant="secondary"
            aria-label={playing ? 'Pause' : 'Play'}
            onClick={() => {
              // With reduced motion there is no autoplay: Play moves one step.
              if (reduced) go(step + 1);
              else {
                if (!playing && step >= n - 1) go(0);
                setPlaying(!playing);
              }
            }}
            data-testid="birth.play"
          >
            <Icon name={playing ? 'pause' : 'play'} />
          </Button>
          <Button
            size="sm"
            variant="ghost"
            aria-label="Next step"
            onClick={() => go(step + 1)}
            aria-disabled={step >= n - 1}
            className={clsx(step >= n - 1 && 'cursor-not-allowed opacity-40')}
            data-testid="birth.next"
          >
            <Icon name="forward" />
          </Button>
          <span
            className="ml-auto font-mono text-xs text-slate-600 dark:text-slate-300"
            data-testid="birth.position"
          >
            {step + 1} / {n}
          </span>
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {cur && (
          <div className="border-b border-slate-200 p-3 dark:border-slate-800">
            <BirthStepView step={cur} />
          </div>
        )}
        <ol className="p-2 text-[12.5px]" aria-label="All steps" data-testid="birth.steps">
          {birth.steps.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => go(i)}
                aria-current={i === step ? 'step' : undefined}
                className={clsx(
                  'flex w-full items-baseline gap-2 rounded px-2 py-1 text-left',
                  i === step
                    ? 'bg-blue-50 font-semibold dark:bg-slate-800'
                    : 'hover:bg-slate-50 dark:hover:bg-slate-800/60',
                  i > step && 'text-slate-600 dark:text-slate-400',
                  s.error && 'text-red-800 dark:text-red-300',
                )}
              >
                <span className="w-5 shrink-0 text-right font-mono text-[11px]">{i + 1}</span>
                <span className="w-24 shrink-0 truncate text-[11px] text-slate-500">
                  {s.actorName}
                </span>
                <span className={clsx('min-w-0 flex-1', s.skipped && 'italic')}>{s.title}</span>
              </button>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
