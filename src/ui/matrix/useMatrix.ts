/**
 * The connectivity matrix for the current scenario: computed in a Web Worker for large clusters
 * (so the page stays responsive), synchronously for small ones.
 */
import { useEffect, useRef, useState } from 'react';

import { connectivityMatrix, deriveCluster, type PolicyProtocol, type Scenario } from '@/sim';

import type { MatrixRequest, MatrixResult } from './matrix.worker';

export const WORKER_THRESHOLD = 150;

export interface MatrixState {
  readonly pods: readonly string[];
  readonly allowed: Uint8Array;
  readonly ms: number;
  readonly pending: boolean;
  readonly offThread: boolean;
}

export function useMatrix(scenario: Scenario, port: number | undefined, protocol: PolicyProtocol): MatrixState | undefined {
  const [state, setState] = useState<MatrixState | undefined>();
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  useEffect(() => () => worker.current?.terminate(), []);
  useEffect(() => {
    const cluster = deriveCluster(scenario);
    const id = ++seq.current;
    if (cluster.pods.length <= WORKER_THRESHOLD || typeof Worker === 'undefined') {
      const t0 = performance.now();
      const m = connectivityMatrix(cluster, port, protocol);
      setState({ pods: m.pods, allowed: m.allowed, ms: performance.now() - t0, pending: false, offThread: false });
      return;
    }
    setState((s) => (s ? { ...s, pending: true } : s));
    if (!worker.current) worker.current = new Worker(new URL('./matrix.worker.ts', import.meta.url), { type: 'module' });
    const w = worker.current;
    const onMsg = (e: MessageEvent<MatrixResult>) => {
      if (e.data.id !== seq.current) return;
      setState({ pods: e.data.pods, allowed: e.data.allowed, ms: e.data.ms, pending: false, offThread: true });
    };
    w.addEventListener('message', onMsg);
    const req: MatrixRequest = { id, scenario, port, protocol };
    w.postMessage(req);
    return () => w.removeEventListener('message', onMsg);
  }, [scenario, port, protocol]);
  return state;
}
