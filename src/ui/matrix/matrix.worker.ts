/// <reference lib="webworker" />
/** Computes the pod × pod connectivity matrix off the main thread. */
import { connectivityMatrix, deriveCluster, type PolicyProtocol, type Scenario } from '@/sim';

export interface MatrixRequest {
  readonly id: number;
  readonly scenario: Scenario;
  readonly port: number | undefined;
  readonly protocol: PolicyProtocol;
}

export interface MatrixResult {
  readonly id: number;
  readonly pods: readonly string[];
  readonly allowed: Uint8Array;
  readonly ms: number;
}

self.onmessage = (e: MessageEvent<MatrixRequest>) => {
  const t0 = performance.now();
  const m = connectivityMatrix(deriveCluster(e.data.scenario), e.data.port, e.data.protocol);
  const allowed = new Uint8Array(m.allowed);
  const res: MatrixResult = { id: e.data.id, pods: m.pods, allowed, ms: performance.now() - t0 };
  (self as unknown as Worker).postMessage(res, [allowed.buffer]);
};
