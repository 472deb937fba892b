/**
 * Pods as the node runs them: scheduled (when `spec.nodeName` is absent, onto the node with the
 * fewest pods, as the default scheduler's spreading would), given addresses by the CNI's IPAM
 * (explicit IPs kept), and wired by the CNI (eth0 in the pod, the host end of a veth pair).
 */
import { formatIp, parseIp } from '../addr/ip';
import type { CniDatapath, IpamResult, NodePlan, PlacedPod } from '../cni/types';
import type { Pod, WorkloadKind } from '../model/k8s';
import { ids } from '../model/ids';
import { keyOf, namespaceOf } from '../model/labels';

import type { NodeAddressing } from './nodes';
import type { DerivedPod, DerivedPort, DeriveNote } from './types';

export interface PodInput {
  readonly pod: Pod;
  readonly workload?: { readonly kind: WorkloadKind; readonly name: string };
}

/** Where each pod runs: its `spec.nodeName`, or the least loaded node (in input order). */
export function placePods(
  inputs: readonly PodInput[],
  nodes: readonly NodeAddressing[],
  notes: DeriveNote[],
): (PlacedPod & { readonly scheduled: boolean; readonly nodeMissing: boolean })[] {
  const known = new Set(nodes.map((n) => n.name));
  const load = new Map(nodes.map((n) => [n.name, 0]));
  for (const { pod } of inputs) {
    const n = pod.spec.nodeName;
    if (n !== undefined && load.has(n)) load.set(n, (load.get(n) ?? 0) + 1);
  }
  return inputs.map(({ pod }) => {
    const key = keyOf(pod.metadata);
    let nodeName = pod.spec.nodeName;
    let scheduled = false;
    if (nodeName === undefined) {
      for (const n of nodes)
        if (nodeName === undefined || (load.get(n.name) ?? 0) < (load.get(nodeName) ?? 0))
          nodeName = n.name;
      if (nodeName !== undefined) {
        load.set(nodeName, (load.get(nodeName) ?? 0) + 1);
        scheduled = true;
      }
    }
    const nodeMissing = nodeName !== undefined && !known.has(nodeName);
    if (nodeMissing)
      notes.push({
        code: 'pod-node-missing',
        message: `Pod ${key} is bound to node "${nodeName ?? ''}", which does not exist: it gets no network. Add the node or change spec.nodeName.`,
        objects: [`pod/${key}`, `node/${nodeName ?? ''}`],
      });
    return {
      key,
      namespace: namespaceOf(pod.metadata),
      name: pod.metadata.name,
      ...(nodeName !== undefined ? { nodeName } : {}),
      hostNetwork: pod.spec.hostNetwork === true,
      explicitIps: explicitPodIps(pod),
      scheduled,
      nodeMissing,
    };
  });
}

/** The derived pods: addresses from IPAM (or as given), network namespaces from the datapath. */
export function derivePods(
  inputs: readonly PodInput[],
  placed: ReturnType<typeof placePods>,
  plans: readonly NodePlan[],
  ipam: IpamResult,
  datapath: CniDatapath,
): DerivedPod[] {
  const planByName = new Map(plans.map((n) => [n.name, n]));
  return inputs.map(({ pod, workload }, idx) => {
    const p = placed[idx];
    if (!p) throw new Error('internal: pod placement missing');
    const node = p.nodeName !== undefined ? planByName.get(p.nodeName) : undefined;
    let ips: readonly string[] = p.explicitIps;
    let ipAllocated = false;
    if (p.hostNetwork && node) ips = p.explicitIps.length ? p.explicitIps : [...node.ips];
    else if (p.explicitIps.length === 0 && node) {
      ipAllocated = true;
      ips = ipam.podIps.get(p.key) ?? [];
    }
    const ports: DerivedPort[] = [];
    for (const c of pod.spec.containers)
      for (const cp of c.ports ?? [])
        ports.push({
          container: c.name,
          ...(cp.name !== undefined ? { name: cp.name } : {}),
          port: cp.containerPort,
          protocol: cp.protocol ?? 'TCP',
        });
    const netns =
      !p.hostNetwork && node
        ? datapath.pod({ key: p.key, namespace: p.namespace, name: p.name, ips, node })
        : undefined;
    return {
      key: p.key,
      id: ids.pod(p.key),
      namespace: p.namespace,
      name: p.name,
      labels: pod.metadata.labels ?? {},
      ...(p.nodeName !== undefined ? { nodeName: p.nodeName } : {}),
      nodeMissing: p.nodeMissing,
      scheduled: p.scheduled,
      hostNetwork: p.hostNetwork,
      ips,
      ipAllocated,
      ready: isReady(pod),
      containers: pod.spec.containers,
      ports,
      ...(netns ? { eth0: netns.eth0, vethHost: netns.vethHost } : {}),
      routes: netns?.routes ?? [],
      neigh: netns?.neigh ?? [],
      ...(workload ? { workload } : {}),
    };
  });
}

export function explicitPodIps(pod: Pod): string[] {
  const list = pod.status?.podIPs?.map((p) => p.ip) ?? [];
  const all = list.length ? list : pod.status?.podIP ? [pod.status.podIP] : [];
  return all.map((t) => {
    const r = parseIp(t);
    return r.ok ? formatIp(r.value) : t.trim();
  });
}

/** Pod readiness: the Ready condition if present, else Running (or unset) phase. */
export function isReady(pod: Pod): boolean {
  const cond = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (cond) return cond.status === 'True';
  const phase = pod.status?.phase;
  return phase === undefined || phase === 'Running';
}
