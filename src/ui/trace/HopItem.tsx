import clsx from 'clsx';
import { forwardRef } from 'react';

import type { Hop } from '@/sim';

import { packetFields } from './packetDiff';

export interface HopItemProps {
  readonly hop: Hop;
  readonly prev?: Hop | undefined;
  readonly index: number;
  readonly current: boolean;
  readonly reached: boolean;
  readonly onSelect: () => void;
}

const KIND_LABEL: Record<string, string> = {
  send: 'send',
  loopback: 'lo',
  route: 'route',
  veth: 'veth',
  bridge: 'bridge',
  netfilter: 'iptables',
  dnat: 'DNAT',
  snat: 'SNAT',
  unnat: 'un-NAT',
  conntrack: 'conntrack',
  policy: 'policy',
  encap: 'encap',
  wire: 'wire',
  decap: 'decap',
  dns: 'DNS',
  deliver: 'deliver',
  drop: 'drop',
};

export const HopItem = forwardRef<HTMLLIElement, HopItemProps>(function HopItem(
  { hop, prev, index, current, reached, onSelect },
  ref,
) {
  const reply = hop.direction === 'reply';
  const fields = packetFields(prev?.packet, hop.packet);
  const changed = fields.filter((f) => f.changed);
  return (
    <li
      ref={ref}
      role="option"
      aria-selected={current}
      tabIndex={current ? 0 : -1}
      onClick={onSelect}
      data-testid={`trace.hop.${index}`}
      data-kind={hop.kind}
      data-direction={hop.direction}
      data-phase={hop.phase}
      className={clsx(
        'cursor-pointer border-l-4 px-3 py-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-violet-500',
        reply ? 'border-amber-500' : 'border-blue-500',
        hop.kind === 'drop' && 'border-red-600 bg-red-50 dark:bg-red-950/40',
        current ? 'bg-blue-50 dark:bg-slate-800' : 'hover:bg-slate-50 dark:hover:bg-slate-800/60',
        // Not reached yet: muted text and an outlined badge (not opacity, which would fail contrast).
        !reached && 'text-slate-600 dark:text-slate-400',
      )}
    >
      <div className="flex items-baseline gap-2">
        <span className="w-6 shrink-0 text-right font-mono text-xs text-slate-500">
          {index + 1}
        </span>
        <span
          className={clsx(
            'shrink-0 rounded px-1.5 text-[10px] font-bold uppercase',
            !reached
              ? 'bg-white text-slate-700 ring-1 ring-slate-400 ring-inset dark:bg-slate-900 dark:text-slate-300 dark:ring-slate-500'
              : hop.kind === 'drop'
                ? 'bg-red-600 text-white'
                : hop.phase === 'dns'
                  ? 'bg-teal-700 text-white'
                  : reply
                    ? 'bg-amber-500 text-slate-950'
                    : 'bg-blue-600 text-white',
          )}
        >
          {hop.kind === 'drop'
            ? '✕ drop'
            : hop.kind === 'netfilter' && hop.rule?.source.startsWith('nft')
              ? 'nftables'
              : (KIND_LABEL[hop.kind] ?? hop.kind)}
        </span>
        <span className="min-w-0 flex-1 font-medium">{hop.title ?? hop.kind}</span>
        {hop.node && <span className="shrink-0 text-xs text-slate-500">{hop.node}</span>}
      </div>
      {current && (
        <div className="mt-1.5 space-y-1.5 pl-8" data-testid="trace.hop.detail">
          <p className="text-[13px] text-slate-700 dark:text-slate-300">{hop.explain}</p>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-2 font-mono text-[11.5px]">
            {fields.map((f) => (
              <div key={f.field} className="contents">
                <dt className="text-slate-500">{f.field}</dt>
                <dd
                  className={clsx(f.changed && 'font-semibold text-amber-700 dark:text-amber-300')}
                  data-testid={f.changed ? 'trace.hop.changed' : undefined}
                >
                  {f.changed ? (
                    <>
                      <span className="font-normal text-slate-600 line-through dark:text-slate-400">
                        {f.before ?? '—'}
                      </span>{' '}
                      → {f.after ?? '—'}
                    </>
                  ) : (
                    (f.after ?? '—')
                  )}
                </dd>
              </div>
            ))}
          </dl>
          {hop.rule && (
            <div>
              <div className="text-[11px] text-slate-500">{hop.rule.source}</div>
              <code
                className="block rounded bg-slate-100 px-1.5 py-1 font-mono text-[11.5px] break-all whitespace-pre-wrap dark:bg-slate-900"
                data-testid="trace.hop.rule"
              >
                {hop.rule.text}
              </code>
            </div>
          )}
          {hop.rules && hop.rules.length > 1 && (
            <details>
              <summary className="cursor-pointer text-xs text-slate-500">
                {hop.rules.length} rules matched
              </summary>
              <pre
                tabIndex={0}
                className="mt-1 overflow-x-auto rounded bg-slate-100 p-1.5 font-mono text-[11px] dark:bg-slate-900"
                data-testid="trace.hop.rules"
              >
                {hop.rules
                  // A map element's own line follows the lookup that found it: show it once.
                  .filter((r, i, all) => all[i - 1]?.element !== r.text)
                  .map((r) => (r.element ? `${r.text}\n  ↳ ${r.element}` : r.text))
                  .join('\n')}
              </pre>
            </details>
          )}
        </div>
      )}
      {!current && changed.length > 0 && (
        <div className="mt-0.5 pl-8 font-mono text-[11px] text-amber-700 dark:text-amber-300">
          {changed.map((c) => `${c.field} ${c.before ?? '—'} → ${c.after ?? '—'}`).join(' · ')}
        </div>
      )}
    </li>
  );
});
