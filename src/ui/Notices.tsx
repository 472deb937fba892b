import clsx from 'clsx';
import { useEffect } from 'react';

import { useAppStore } from '@/state';

/** Short messages (toasts); errors stay until dismissed, others fade after a few seconds. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismiss);
  useEffect(() => {
    const timers = notices
      .filter((n) => n.kind !== 'error')
      .map((n) => setTimeout(() => dismiss(n.id), 5000));
    return () => timers.forEach(clearTimeout);
  }, [notices, dismiss]);
  return (
    <div
      className="pointer-events-none absolute top-3 left-1/2 z-20 flex -translate-x-1/2 flex-col gap-2"
      aria-live="polite"
    >
      {notices.map((n) => (
        <div
          key={n.id}
          role={n.kind === 'error' ? 'alert' : 'status'}
          data-testid={`notice.${n.kind}`}
          className={clsx(
            'pointer-events-auto flex max-w-[560px] items-start gap-3 rounded-lg border px-3 py-2 text-sm shadow-lg',
            n.kind === 'error' &&
              'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
            n.kind === 'info' &&
              'border-slate-300 bg-white text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100',
            n.kind === 'success' &&
              'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
          )}
        >
          <span className="flex-1">{n.text}</span>
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => dismiss(n.id)}
            className="opacity-60 hover:opacity-100"
          >
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
