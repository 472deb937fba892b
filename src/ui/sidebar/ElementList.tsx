/**
 * A searchable, keyboard-reachable list of the cluster's objects (a DOM mirror of the canvas):
 * selecting an entry selects the element on the graph and opens it in the inspector.
 */
import clsx from 'clsx';
import { useMemo, useState } from 'react';

import { ids } from '@/sim';
import { selectCluster, useAppStore } from '@/state';
import { namespaceColor } from '@/theme';

import { AddMenu } from '../editors/AddMenu';

interface Entry {
  readonly id: string;
  readonly label: string;
  readonly detail: string;
  readonly color?: string;
}

export function ElementList() {
  const cluster = useAppStore(selectCluster);
  const selection = useAppStore((s) => s.selection);
  const select = useAppStore((s) => s.select);
  const setPanel = useAppStore((s) => s.setRightPanel);
  const [q, setQ] = useState('');
  const groups = useMemo(() => {
    const ns = cluster.namespaces.map((n) => n.name);
    const out: { title: string; entries: Entry[] }[] = [];
    out.push({
      title: 'Nodes',
      entries: cluster.nodes.map((n) => ({
        id: ids.node(n.name),
        label: n.name,
        detail: n.ips[0] ?? 'no IP',
      })),
    });
    for (const name of ns) {
      const pods = cluster.pods.filter((p) => p.namespace === name);
      if (pods.length)
        out.push({
          title: `Pods · ${name}`,
          entries: pods.map((p) => ({
            id: ids.pod(p.key),
            label: p.name,
            detail: p.ips[0] ?? 'no IP',
            color: namespaceColor(name, ns),
          })),
        });
    }
    if (cluster.services.length)
      out.push({
        title: 'Services',
        entries: cluster.services.map((s) => ({
          id: ids.service(s.key),
          label: `${s.namespace}/${s.name}`,
          detail: s.headless ? 'headless' : (s.clusterIPs[0] ?? s.type),
          color: namespaceColor(s.namespace, ns),
        })),
      });
    return out;
  }, [cluster]);
  const needle = q.trim().toLowerCase();
  const filtered = groups
    .map((g) => ({
      ...g,
      entries: g.entries.filter(
        (e) => !needle || `${e.label} ${e.detail} ${g.title}`.toLowerCase().includes(needle),
      ),
    }))
    .filter((g) => g.entries.length > 0);

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
        />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
        {filtered.map((g) => (
          <div key={g.title} className="mb-3">
            <h2 className="px-1 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
              {g.title}
            </h2>
            <ul>
              {g.entries.map((e) => (
                <li key={e.id}>
                  <button
                    type="button"
                    onClick={() => {
                      select(e.id);
                      setPanel('inspector');
                    }}
                    aria-current={selection === e.id ? 'true' : undefined}
                    data-testid={`element-list.item.${e.id}`}
                    className={clsx(
                      'flex w-full items-center gap-2 rounded-md px-2 py-1 text-left text-sm focus-visible:outline-2 focus-visible:outline-violet-500',
                      selection === e.id
                        ? 'bg-violet-100 dark:bg-violet-900/40'
                        : 'hover:bg-slate-100 dark:hover:bg-slate-800',
                    )}
                  >
                    <span
                      className="h-2.5 w-2.5 shrink-0 rounded-full"
                      style={{ background: e.color ?? '#94a3b8' }}
                      aria-hidden="true"
                    />
                    <span className="min-w-0 flex-1 truncate">{e.label}</span>
                    <span className="max-w-[55%] shrink-0 truncate font-mono text-[11px] text-slate-500 dark:text-slate-400">
                      {e.detail}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
        {filtered.length === 0 && (
          <p className="px-2 text-sm text-slate-500">Nothing matches “{q}”.</p>
        )}
      </div>
    </nav>
  );
}
