/**
 * Who may talk to whom: pods × pods for a port and protocol under the NetworkPolicies. Hover a
 * cell for the deciding policy; click it to open that walk.
 */
import clsx from 'clsx';
import { useState } from 'react';

import { evaluateConnection, type PolicyProtocol } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { Section } from '../primitives/Section';

import { MatrixCanvas } from './MatrixCanvas';
import { useMatrix } from './useMatrix';

const TABLE_MAX = 40;

export function MatrixPanel() {
  const scenario = useAppStore((s) => s.scenario);
  const cluster = useAppStore(selectCluster);
  const setWalk = useAppStore((s) => s.setWalk);
  const reduced = useAppStore((s) => s.reducedMotion);
  const [portText, setPortText] = useState('80');
  const [protocol, setProtocol] = useState<PolicyProtocol>('TCP');
  const [hover, setHover] = useState<{ src: string; dst: string } | undefined>();
  const port = /^\d+$/.test(portText) ? Number(portText) : undefined;
  const m = useMatrix(scenario, port, protocol);
  const why = (src: string, dst: string): string => {
    const v = evaluateConnection(
      cluster,
      { kind: 'pod', key: src },
      { kind: 'pod', key: dst },
      port,
      protocol,
    );
    return v.reason;
  };
  const open = (src: string, dst: string) =>
    setWalk(
      { from: `pod/${src}`, to: `pod/${dst}`, ...(port !== undefined ? { port } : {}), protocol },
      { play: !reduced },
    );
  const n = m?.pods.length ?? 0;
  const allowedCount = m ? m.allowed.reduce((a, b) => a + b, 0) : 0;
  // Column labels are rotated 60°: the header is as tall as the longest one (≈6 px a character).
  const longest = Math.max(0, ...(m?.pods ?? []).map((p, j) => `${j + 1}. ${p}`.length));
  const headerHeight = Math.ceil(longest * 6 * Math.sin(Math.PI / 3)) + 12;
  const si = hover && m ? m.pods.indexOf(hover.src) : -1;
  const di = hover && m ? m.pods.indexOf(hover.dst) : -1;
  const hovered =
    hover && m && si >= 0 && di >= 0 ? { ...hover, ok: m.allowed[si * n + di] === 1 } : undefined;
  return (
    <div data-testid="matrix.panel">
      <Section title="Connectivity matrix">
        <div className="mb-2 flex items-center gap-2 text-sm">
          <label htmlFor="mx.port" className="text-slate-500">
            port
          </label>
          <input
            id="mx.port"
            value={portText}
            onChange={(e) => setPortText(e.target.value)}
            className="h-7 w-20 rounded border border-slate-300 px-2 dark:border-slate-600 dark:bg-slate-800"
            data-testid="matrix.port"
          />
          <label htmlFor="mx.proto" className="text-slate-500">
            protocol
          </label>
          <select
            id="mx.proto"
            value={protocol}
            onChange={(e) => setProtocol(e.target.value as PolicyProtocol)}
            className="h-7 rounded border border-slate-300 px-1 dark:border-slate-600 dark:bg-slate-800"
          >
            {(['TCP', 'UDP', 'SCTP'] as const).map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </div>
        <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="matrix.summary">
          {m
            ? `${allowedCount} of ${n * n} pairs allowed · rows = from, columns = to${m.ms !== undefined ? ` · computed in ${m.ms.toFixed(1)} ms in a worker` : ''}${m.pending ? ' (updating…)' : ''}`
            : 'Computing…'}
        </p>
      </Section>
      {m && n <= TABLE_MAX && (
        <div className="overflow-auto p-3">
          <table
            className="border-collapse text-[11px]"
            data-testid="matrix.table"
            onMouseLeave={() => setHover(undefined)}
          >
            <thead>
              <tr>
                <th />
                {m.pods.map((p, j) => (
                  <th
                    key={p}
                    className="px-0.5 align-bottom font-normal"
                    style={{ height: headerHeight }}
                    title={p}
                  >
                    <div className="w-4 origin-bottom-left translate-x-3 -rotate-60 whitespace-nowrap">
                      {j + 1}. {p}
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.pods.map((src, i) => (
                <tr key={src}>
                  <th className="pr-2 text-right font-normal whitespace-nowrap">
                    {i + 1}. {src}
                  </th>
                  {m.pods.map((dst, j) => {
                    const ok = m.allowed[i * n + j] === 1;
                    return (
                      <td key={dst} className="p-0">
                        <button
                          type="button"
                          title={`${src} → ${dst}: ${why(src, dst)}`}
                          aria-label={`${src} to ${dst}: ${ok ? 'allowed' : 'denied'}`}
                          onClick={() => open(src, dst)}
                          onMouseEnter={() => setHover({ src, dst })}
                          onFocus={() => setHover({ src, dst })}
                          data-testid={`matrix.cell.${src}.${dst}`}
                          data-allowed={ok}
                          className={clsx(
                            'm-px h-5 w-5 rounded-sm text-[10px] font-bold outline-none hover:ring-2 hover:ring-slate-900/60 focus-visible:ring-2 focus-visible:ring-violet-500 dark:hover:ring-white/70',
                            ok ? 'bg-emerald-500/80 text-white' : 'bg-red-500/80 text-white',
                            i === j && 'opacity-50',
                          )}
                        >
                          {ok ? '✓' : '✕'}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 min-h-10 text-xs" aria-live="polite" data-testid="matrix.readout">
            {hovered
              ? `${hovered.src} → ${hovered.dst}: ${hovered.ok ? 'allowed' : 'denied'} — ${why(hovered.src, hovered.dst)}`
              : 'Hover or focus a cell for the deciding policy; click it to walk it.'}
          </p>
        </div>
      )}
      {m && n > TABLE_MAX && (
        <MatrixCanvas pods={m.pods} allowed={m.allowed} why={why} onOpen={open} />
      )}
    </div>
  );
}
