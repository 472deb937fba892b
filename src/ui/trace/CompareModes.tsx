/**
 * "Compare with the other kube-proxy mode": the same walk on the same cluster under iptables and
 * nftables mode, side by side — verdict, candidates and masquerade (which should agree), then
 * each mode's kube-proxy hops with the rules that matched (which differ). Loaded on first use.
 */
import clsx from 'clsx';
import { useEffect, useMemo } from 'react';

import {
  deriveCluster,
  PROXY_MODES,
  updateCluster,
  type Hop,
  type ProxyMode,
  type Trace,
} from '@/sim';
import { selectScenario, traceFor, useAppStore } from '@/state';

import { Button } from '../primitives/Button';
import { Dialog } from '../primitives/Dialog';

export interface CompareModesProps {
  readonly open: boolean;
  readonly onClose: () => void;
}

/** The hops where kube-proxy's (or the CNI's) rules did something. */
const proxyHops = (t: Trace): Hop[] =>
  t.hops.filter(
    (h) =>
      (h.kind === 'netfilter' || h.kind === 'dnat' || h.kind === 'snat' || h.kind === 'drop') &&
      /^(iptables|nft)/.test(h.rule?.source ?? ''),
  );

const same = (a: readonly string[], b: readonly string[]): boolean =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

export function CompareModes({ open, onClose }: CompareModesProps) {
  const scenario = useAppStore(selectScenario);
  const walk = useAppStore((s) => s.walk);
  const epoch = useAppStore((s) => s.proxyEpoch);
  const ensure = useAppStore((s) => s.ensureProxy);
  const edit = useAppStore((s) => s.edit);
  const current = scenario.cluster.kubeProxy.mode;
  const other = (Object.keys(PROXY_MODES) as ProxyMode[]).find((m) => m !== current) ?? current;
  useEffect(() => ensure(other), [ensure, other]);
  const traced = useMemo(() => {
    if (!walk) return [];
    return [current, other].map((mode) => {
      const s = updateCluster(scenario, { kubeProxy: { ...scenario.cluster.kubeProxy, mode } });
      return { mode, trace: traceFor(deriveCluster(s), walk, epoch) };
    });
  }, [scenario, walk, current, other, epoch]);
  // Until the tracer (loaded on demand) is here, there is nothing to compare yet.
  const columns = traced.flatMap((c) => (c.trace ? [{ mode: c.mode, trace: c.trace }] : []));
  const [a, b] = columns;
  const rows =
    a && b
      ? [
          ['verdict', a.trace.verdict === b.trace.verdict, a.trace.verdict, b.trace.verdict],
          [
            'candidates',
            same(a.trace.candidates, b.trace.candidates),
            a.trace.candidates.join(', ') || 'none',
            b.trace.candidates.join(', ') || 'none',
          ],
          [
            'masquerade',
            a.trace.masqueraded === b.trace.masqueraded,
            a.trace.masqueraded ? 'yes' : 'no',
            b.trace.masqueraded ? 'yes' : 'no',
          ],
        ]
      : [];
  return (
    <Dialog
      title={`This walk in ${current} and ${other} mode`}
      open={open}
      onClose={onClose}
      wide
      testId="compare.dialog"
    >
      <table className="mb-3 w-full text-xs" data-testid="compare.summary">
        <thead>
          <tr className="text-left text-slate-500">
            <th className="pr-2 font-normal" />
            <th className="pr-2 font-semibold">{current} mode</th>
            <th className="font-semibold">{other} mode</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([what, ok, x, y]) => (
            <tr
              key={String(what)}
              data-testid={`compare.row.${String(what)}`}
              data-same={ok ? 'yes' : 'no'}
            >
              <td className="py-0.5 pr-2 text-slate-500">
                <span aria-hidden="true" className={ok ? 'text-emerald-600' : 'text-red-600'}>
                  {ok ? '✓' : '≠'}
                </span>{' '}
                {String(what)}
              </td>
              <td
                className={clsx('py-0.5 pr-2 font-mono', !ok && 'text-red-700 dark:text-red-300')}
              >
                {String(x)}
              </td>
              <td className={clsx('py-0.5 font-mono', !ok && 'text-red-700 dark:text-red-300')}>
                {String(y)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid grid-cols-2 gap-3">
        {columns.map(({ mode, trace }) => (
          <section key={mode} data-testid={`compare.${mode}`} aria-label={`${mode} mode`}>
            <h3 className="mb-1 text-sm font-semibold">
              kube-proxy’s hops in {mode} mode ({PROXY_MODES[mode].listing})
            </h3>
            <ol className="space-y-2 text-xs">
              {proxyHops(trace).map((h, i) => (
                <li
                  key={i}
                  className="rounded border border-slate-200 p-2 dark:border-slate-700"
                  data-testid="compare.hop"
                  data-kind={h.kind}
                >
                  <div className="font-medium">
                    {h.title ?? h.kind} <span className="text-slate-500">· {h.node}</span>
                  </div>
                  <div className="text-[11px] text-slate-500">{h.rule?.source}</div>
                  <code className="block font-mono text-[11px] break-all whitespace-pre-wrap">
                    {h.rule?.text}
                  </code>
                  {h.rules?.some((r) => r.element) && (
                    <ul className="mt-1 text-[11px] text-cyan-800 dark:text-cyan-300">
                      {h.rules.flatMap((r, k) =>
                        r.element ? [<li key={k}>↳ {r.element}</li>] : [],
                      )}
                    </ul>
                  )}
                </li>
              ))}
              {proxyHops(trace).length === 0 && (
                <li className="text-slate-500">No kube-proxy rule acts on this walk.</li>
              )}
            </ol>
          </section>
        ))}
      </div>
      <div className="mt-3 flex justify-end">
        <Button
          size="sm"
          onClick={() => {
            edit((s) => updateCluster(s, { kubeProxy: { ...s.cluster.kubeProxy, mode: other } }));
            onClose();
          }}
          data-testid="compare.switch"
        >
          Switch the cluster to {other} mode
        </Button>
      </div>
    </Dialog>
  );
}
