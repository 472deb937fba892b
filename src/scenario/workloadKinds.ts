/** The workload kinds the scenario keeps, and the apiVersion each defaults to (no zod here). */
import type { WorkloadKind } from '@/sim';

export const WORKLOAD_API_VERSION: Readonly<Record<WorkloadKind, string>> = {
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
};

/** The kinds kept in `workloads` (derive expands them into pods). */
export const WORKLOAD_KINDS = Object.keys(WORKLOAD_API_VERSION) as WorkloadKind[];
