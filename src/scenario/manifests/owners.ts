/**
 * A dump of a running cluster (`kubectl get all -o yaml`) holds both the workloads and the pods
 * they made, and a Deployment's ReplicaSets too. Expanding those workloads would create every pod
 * twice, so a workload whose pods (or whose owning Deployment) are in the input is kept for export
 * only, and the pods are used as given.
 */
import { namespaceOf, type Pod, type Workload } from '@/sim';

import { isJsonObject } from './types';

interface OwnerRef {
  readonly kind: string;
  readonly name: string;
}

function ownersOf(metadata: unknown): OwnerRef[] {
  if (!isJsonObject(metadata) || !Array.isArray(metadata.ownerReferences)) return [];
  const refs = metadata.ownerReferences.filter(isJsonObject);
  const controllers = refs.filter((r) => r.controller === true);
  return (controllers.length > 0 ? controllers : refs)
    .filter((r) => typeof r.kind === 'string' && typeof r.name === 'string')
    .map((r) => ({ kind: String(r.kind), name: String(r.name) }));
}

const key = (ns: string, kind: string, name: string): string => `${ns}/${kind}/${name}`;

export interface ManagedWorkload {
  readonly index: number;
  readonly reason: string;
}

/** The workloads (by index) that must not be expanded, each with the reason. */
export function managedWorkloads(
  workloads: readonly Workload[],
  pods: readonly Pod[],
): ManagedWorkload[] {
  const present = new Set(
    workloads.map((w) => key(namespaceOf(w.metadata), w.kind, w.metadata.name)),
  );
  // Controllers named by pods; a ReplicaSet not in the input is traced to its Deployment by the
  // name kube-controller-manager gives it: <deployment>-<pod-template-hash>.
  const podOwners = new Set<string>();
  for (const p of pods) {
    const ns = namespaceOf(p.metadata);
    const hash = p.metadata.labels?.['pod-template-hash'];
    for (const o of ownersOf(p.metadata)) {
      podOwners.add(key(ns, o.kind, o.name));
      if (o.kind === 'ReplicaSet' && hash && o.name.endsWith(`-${hash}`))
        podOwners.add(key(ns, 'Deployment', o.name.slice(0, -hash.length - 1)));
    }
  }
  const rsOwner = new Map<string, string>();
  for (const w of workloads) {
    if (w.kind !== 'ReplicaSet') continue;
    const ns = namespaceOf(w.metadata);
    for (const o of ownersOf(w.metadata))
      if (o.kind === 'Deployment')
        rsOwner.set(key(ns, 'ReplicaSet', w.metadata.name), key(ns, 'Deployment', o.name));
  }
  for (const [rs, deploy] of rsOwner) if (podOwners.has(rs)) podOwners.add(deploy);

  const out: ManagedWorkload[] = [];
  workloads.forEach((w, index) => {
    const ns = namespaceOf(w.metadata);
    const k = key(ns, w.kind, w.metadata.name);
    const owner = rsOwner.get(k);
    if (podOwners.has(k))
      out.push({ index, reason: 'its pods are in the input and are used as given' });
    else if (owner && present.has(owner))
      out.push({ index, reason: `its Deployment ${owner.split('/')[2] ?? ''} is in the input` });
  });
  return out;
}
