/**
 * The CNI choice of the Network tab: flannel, kubenet's cloud routes and Calico's encapsulations,
 * grouped by CNI, as radio buttons (one undoable edit each: the mode and, for Calico, its IPPool),
 * with what the chosen datapath does in a few facts below.
 */
import { applyCniChoice, cniChoiceOf, CNI_CHOICES, type CniChoice as Choice } from '@/sim';
import { selectCluster, selectScenario, useAppStore } from '@/state';

const FAMILIES = ['flannel', 'kubenet', 'Calico', 'Cilium'] as const;

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
      <div role="radiogroup" aria-label="CNI" className="space-y-1">
        {FAMILIES.map((family) => {
          const choices = CNI_CHOICES.filter((c) => c.family === family);
          if (choices.length === 0) return null;
          return (
            <div key={family} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
              <span className="w-14 shrink-0 text-xs font-semibold text-slate-500 dark:text-slate-400">
                {family}
              </span>
              {choices.map((c) => (
                <label key={c.id} className="flex items-center gap-1.5">
                  <input
                    type="radio"
                    name="cni-mode"
                    checked={current?.id === c.id}
                    onChange={() => pick(c)}
                    data-testid={`net.cni.${c.id}`}
                  />
                  {c.label}
                </label>
              ))}
            </div>
          );
        })}
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
      </dl>
    </div>
  );
}
