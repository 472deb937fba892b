/**
 * A namespace's Services, summarised on a large cluster's overview (one tile per namespace rather
 * than a thousand hexagons): counts by type, and every Service to pick — picking one draws it.
 */
import { ids } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { KeyValue } from '../primitives/KeyValue';
import { Section } from '../primitives/Section';

/** Longer lists are cut (the element list's search finds any Service). */
const SHOWN = 300;

export interface NamespaceServicesInspectorProps {
  readonly namespace: string;
}

export function NamespaceServicesInspector({ namespace }: NamespaceServicesInspectorProps) {
  const cluster = useAppStore(selectCluster);
  const select = useAppStore((s) => s.select);
  const svcs = cluster.services.filter((s) => s.namespace === namespace);
  const byType = new Map<string, number>();
  for (const s of svcs) {
    const t = s.headless ? 'headless' : s.type;
    byType.set(t, (byType.get(t) ?? 0) + 1);
  }
  return (
    <div data-testid="inspector.services">
      <Section title="Services">
        <h2 className="mb-2 text-base font-semibold" data-testid="inspector.title">
          Services in {namespace}
        </h2>
        <KeyValue
          rows={[
            ['Services', String(svcs.length)],
            ...[...byType.entries()].map(([t, n]): [string, string] => [t, String(n)]),
          ]}
        />
      </Section>
      <Section title="Pick one to draw it and its endpoints">
        <ul className="space-y-0.5 text-sm">
          {svcs.slice(0, SHOWN).map((s) => (
            <li key={s.key}>
              <button
                type="button"
                className="flex w-full justify-between gap-2 rounded px-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
                onClick={() => select(ids.service(s.key))}
              >
                <span className="truncate text-blue-700 dark:text-blue-300">{s.name}</span>
                <span className="shrink-0 font-mono text-[11px] text-slate-500 dark:text-slate-400">
                  {s.headless ? 'headless' : (s.clusterIPs[0] ?? s.type)}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {svcs.length > SHOWN && (
          <p className="mt-2 text-xs text-slate-500">
            {svcs.length - SHOWN} more: search for them in the list on the left.
          </p>
        )}
      </Section>
    </div>
  );
}
