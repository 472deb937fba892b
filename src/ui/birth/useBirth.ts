/**
 * The pod-birth player's state: the pod's birth computed by the simulator from the derived
 * datapath, the current step, and the graph marks that go with it — everything a later step
 * creates is hidden, what this step creates or changes is pointed at. Each step is announced.
 */
import { useEffect, useMemo } from 'react';

import { podBirth, type PodBirth } from '@/sim';
import { selectCluster, useAppStore, useStoreApi } from '@/state';

export function useBirth(): {
  birth: PodBirth | undefined;
  step: number;
  go: (step: number) => void;
  close: () => void;
} {
  const store = useStoreApi();
  const cluster = useAppStore(selectCluster);
  const state = useAppStore((s) => s.birth);
  const setGraphMarks = useAppStore((s) => s.setGraphMarks);
  const birth = useMemo(() => (state ? podBirth(cluster, state.pod) : undefined), [cluster, state]);
  const n = birth?.steps.length ?? 0;
  const step = Math.min(state?.step ?? 0, Math.max(0, n - 1));
  useEffect(() => {
    if (!birth) return;
    const later = birth.steps.slice(step + 1).flatMap((s) => s.creates);
    const cur = birth.steps[step];
    setGraphMarks({ hidden: later, hints: cur ? [...cur.creates, ...cur.touches] : [] });
  }, [birth, step, setGraphMarks]);
  useEffect(() => () => setGraphMarks({ hidden: [], hints: [] }), [setGraphMarks]);
  const go = (to: number): void => {
    const s = store.getState();
    if (!s.birth || !birth) return;
    const next = Math.min(n - 1, Math.max(0, to));
    s.setBirth({ ...s.birth, step: next });
    const st = birth.steps[next];
    if (st)
      s.announce(
        `Step ${next + 1} of ${n}, ${st.actorName}: ${st.title}.${st.skipped ? ' Skipped.' : ''}${st.error ? ` Fails: ${st.error}.` : ''}`,
      );
  };
  const close = (): void => store.getState().setBirth(undefined);
  return { birth, step, go, close };
}
