import clsx from 'clsx';
import { lazy, Suspense } from 'react';

import { useAppStore, type RightPanel as Panel } from '@/state';

import { Inspector } from './inspector/Inspector';
import { ErrorBoundary } from './primitives/ErrorBoundary';
import { Loading } from './primitives/Loading';

// Panels not needed at start load on first use (keeps the initial bundle small).
const TracePanel = lazy(() =>
  import('./trace/TracePanel').then((m) => ({ default: m.TracePanel })),
);
const NetworkPanel = lazy(() =>
  import('./network/NetworkPanel').then((m) => ({ default: m.NetworkPanel })),
);
const PoliciesPanel = lazy(() =>
  import('./policies/PoliciesPanel').then((m) => ({ default: m.PoliciesPanel })),
);
const BirthPlayer = lazy(() =>
  import('./birth/BirthPlayer').then((m) => ({ default: m.BirthPlayer })),
);
const MatrixPanel = lazy(() =>
  import('./matrix/MatrixPanel').then((m) => ({ default: m.MatrixPanel })),
);

const TABS: { id: Panel; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'trace', label: 'Packet walk' },
  { id: 'network', label: 'Network' },
  { id: 'policies', label: 'Policies' },
  { id: 'matrix', label: 'Matrix' },
];

export function RightPanel() {
  const panel = useAppStore((s) => s.rightPanel);
  const setPanel = useAppStore((s) => s.setRightPanel);
  const verdict = useAppStore((s) => (s.walk ? 'on' : ''));
  // The pod-birth player takes the panel; choosing a tab closes it.
  const birth = useAppStore((s) => s.birth !== undefined);
  const setBirth = useAppStore((s) => s.setBirth);
  return (
    <aside
      className="flex h-full min-h-0 flex-col border-l border-slate-200 bg-white outline-none dark:border-slate-800 dark:bg-slate-900"
      data-testid="right-panel"
      data-region="right"
      tabIndex={-1}
      aria-label="Details and walk"
    >
      <div
        role="tablist"
        aria-label="Panels"
        className="flex shrink-0 border-b border-slate-200 dark:border-slate-800"
      >
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={!birth && panel === t.id}
            onClick={() => {
              setBirth(undefined);
              setPanel(t.id);
            }}
            data-testid={`tab.${t.id}`}
            className={clsx(
              'flex-1 px-3 py-2 text-sm font-medium',
              !birth && panel === t.id
                ? 'border-b-2 border-blue-600 text-blue-700 dark:text-blue-300'
                : 'text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100',
            )}
          >
            {t.label}
            {t.id === 'trace' && verdict && (
              <span
                className="ml-1 inline-block h-2 w-2 rounded-full bg-blue-600"
                aria-hidden="true"
              />
            )}
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto" role="tabpanel">
        <ErrorBoundary label="this panel" resetKey={birth ? 'birth' : panel}>
          {!birth && panel === 'inspector' && <Inspector />}
          <Suspense fallback={<Loading />}>
            {birth && <BirthPlayer />}
            {!birth && panel === 'trace' && <TracePanel />}
            {!birth && panel === 'network' && <NetworkPanel />}
            {!birth && panel === 'policies' && <PoliciesPanel />}
            {!birth && panel === 'matrix' && <MatrixPanel />}
          </Suspense>
        </ErrorBoundary>
      </div>
    </aside>
  );
}
