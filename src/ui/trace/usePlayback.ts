/** Advances the walk one hop at a time while playing (speed = hops per second). */
import { useEffect } from 'react';

import { selectTrace, useAppStore, useStoreApi } from '@/state';

export function usePlayback(): void {
  const store = useStoreApi();
  const playing = useAppStore((s) => s.playing);
  const speed = useAppStore((s) => s.speed);
  const trace = useAppStore(selectTrace);
  useEffect(() => {
    if (!playing || !trace) return;
    const t = setInterval(
      () => {
        const s = store.getState();
        const last = trace.hops.length - 1;
        if (s.step >= last) s.setPlaying(false);
        else s.setStep(s.step + 1);
      },
      Math.round(1000 / speed),
    );
    return () => clearInterval(t);
  }, [playing, speed, trace, store]);
}
