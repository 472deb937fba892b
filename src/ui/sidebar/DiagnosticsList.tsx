/** Problems in the scenario, with counts; each names its objects and jumps to them. */
import clsx from 'clsx';
import { useState } from 'react';

import { ids } from '@/sim';
import { useAppStore } from '@/state';

import { useDiagnostics } from '../diagnostics/useDiagnostics';

/** More than this many are summarised (a broken 10,000-pod import can have thousands). */
const SHOWN = 200;

export function DiagnosticsList() {
  const computed = useDiagnostics();
  const checking = computed === undefined;
  const diagnostics = computed ?? [];
  const select = useAppStore((s) => s.select);
  const setPanel = useAppStore((s) => s.setRightPanel);
  const [open, setOpen] = useState(true);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const go = (objects: readonly string[], field?: string) => {
    const ref = objects[0];
    if (field?.startsWith('cluster.') || field?.startsWith('nodes[')) setPanel('network');
    if (!ref) return;
    const [k, a, b] = ref.split('/');
    if (k === 'node' && a) select(ids.node(a));
    else if (k === 'pod' && a && b) select(ids.pod(`${a}/${b}`));
    else if (k === 'svc' && a && b) select(ids.service(`${a}/${b}`));
  };
  return (
    <div className="border-t border-slate-200 dark:border-slate-800" data-testid="diagnostics">
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm font-semibold"
      >
        Diagnostics
        <span
          className={clsx(
            'rounded-full px-1.5 text-xs',
            errors
              ? 'bg-red-600 text-white'
              : 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
          )}
          data-testid="diagnostics.errors"
        >
          {checking ? '…' : errors} ⚠
        </span>
        <span
          className="rounded-full bg-amber-100 px-1.5 text-xs text-amber-800 dark:bg-amber-900 dark:text-amber-200"
          data-testid="diagnostics.warnings"
        >
          {checking ? '…' : warnings} △
        </span>
        <span className="ml-auto text-slate-400" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
      </button>
      {open && (
        <ul className="max-h-48 overflow-y-auto px-2 pb-2 text-xs">
          {checking && (
            <li className="px-1 text-slate-500" role="status">
              Checking the scenario…
            </li>
          )}
          {!checking && diagnostics.length === 0 && (
            <li className="px-1 text-slate-500">No problems.</li>
          )}
          {diagnostics.slice(0, SHOWN).map((d, i) => (
            <li key={i}>
              <button
                type="button"
                onClick={() => go(d.objects, d.field)}
                className={clsx(
                  'w-full rounded px-1 py-0.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800',
                  d.severity === 'error'
                    ? 'text-red-700 dark:text-red-300'
                    : 'text-amber-700 dark:text-amber-300',
                )}
                data-testid="diagnostics.item"
              >
                {d.severity === 'error' ? '⚠' : '△'} {d.message}
              </button>
            </li>
          ))}
          {diagnostics.length > SHOWN && (
            <li className="px-1 text-slate-500">
              … and {(diagnostics.length - SHOWN).toLocaleString('en-US')} more (k8snet validate
              lists them all)
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
