/**
 * Over the screen while a large cluster is read (in the loading worker) and drawn: what is being
 * done, step by step, with a bar. The page stays responsive behind it (the reading is off the
 * main thread); nothing is replaced until the result is ready.
 */
import { useAppStore } from '@/state';

export function LoadingOverlay() {
  const loading = useAppStore((s) => s.loading);
  if (!loading) return null;
  const pct = Math.round((100 * Math.max(0, loading.step - 0.5)) / Math.max(1, loading.of));
  return (
    <div
      className="absolute inset-0 z-40 flex items-center justify-center bg-slate-50/85 backdrop-blur-sm dark:bg-slate-950/85"
      data-testid="loading"
    >
      <div
        className="w-[420px] max-w-[90%] rounded-xl border border-slate-200 bg-white p-5 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        role="status"
        aria-live="polite"
      >
        <p className="mb-1 text-sm font-semibold text-slate-900 dark:text-slate-100">
          {loading.title}
        </p>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-300" data-testid="loading.text">
          {loading.text}
        </p>
        <div
          className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
          role="progressbar"
          aria-label={loading.title}
          aria-valuemin={0}
          aria-valuemax={loading.of}
          aria-valuenow={loading.step}
          aria-valuetext={loading.text}
        >
          <div
            className="h-full rounded-full bg-blue-600 transition-[width] duration-300 dark:bg-blue-400"
            style={{ width: `${pct}%` }}
          />
        </div>
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          Step {loading.step} of {loading.of}
        </p>
      </div>
    </div>
  );
}
