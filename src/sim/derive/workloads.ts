/**
 * The pods that workload controllers would create, named as they name them:
 * Deployment `<name>-<pod-template-hash>-<5>`, ReplicaSet/DaemonSet/Job `<name>-<5>`,
 * StatefulSet `<name>-<ordinal>`. DaemonSets get one pod per node.
 */
import type { Pod, Workload } from '../model/k8s';
import { namespaceOf } from '../model/labels';
import { safeSuffix } from '../util/hash';

export interface WorkloadPod {
  readonly pod: Pod;
  readonly workload: Workload;
}

const MAX_REPLICAS = 500;

export function expandWorkloads(
  workloads: readonly Workload[],
  nodeNames: readonly string[],
): WorkloadPod[] {
  const out: WorkloadPod[] = [];
  for (const w of workloads) {
    const ns = namespaceOf(w.metadata);
    const base = w.metadata.name;
    const tmpl = w.spec.template;
    const labels = { ...(tmpl.metadata?.labels ?? {}) };
    const mk = (name: string, extra: Record<string, string>, nodeName?: string): Pod => {
      const spec = { ...tmpl.spec };
      const withNode = nodeName ? { ...spec, nodeName } : spec;
      const sts =
        w.kind === 'StatefulSet'
          ? {
              ...withNode,
              hostname: name,
              ...(w.spec.serviceName ? { subdomain: w.spec.serviceName } : {}),
            }
          : withNode;
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: ns, labels: { ...labels, ...extra } },
        spec: sts,
        status: { phase: 'Running' },
      };
    };
    const replicas = Math.min(
      MAX_REPLICAS,
      Math.max(0, w.spec.replicas ?? w.spec.parallelism ?? 1),
    );
    switch (w.kind) {
      case 'Deployment': {
        const hash = safeSuffix(`${ns}/${base}/template/${JSON.stringify(tmpl)}`, 10);
        for (let i = 0; i < replicas; i++) {
          const name = `${base}-${hash}-${safeSuffix(`${ns}/${base}/${hash}/${i}`, 5)}`;
          out.push({ workload: w, pod: mk(name, { 'pod-template-hash': hash }) });
        }
        break;
      }
      case 'ReplicaSet':
        for (let i = 0; i < replicas; i++)
          out.push({ workload: w, pod: mk(`${base}-${safeSuffix(`${ns}/${base}/${i}`, 5)}`, {}) });
        break;
      case 'StatefulSet':
        for (let i = 0; i < replicas; i++)
          out.push({
            workload: w,
            pod: mk(`${base}-${i}`, { 'statefulset.kubernetes.io/pod-name': `${base}-${i}` }),
          });
        break;
      case 'DaemonSet':
        for (const node of nodeNames)
          out.push({
            workload: w,
            pod: mk(
              `${base}-${safeSuffix(`${ns}/${base}/${node}`, 5)}`,
              {},
              tmpl.spec.nodeName ?? node,
            ),
          });
        break;
      case 'Job':
        for (let i = 0; i < replicas; i++)
          out.push({
            workload: w,
            pod: mk(`${base}-${safeSuffix(`${ns}/${base}/${i}`, 5)}`, {
              'job-name': base,
              'batch.kubernetes.io/job-name': base,
            }),
          });
        break;
    }
  }
  return out;
}
