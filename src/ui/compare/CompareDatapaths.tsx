/**
 * "Compare under another CNI…": the current walk computed on the cluster as it is and on a copy
 * with another CNI chosen (the Network tab's list), side by side — the facts a CNI choice turns on
 * (devices, encapsulation, where NAT happens, where policy is decided, TTL, MTU) with differences
 * marked, then both hop lists aligned row by row. Loaded on demand from the trace panel.
 */
import clsx from 'clsx';
import { useEffect, useMemo, useState } from 'react';

import {
  applyCniChoice,
  cniChoiceById,
  cniChoiceOf,
  compareDatapaths,
  CNI_CHOICES,
  isDatapathLoaded,
  loadDatapath,
  loadedTracing,
  type CniChoice,
} from '@/sim';
import { selectScenario, useAppStore } from '@/state';

import { Button } from '../primitives/Button';
import { Dialog } from '../primitives/Dialog';

import { HopRows } from './HopRows';

export interface CompareDatapathsProps {
  readonly open: boolean;
  readonly onClose: () => void;
}

const FAMILIES = ['flannel', 'kubenet', 'Calico', 'Cilium'] as const;
const nameOf = (c: CniChoice): string => `${c.family} ${c.label}`;

/** What to compare with first: another CNI than the cluster's (flannel → Calico → Cilium → flannel). */
function firstOther(current: CniChoice | undefined): CniChoice {
  const next: Record<string, string> = {
    flannel: 'calico-ipip',
    kubenet: 'calico-ipip',
    Calico: 'cilium-native',
    Cilium: 'vxlan',
  };
  return cniChoiceById(next[current?.family ?? 'flannel'] ?? 'calico-ipip') ?? CNI_CHOICES[0]!;
}

export function CompareDatapaths({ open, onClose }: CompareDatapathsProps) {
  const scenario = useAppStore(selectScenario);
  const walk = useAppStore((s) => s.walk);
  const edit = useAppStore((s) => s.edit);
  const epoch = useAppStore((s) => s.datapathEpoch);
  const current = cniChoiceOf(scenario);
  const [otherId, setOtherId] = useState(() => firstOther(current).id);
  const other = cniChoiceById(otherId) ?? firstOther(current);
  const [loaded, setLoaded] = useState(0);
  const ready = isDatapathLoaded(other.mode) && isDatapathLoaded(scenario.cluster.cni.mode);
  useEffect(() => {
    if (ready) return;
    let live = true;
    void Promise.all([loadDatapath(other.mode), loadDatapath(scenario.cluster.cni.mode)]).then(
      () => live && setLoaded((n) => n + 1),
    );
    return () => {
      live = false;
    };
  }, [ready, other.mode, scenario.cluster.cni.mode]);
  const tracing = loadedTracing();
  const cmp = useMemo(
    () =>
      walk && tracing && ready ? compareDatapaths(scenario, walk, other, tracing.trace) : undefined,
    // loaded/epoch: a datapath that arrived since makes the comparison computable (or fresher)
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [scenario, walk, other, tracing, ready, loaded, epoch],
  );
  const leftName = cmp?.left.profile.name ?? 'this cluster';
  const rightName = cmp?.right.profile.name ?? nameOf(other);
  return (
    <Dialog
      title="Compare datapaths: this walk under two CNIs"
      open={open}
      onClose={onClose}
      wide
      testId="cmp.dialog"
    >
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600 dark:text-slate-300">
          <strong className="text-slate-900 dark:text-slate-100">{leftName}</strong> (the cluster)
          compared with
        </span>
        <label className="sr-only" htmlFor="cmp-other">
          The other CNI
        </label>
        <select
          id="cmp-other"
          value={other.id}
          onChange={(e) => setOtherId(e.target.value)}
          className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-800"
          data-testid="cmp.other"
        >
          {FAMILIES.map((f) => (
            <optgroup key={f} label={f}>
              {CNI_CHOICES.filter((c) => c.family === f).map((c) => (
                <option key={c.id} value={c.id}>
                  {nameOf(c)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {!cmp ? (
        <p
          role="status"
          className="text-sm text-slate-600 dark:text-slate-300"
          data-testid="cmp.loading"
        >
          Loading the {other.family} datapath…
        </p>
      ) : (
        <>
          <p
            className="mb-2 font-mono text-[12px] text-slate-600 dark:text-slate-300"
            data-testid="cmp.walk"
          >
            {cmp.left.walk.from} → {cmp.left.walk.to}
            {cmp.left.walk.port !== undefined
              ? ` · ${cmp.left.walk.protocol ?? 'TCP'} ${cmp.left.walk.port}`
              : ''}
            {cmp.right.walk.endpoint
              ? ` · same backend pod (${cmp.right.walk.endpoint} under ${rightName})`
              : ''}
          </p>
          <table
            className="mb-4 w-full table-fixed border-collapse text-xs"
            data-testid="cmp.facts"
          >
            <caption className="sr-only">
              What differs between the two datapaths for this walk
            </caption>
            <thead>
              <tr className="text-left">
                <th
                  scope="col"
                  className="w-40 px-2 font-normal text-slate-500 dark:text-slate-400"
                >
                  <span className="sr-only">Fact</span>
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
              {cmp.facts.map((f) => (
                <tr
                  key={f.id}
                  className={clsx(
                    'border-t border-slate-200 align-top dark:border-slate-700',
                    !f.same && 'bg-amber-50 dark:bg-amber-950/40',
                  )}
                  data-testid={`cmp.fact.${f.id}`}
                  data-same={f.same ? 'yes' : 'no'}
                >
                  <th
                    scope="row"
                    className="px-2 py-1 text-left font-medium text-slate-700 dark:text-slate-200"
                  >
                    <span
                      aria-hidden="true"
                      className={f.same ? 'text-slate-400' : 'text-amber-800 dark:text-amber-300'}
                    >
                      {f.same ? '=' : '≠'}
                    </span>{' '}
                    {f.label}
                    <span className="sr-only">{f.same ? ' (same)' : ' (differs)'}</span>
                  </th>
                  <td className="px-2 py-1 break-words">{f.left}</td>
                  <td className="px-2 py-1 break-words">{f.right}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <HopRows
            rows={cmp.rows}
            left={cmp.left.trace.hops}
            right={cmp.right.trace.hops}
            leftName={leftName}
            rightName={rightName}
          />
        </>
      )}
      <div className="mt-3 flex justify-end">
        <Button
          size="sm"
          onClick={() => {
            edit((s) => applyCniChoice(s, other));
            onClose();
          }}
          data-testid="cmp.switch"
        >
          Switch the cluster to {nameOf(other)}
        </Button>
      </div>
    </Dialog>
  );
}
