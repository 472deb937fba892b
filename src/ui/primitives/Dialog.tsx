import { Suspense, useEffect, useRef, type ReactNode } from 'react';

import { Loading } from './Loading';

export interface DialogProps {
  readonly title: string;
  readonly open: boolean;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly testId?: string;
  readonly wide?: boolean;
}

/**
 * A modal dialog on the native <dialog> element (focus trap, Escape to close). Its content may be
 * lazy: "Loading…" shows while the code arrives.
 */
export function Dialog({ title, open, onClose, children, testId, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid={testId}
      aria-label={title}
      className={`m-auto rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 ${wide ? 'w-[820px]' : 'w-[520px]'} max-w-[95vw]`}
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3 dark:border-slate-700">
            <h2 className="text-base font-semibold">{title}</h2>
            <button
              type="button"
              aria-label="Close"
              onClick={onClose}
              className="rounded px-2 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              ✕
            </button>
          </div>
          <div className="min-h-0 overflow-y-auto p-4">
            <Suspense fallback={<Loading />}>{children}</Suspense>
          </div>
        </div>
      )}
    </dialog>
  );
}
