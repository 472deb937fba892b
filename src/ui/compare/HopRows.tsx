/**
 * The two walks' hops, aligned row by row: each cell shows the hop's kind, title, network
 * namespace and device, and the outer header while tunnelled; a row where the two differ (another
 * kind or device, or a hop only one datapath has) is highlighted and says so.
 */
import clsx from 'clsx';

import { outerText, type AlignedRow, type Hop } from '@/sim';

const differs = (a: Hop | undefined, b: Hop | undefined): boolean =>
  !a || !b || a.kind !== b.kind || a.dev !== b.dev;

function HopCell({ hop, n }: { hop: Hop | undefined; n: number | undefined }) {
  if (!hop || n === undefined)
    return (
      <td className="border-l border-slate-200 px-2 py-1 text-slate-500 italic dark:border-slate-700 dark:text-slate-400">
        — no such hop
      </td>
    );
  return (
    <td
      className="border-l border-slate-200 px-2 py-1 align-top dark:border-slate-700"
      data-kind={hop.kind}
    >
      <div className="flex items-baseline gap-1.5">
        <span className="font-mono text-[11px] text-slate-500 dark:text-slate-400">{n + 1}</span>
        <span className="rounded bg-slate-200 px-1 text-[10px] font-bold text-slate-800 uppercase dark:bg-slate-700 dark:text-slate-100">
          {hop.kind}
        </span>
        <span className="font-medium">{hop.title ?? hop.kind}</span>
      </div>
      <div className="font-mono text-[11px] text-slate-600 dark:text-slate-300">
        {hop.netns ?? hop.node ?? 'outside'}
        {hop.dev ? ` · dev ${hop.dev}` : ''}
      </div>
      {hop.kind === 'encap' && hop.packet.outer && (
        <div className="font-mono text-[11px] text-cyan-800 dark:text-cyan-300">
          outer: {outerText(hop.packet.outer, hop.dev, hop.packet.vni)}
        </div>
      )}
    </td>
  );
}

export interface HopRowsProps {
  readonly rows: readonly AlignedRow[];
  readonly left: readonly Hop[];
  readonly right: readonly Hop[];
  readonly leftName: string;
  readonly rightName: string;
}

export function HopRows({ rows, left, right, leftName, rightName }: HopRowsProps) {
  const dirOf = (r: AlignedRow | undefined): string | undefined =>
    r === undefined
      ? undefined
      : ((r.left === undefined ? undefined : left[r.left])?.direction ??
        (r.right === undefined ? undefined : right[r.right])?.direction);
  return (
    <table className="w-full table-fixed border-collapse text-xs" data-testid="cmp.hops">
      <caption className="sr-only">The walk’s hops under both CNIs, aligned</caption>
      <thead>
        <tr className="text-left">
          <th scope="col" className="w-7 px-1 font-normal text-slate-500 dark:text-slate-400">
            <span className="sr-only">Same?</span>
          </th>
          <th scope="col" className="px-2 font-semibold">
            {leftName}
          </th>
          <th scope="col" className="px-2 font-semibold">
            {rightName}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const a = r.left === undefined ? undefined : left[r.left];
          const b = r.right === undefined ? undefined : right[r.right];
          const divider = i > 0 && dirOf(r) !== dirOf(rows[i - 1]);
          const diff = differs(a, b);
          return [
            divider ? (
              <tr key={`d${i}`}>
                <th
                  colSpan={3}
                  scope="rowgroup"
                  className="bg-amber-50 px-2 py-0.5 text-left text-[11px] font-semibold tracking-wide text-amber-900 uppercase dark:bg-amber-950/50 dark:text-amber-200"
                >
                  Reply
                </th>
              </tr>
            ) : null,
            <tr
              key={i}
              className={clsx(
                'border-t border-slate-200 dark:border-slate-700',
                diff && 'bg-amber-50 dark:bg-amber-950/40',
              )}
              data-testid="cmp.row"
              data-same={diff ? 'no' : 'yes'}
            >
              <td className="px-1 text-center align-top">
                <span
                  aria-hidden="true"
                  className={diff ? 'text-amber-800 dark:text-amber-300' : 'text-slate-400'}
                >
                  {diff ? '≠' : '='}
                </span>
                <span className="sr-only">{diff ? 'differs' : 'same'}</span>
              </td>
              <HopCell hop={a} n={r.left} />
              <HopCell hop={b} n={r.right} />
            </tr>,
          ];
        })}
      </tbody>
    </table>
  );
}
