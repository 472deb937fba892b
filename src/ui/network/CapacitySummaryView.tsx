import { useMemo } from 'react';

import { capacitySummary } from '@/sim';
import { useAppStore } from '@/state';

import { Section } from '../primitives/Section';

const fmt = (n: number | string): string => (typeof n === 'number' ? n.toLocaleString('en-US') : n);

/** How much the address plan holds: node ranges, pods per node, pod and Service IPs. */
export function CapacitySummaryView() {
  const scenario = useAppStore((s) => s.scenario);
  const cap = useMemo(() => capacitySummary(scenario), [scenario]);
  return (
    <Section title="Capacity">
      <div className="grid grid-cols-2 gap-2 text-sm" data-testid="network.capacity">
        {cap.families.map((f) => (
          <div
            key={f.family}
            className="col-span-2 rounded-md bg-slate-100 p-2 dark:bg-slate-800/70"
          >
            <div className="mb-1 text-xs font-semibold text-slate-500">{f.family}</div>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-3 font-mono text-[12px]">
              <dt className="text-slate-500">max nodes</dt>
              <dd data-testid={`capacity.${f.family}.max-nodes`}>
                {fmt(f.maxNodes)} <span className="text-slate-500">(have {cap.nodes})</span>
              </dd>
              <dt className="text-slate-500">pods per node</dt>
              <dd>
                {fmt(f.podsPerNode)}
                {f.nodeMask !== undefined ? ` (/${f.nodeMask})` : ''}
              </dd>
              <dt className="text-slate-500">pod IPs</dt>
              <dd>
                {fmt(f.totalPodIPs)} <span className="text-slate-500">(have {cap.pods} pods)</span>
              </dd>
              <dt className="text-slate-500">Service IPs</dt>
              <dd>
                {fmt(f.serviceIPs)} <span className="text-slate-500">(have {cap.services})</span>
              </dd>
            </dl>
          </div>
        ))}
      </div>
    </Section>
  );
}
