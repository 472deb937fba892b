/**
 * The walk's outcome: verdict and reason, and the candidate endpoints of the Service translator
 * (kube-proxy, or the datapath that replaces it) — click to follow.
 */
import clsx from 'clsx';

import type { Trace } from '@/sim';
import { selectCluster, useAppStore, type WalkSpec } from '@/state';

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

export interface WalkVerdictProps {
  readonly trace: Trace;
  readonly walk: WalkSpec;
}

export function WalkVerdict({ trace, walk }: WalkVerdictProps) {
  const setWalk = useAppStore((s) => s.setWalk);
  // Who picked among the endpoints: kube-proxy, or e.g. Cilium's eBPF load balancer under KPR.
  const lbActor = useAppStore(
    (s) => selectCluster(s).datapath.profile.serviceLb?.actor ?? 'kube-proxy',
  );
  const v = VERDICT[trace.verdict] ?? VERDICT.unreachable!;
  return (
    <>
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
          <span className="text-slate-500">{lbActor} endpoints: </span>
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
    </>
  );
}
