/**
 * The walk: verdict and reason, load-balancing candidates, playback, and the numbered hop list
 * (an accessible listbox: arrow keys move between hops; selecting a hop jumps the animation).
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';

import { PROXY_MODES, type Hop, type ProxyMode } from '@/sim';
import { selectCluster, selectTrace, useAppStore } from '@/state';

import { Button } from '../primitives/Button';

import { HopItem } from './HopItem';
import { PlaybackControls } from './PlaybackControls';
import { WalkVerdict } from './WalkVerdict';
import { usePlayback } from './usePlayback';

// Predict mode loads on first use (issue 14; keeps the initial bundle small).
const PredictCard = lazy(() =>
  import('../predict/PredictCard').then((m) => ({ default: m.PredictCard })),
);

const CompareModes = lazy(() =>
  import('./CompareModes').then((m) => ({ default: m.CompareModes })),
);
// The walk under another CNI, side by side (issue 15): loaded when asked for.
const CompareDatapaths = lazy(() =>
  import('../compare/CompareDatapaths').then((m) => ({ default: m.CompareDatapaths })),
);

/** Whether kube-proxy's rules took part in the walk (worth comparing the two modes). */
const proxyActed = (hops: readonly Hop[]): boolean =>
  hops.some(
    (h) => h.kind === 'dnat' || (h.kind === 'drop' && /^(iptables|nft)/.test(h.rule?.source ?? '')),
  );

/** Headers are compared only within one phase (the DNS lookup, the request, the reply). */
function comparable(prev: Hop | undefined, h: Hop): Hop | undefined {
  return prev && prev.direction === h.direction && prev.phase === h.phase ? prev : undefined;
}

export function TracePanel() {
  usePlayback();
  const trace = useAppStore(selectTrace);
  const walk = useAppStore((s) => s.walk);
  const tracingReady = useAppStore((s) => s.tracingReady);
  const step = useAppStore((s) => s.step);
  const setStep = useAppStore((s) => s.setStep);
  const setPlaying = useAppStore((s) => s.setPlaying);
  const setWalk = useAppStore((s) => s.setWalk);
  const predicting = useAppStore((s) => s.predict !== undefined);
  const revealed = useAppStore((s) => s.predict?.revealed ?? false);
  const setPredict = useAppStore((s) => s.setPredict);
  const mode = useAppStore((s) => s.scenario.cluster.kubeProxy.mode);
  // Without kube-proxy (Cilium's replacement) there are no iptables/nftables modes to compare.
  const kubeProxy = useAppStore((s) => selectCluster(s).datapath.profile.kubeProxy);
  const [comparing, setComparing] = useState(false);
  const [comparingCni, setComparingCni] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const itemRefs = useRef<(HTMLLIElement | null)[]>([]);

  useEffect(() => {
    itemRefs.current[step]?.scrollIntoView({ block: 'nearest' });
  }, [step]);

  if (walk && !tracingReady)
    return (
      <div
        className="p-4 text-sm text-slate-600 dark:text-slate-300"
        role="status"
        data-testid="trace.loading"
      >
        Loading the packet walker…
      </div>
    );
  if (!walk || !trace) {
    return (
      <div className="p-4 text-sm text-slate-600 dark:text-slate-300" data-testid="trace.empty">
        No walk yet. Press <strong>Send packet</strong> and click a source and a destination, or
        pick them in the toolbar.
      </div>
    );
  }
  const togglePredict = () => {
    setPlaying(false);
    setStep(0);
    setPredict(predicting ? undefined : { draft: {}, revealed: false, results: {} });
  };
  // In predict mode only the hops already answered are shown, and they cannot be jumped past.
  const shown = predicting ? trace.hops.slice(0, step + 1) : trace.hops;
  const predictDone = predicting && step >= trace.hops.length - 1 && !revealed;
  const handleKey = (e: React.KeyboardEvent) => {
    const n = shown.length;
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
            variant={predicting ? 'primary' : 'secondary'}
            aria-pressed={predicting}
            onClick={togglePredict}
            title="Before each hop, predict where the packet goes and what changes"
            data-testid="trace.predict"
          >
            Predict
          </Button>
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
        {predicting && !predictDone ? (
          <p
            className="text-[12px] text-slate-600 dark:text-slate-300"
            data-testid="trace.verdict-hidden"
          >
            Predict mode: the verdict and the hops ahead are shown once you have predicted them.
          </p>
        ) : (
          <WalkVerdict trace={trace} walk={walk} />
        )}
        {!predicting && kubeProxy && proxyActed(trace.hops) && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setComparing(true)}
            data-testid="trace.compare"
          >
            Compare with {(Object.keys(PROXY_MODES) as ProxyMode[]).find((m) => m !== mode)} mode
          </Button>
        )}
        {!predicting && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setComparingCni(true)}
            data-testid="trace.compare-cni"
          >
            Compare under another CNI…
          </Button>
        )}
        {comparing && (
          <Suspense fallback={null}>
            <CompareModes open onClose={() => setComparing(false)} />
          </Suspense>
        )}
        {comparingCni && (
          <Suspense fallback={null}>
            <CompareDatapaths open onClose={() => setComparingCni(false)} />
          </Suspense>
        )}
        {!predicting && <PlaybackControls />}
      </div>
      {predicting && (
        // Outside the hop list's scroll: the question and its feedback stay in view as hops appear.
        <div className="max-h-[62%] shrink-0 overflow-y-auto border-b border-slate-200 p-3 dark:border-slate-800">
          <Suspense fallback={null}>
            <PredictCard />
          </Suspense>
        </div>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto">
        <ol
          ref={listRef}
          role="listbox"
          aria-label="Hops"
          tabIndex={-1}
          onKeyDown={handleKey}
          className="divide-y divide-slate-100 dark:divide-slate-800"
          data-testid="trace.hops"
        >
          {shown.map((h, i) => (
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
                  if (predicting) return;
                  setPlaying(false);
                  setStep(i);
                }}
              />
            </div>
          ))}
        </ol>
      </div>
    </div>
  );
}
