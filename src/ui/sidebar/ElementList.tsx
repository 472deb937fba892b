/**
 * A searchable, keyboard-reachable list of the cluster's objects (a DOM mirror of the canvas):
 * selecting an entry selects the element on the graph and opens it in the inspector. Virtual:
 * only the rows in view are in the DOM (@tanstack/react-virtual), so 10,000 pods cost what 30 do;
 * arrow keys, Home and End move through all of them.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import clsx from 'clsx';
import { useDeferredValue, useMemo, useRef, useState, type KeyboardEvent } from 'react';

import { selectCluster, useAppStore } from '@/state';

import { AddMenu } from '../editors/AddMenu';

import { elementRows, type Row } from './elementRows';

const HEADER_H = 28;
const ITEM_H = 28;

export function ElementList() {
  const cluster = useAppStore(selectCluster);
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const setPanel = useAppStore((s) => s.setRightPanel);
  const [q, setQ] = useState('');
  const query = useDeferredValue(q);
  const rows = useMemo(() => elementRows(cluster, query), [cluster, query]);
  // Item rows' 1-based positions, for screen readers (headers are not counted).
  const { items, posOf } = useMemo(() => {
    const pos = new Map<number, number>();
    rows.forEach((r, i) => r.kind === 'item' && pos.set(i, pos.size + 1));
    return { items: pos.size, posOf: pos };
  }, [rows]);
  const scroller = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler; the virtualizer re-renders this list itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'header' ? HEADER_H : ITEM_H),
    overscan: 10,
  });

  const focusRow = (i: number): void => {
    virtual.scrollToIndex(i, { align: 'auto' });
    // The row may only now be rendered: focus it on the next frame.
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLButtonElement>(`[data-row="${i}"]`)?.focus(),
    );
  };
  const handleKey = (e: KeyboardEvent<HTMLButtonElement>, i: number): void => {
    const step = (from: number, dir: 1 | -1): number => {
      for (let j = from + dir; j >= 0 && j < rows.length; j += dir)
        if (rows[j]?.kind === 'item') return j;
      return from;
    };
    const to =
      e.key === 'ArrowDown'
        ? step(i, 1)
        : e.key === 'ArrowUp'
          ? step(i, -1)
          : e.key === 'Home'
            ? step(-1, 1)
            : e.key === 'End'
              ? step(rows.length, -1)
              : undefined;
    if (to === undefined) return;
    e.preventDefault();
    focusRow(to);
  };

  return (
    <nav className="flex h-full flex-col" aria-label="Cluster objects" data-testid="element-list">
      <div className="px-3 pt-3">
        <AddMenu />
      </div>
      <div className="px-3 pb-3">
        <label htmlFor="element-search" className="sr-only">
          Search nodes, pods and services
        </label>
        <input
          id="element-search"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search name or IP…"
          className="h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-800"
          data-testid="element-list.search"
          aria-controls="element-list-rows"
        />
      </div>
      <div
        ref={scroller}
        className="min-h-0 flex-1 overflow-y-auto px-2 pb-3"
        data-testid="element-list.scroller"
      >
        {rows.length === 0 ? (
          <p className="px-2 text-sm text-slate-500">Nothing matches “{q}”.</p>
        ) : (
          <ul
            id="element-list-rows"
            className="relative w-full"
            style={{ height: virtual.getTotalSize() }}
            aria-label={`${items.toLocaleString('en-US')} objects`}
          >
            {virtual.getVirtualItems().map((v) => {
              const row = rows[v.index];
              if (!row) return null;
              return (
                <li
                  key={v.key}
                  className="absolute top-0 left-0 w-full"
                  style={{ height: v.size, transform: `translateY(${v.start}px)` }}
                  aria-setsize={row.kind === 'item' ? items : undefined}
                  aria-posinset={row.kind === 'item' ? posOf.get(v.index) : undefined}
                >
                  {row.kind === 'header' ? (
                    <Header row={row} />
                  ) : (
                    <button
                      type="button"
                      onClick={() => {
                        select(row.entry.id);
                        setPanel('inspector');
                      }}
                      onKeyDown={(e) => handleKey(e, v.index)}
                      data-row={v.index}
                      aria-current={selection === row.entry.id ? 'true' : undefined}
                      data-testid={`element-list.item.${row.entry.id}`}
                      className={clsx(
                        'flex h-full w-full items-center gap-2 rounded-md px-2 text-left text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-violet-500',
                        selection === row.entry.id
                          ? 'bg-violet-100 dark:bg-violet-900/40'
                          : 'hover:bg-slate-100 dark:hover:bg-slate-800',
                      )}
                    >
                      <span
                        className="h-2.5 w-2.5 shrink-0 rounded-full"
                        style={{ background: row.entry.color ?? '#94a3b8' }}
                        aria-hidden="true"
                      />
                      <span className="min-w-0 flex-1 truncate">{row.entry.label}</span>
                      <span className="max-w-[55%] shrink-0 truncate font-mono text-[11px] text-slate-500 dark:text-slate-400">
                        {row.entry.detail}
                      </span>
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </nav>
  );
}

function Header({ row }: { readonly row: Extract<Row, { kind: 'header' }> }) {
  return (
    <h2 className="flex h-full items-end justify-between px-1 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
      <span className="truncate">{row.title}</span>
      <span className="font-normal tabular-nums">{row.count.toLocaleString('en-US')}</span>
    </h2>
  );
}
