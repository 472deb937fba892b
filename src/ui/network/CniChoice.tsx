/**
 * The CNI choice of the Network tab: flannel, kubenet's cloud routes, Calico's encapsulations and
 * Cilium's routing modes with or without kube-proxy replacement, grouped by CNI, as radio buttons
 * (one undoable edit each: the mode and, for Calico its IPPool, for Cilium its cilium-config
 * ConfigMap), with what the chosen datapath does in a few facts below.
 */
import { Fragment } from 'react';

import { applyCniChoice, cniChoiceOf, CNI_CHOICES, type CniChoice as Choice } from '@/sim';
import { selectCluster, selectScenario, useAppStore } from '@/state';

interface Row {
  readonly key: string;
  readonly family: string;
  /** Shown under the family's name for its second row. */
  readonly note?: string;
  readonly choices: readonly Choice[];
}

/** Rows of the picker: one per CNI, Cilium's choices with kube-proxy replacement on a row of their own. */
const ROWS: readonly Row[] = (['flannel', 'kubenet', 'Calico', 'Cilium'] as const).flatMap(
  (family) => {
    const all = CNI_CHOICES.filter((c) => c.family === family);
    const kpr = all.filter((c) => c.cilium?.kubeProxyReplacement);
    const rest = all.filter((c) => !c.cilium?.kubeProxyReplacement);
    return [
      ...(rest.length ? [{ key: family, family, choices: rest }] : []),
      ...(kpr.length
        ? [{ key: `${family}-kpr`, family, note: 'replacing kube-proxy', choices: kpr }]
        : []),
    ];
  },
);

export function CniChoice() {
  const scenario = useAppStore(selectScenario);
  const cluster = useAppStore(selectCluster);
  const edit = useAppStore((s) => s.edit);
  const current = cniChoiceOf(scenario);
  const profile = cluster.datapath.profile;
  const loading = cluster.notes.some((n) => n.code === 'cni-loading');
  const pick = (c: Choice) => edit((s) => applyCniChoice(s, c));
  return (
    <div className="mb-2" data-testid="net.cni">
      <span className="mb-1 block text-xs font-semibold text-slate-600 dark:text-slate-300">
        CNI: how pods get addresses and how their traffic crosses nodes
      </span>
      <div
        role="radiogroup"
        aria-label="CNI"
        className="grid grid-cols-[3.5rem_1fr] items-baseline gap-x-2 gap-y-1 text-sm"
      >
        {ROWS.map((row) => (
          <Fragment key={row.key}>
            <span className="text-xs font-semibold text-slate-500 dark:text-slate-400">
              {row.note ? '' : row.family}
            </span>
            <div
              className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5"
              data-testid={`net.cni.row.${row.key}`}
            >
              {row.note && (
                <span className="text-xs text-slate-500 italic dark:text-slate-400">
                  {row.note}:
                </span>
              )}
              {row.choices.map((c) => (
                <label key={c.id} className="flex items-center gap-1.5">
                  <input
                    type="radio"
                    name="cni-mode"
                    checked={current?.id === c.id}
                    onChange={() => pick(c)}
                    aria-label={`${c.family} ${c.label}`}
                    data-testid={`net.cni.${c.id}`}
                  />
                  {row.note ? (c.short ?? c.label) : c.label}
                </label>
              ))}
            </div>
          </Fragment>
        ))}
      </div>
      <dl
        className="mt-2 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 rounded border border-slate-200 bg-slate-50 p-2 text-xs dark:border-slate-700 dark:bg-slate-800/60"
        data-testid="net.cni.profile"
      >
        <dt className="font-semibold text-slate-600 dark:text-slate-300">Datapath</dt>
        <dd className="text-slate-800 dark:text-slate-100">
          {loading ? 'loading…' : profile.name}
          {profile.version && !loading ? (
            <span className="text-slate-500 dark:text-slate-400"> · {profile.version}</span>
          ) : null}
        </dd>
        <dt className="font-semibold text-slate-600 dark:text-slate-300">Between nodes</dt>
        <dd className="text-slate-700 dark:text-slate-200">{profile.encapsulation}</dd>
        <dt className="font-semibold text-slate-600 dark:text-slate-300">Addresses</dt>
        <dd className="text-slate-700 dark:text-slate-200">{profile.ipam}</dd>
        <dt className="font-semibold text-slate-600 dark:text-slate-300">Pod MTU</dt>
        <dd className="text-slate-700 dark:text-slate-200">{profile.podMtu}</dd>
        <dt className="font-semibold text-slate-600 dark:text-slate-300">Policy</dt>
        <dd className="text-slate-700 dark:text-slate-200">{profile.policy}</dd>
        <dt className="font-semibold text-slate-600 dark:text-slate-300">Services</dt>
        <dd className="text-slate-700 dark:text-slate-200" data-testid="net.cni.services">
          {profile.serviceNat}
        </dd>
      </dl>
    </div>
  );
}
