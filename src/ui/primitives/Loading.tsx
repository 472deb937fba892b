/** Shown while a panel's code loads (a few kilobytes, on first use). */
export function Loading() {
  return (
    <div className="p-4 text-sm text-slate-500" role="status">
      Loading…
    </div>
  );
}
