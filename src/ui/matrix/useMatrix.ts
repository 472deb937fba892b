/**
 * The connectivity matrix for the current scenario: computed in a Web Worker for large clusters
 * (so the page stays responsive), synchronously for small ones.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

import { connectivityMatrix, deriveCluster, type PolicyProtocol, type Scenario } from '@/sim';

import type { MatrixRequest, MatrixResult } from './matrix.worker';

export const WORKER_THRESHOLD = 150;

export interface MatrixState {
  readonly pods: readonly string[];
  readonly allowed: Uint8Array;
  /** Time the worker took (measured off the main thread only). */
  readonly ms?: number;
  readonly pending: boolean;
  readonly offThread: boolean;
}

const offThread = (scenario: Scenario): boolean =>
  deriveCluster(scenario).pods.length > WORKER_THRESHOLD && typeof Worker !== 'undefined';

export function useMatrix(
  scenario: Scenario,
  port: number | undefined,
  protocol: PolicyProtocol,
): MatrixState | undefined {
  const [state, setState] = useState<(MatrixState & { key: string }) | undefined>();
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const big = offThread(scenario);
  // Small clusters: computed during render (memoised), no worker round trip.
  const small = useMemo(() => {
    if (big) return undefined;
    const m = connectivityMatrix(deriveCluster(scenario), port, protocol);
    return { pods: m.pods, allowed: m.allowed, pending: false, offThread: false };
  }, [big, scenario, port, protocol]);
  useEffect(() => () => worker.current?.terminate(), []);
  const key = `${port ?? ''}/${protocol}`;
  useEffect(() => {
    if (!big) return;
    const id = ++seq.current;
    if (!worker.current)
      worker.current = new Worker(new URL('./matrix.worker.ts', import.meta.url), {
        type: 'module',
      });
    const w = worker.current;
    const onMsg = (e: MessageEvent<MatrixResult>) => {
      if (e.data.id !== seq.current) return;
      setState({
        key,
        pods: e.data.pods,
        allowed: e.data.allowed,
        ms: e.data.ms,
        pending: false,
        offThread: true,
      });
    };
    w.addEventListener('message', onMsg);
    const req: MatrixRequest = { id, scenario, port, protocol };
    w.postMessage(req);
    return () => w.removeEventListener('message', onMsg);
  }, [big, key, scenario, port, protocol]);
  if (small) return small;
  return state ? { ...state, pending: state.key !== key } : undefined;
}
