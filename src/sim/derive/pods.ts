/**
 * Pods as the node runs them: scheduled (when `spec.nodeName` is absent, onto the node with the
 * fewest pods, as the default scheduler's spreading would), given addresses by host-local IPAM
 * (the node's range, gateway .1 on cni0, pods from .2 up in creation order; explicit IPs kept),
 * and wired with a veth pair whose host end is a port of cni0.
 */
import { cidrContainsIp, lastIp, nthIp, parseCidr, toNetwork, type Cidr } from '../addr/cidr';
import { formatIp, parseIp, type Family } from '../addr/ip';
import { derivedMac } from '../addr/mac';
import type { Pod, WorkloadKind } from '../model/k8s';
import { ids } from '../model/ids';
import { keyOf, namespaceOf } from '../model/labels';
import { hexDigest } from '../util/hash';

import type { Gateway } from './gateway';
import type { NodeAddressing } from './nodes';
import { podRoutes } from './routes';
import type { DerivedPod, DerivedPort, DeriveNote, Iface } from './types';

export interface PodInput {
  readonly pod: Pod;
  readonly workload?: { readonly kind: WorkloadKind; readonly name: string };
}

export function derivePods(
  inputs: readonly PodInput[],
  nodes: readonly NodeAddressing[],
  mtu: number,
  notes: DeriveNote[],
  gatewaysOf: (node: string) => readonly (Gateway | undefined)[] = () => [],
): DerivedPod[] {
  const nodeByName = new Map(nodes.map((n) => [n.name, n]));
  const load = new Map(nodes.map((n) => [n.name, 0]));
  for (const { pod } of inputs) {
    const n = pod.spec.nodeName;
    if (n !== undefined && load.has(n)) load.set(n, (load.get(n) ?? 0) + 1);
  }
  const placement = inputs.map(({ pod }) => {
    if (pod.spec.nodeName !== undefined) return { nodeName: pod.spec.nodeName, scheduled: false };
    let best: string | undefined;
    for (const n of nodes)
      if (best === undefined || (load.get(n.name) ?? 0) < (load.get(best) ?? 0)) best = n.name;
    if (best !== undefined) load.set(best, (load.get(best) ?? 0) + 1);
    return { nodeName: best, scheduled: best !== undefined };
  });

  // host-local: addresses given explicitly are never handed out again.
  const taken = new Set<string>();
  for (const { pod } of inputs) for (const ip of explicitPodIps(pod)) taken.add(ip);
  for (const n of nodes) for (const g of gatewaysOf(n.name)) if (g) taken.add(g.ip);
  const cursor = new Map<string, bigint>();
  const allocate = (range: Cidr): string | undefined => {
    const key = `${range.family}/${range.addr}/${range.prefix}`;
    let i = cursor.get(key) ?? 2n;
    const last = lastIp(range).n;
    for (;;) {
      const a = nthIp(range, i);
      i++;
      if (!a || (range.family === 4 && a.n === last)) return undefined;
      const t = formatIp(a);
      if (!taken.has(t)) {
        taken.add(t);
        cursor.set(key, i);
        return t;
      }
    }
  };

  return inputs.map(({ pod, workload }, idx) => {
    const { nodeName, scheduled } = placement[idx] ?? { nodeName: undefined, scheduled: false };
    const key = keyOf(pod.metadata);
    const node = nodeName !== undefined ? nodeByName.get(nodeName) : undefined;
    const nodeMissing = nodeName !== undefined && node === undefined;
    const hostNetwork = pod.spec.hostNetwork === true;
    if (nodeMissing)
      notes.push({
        code: 'pod-node-missing',
        message: `Pod ${key} is bound to node "${nodeName}", which does not exist: it gets no network. Add the node or change spec.nodeName.`,
        objects: [`pod/${key}`, `node/${nodeName}`],
      });
    const explicit = explicitPodIps(pod);
    let ips: string[] = explicit;
    let ipAllocated = false;
    if (hostNetwork && node) {
      ips = explicit.length ? explicit : [...node.ips];
    } else if (explicit.length === 0 && node) {
      ipAllocated = true;
      ips = [];
      for (const c of node.podCIDRs) {
        const r = parseCidr(c);
        if (!r.ok) continue;
        const a = allocate(toNetwork(r.value));
        if (a) ips.push(a);
        else
          notes.push({
            code: 'pod-ip-exhausted',
            message: `Node ${node.name}'s pod range ${c} has no free address for pod ${key}. Use a shorter node mask (nodeCIDRMaskSize) or move the pod.`,
            objects: [`pod/${key}`, `node/${node.name}`],
          });
      }
    }
    const ports: DerivedPort[] = [];
    for (const c of pod.spec.containers)
      for (const p of c.ports ?? [])
        ports.push({
          container: c.name,
          ...(p.name !== undefined ? { name: p.name } : {}),
          port: p.containerPort,
          protocol: p.protocol ?? 'TCP',
        });
    const wired = !hostNetwork && node !== undefined;
    const eth0: Iface | undefined = wired
      ? {
          id: ids.podEth0(key),
          name: 'eth0',
          mac: derivedMac(`pod-eth0:${key}`),
          addrs: ips.map((ip) => ({ ip, prefix: prefixFor(ip, node.podCIDRs) })),
          mtu,
        }
      : undefined;
    const vethHost: Iface | undefined = wired
      ? {
          id: ids.veth(key),
          name: vethName(key),
          mac: derivedMac(`veth-host:${key}`),
          addrs: [],
          mtu,
        }
      : undefined;
    return {
      key,
      id: ids.pod(key),
      namespace: namespaceOf(pod.metadata),
      name: pod.metadata.name,
      labels: pod.metadata.labels ?? {},
      ...(nodeName !== undefined ? { nodeName } : {}),
      nodeMissing,
      scheduled,
      hostNetwork,
      ips,
      ipAllocated,
      ready: isReady(pod),
      containers: pod.spec.containers,
      ports,
      ...(eth0 ? { eth0 } : {}),
      ...(vethHost ? { vethHost } : {}),
      routes: wired && eth0 ? podRoutes(eth0, node.podCIDRs, gatewaysOf(node.name)) : [],
      ...(workload ? { workload } : {}),
    };
  });
}

/** The host-side veth name the bridge CNI plugin gives (`veth` + 8 hex digits). */
export function vethName(podKey: string): string {
  return `veth${hexDigest(`veth:${podKey}`, 8)}`;
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

function prefixFor(ipText: string, podCIDRs: readonly string[]): number {
  const a = parseIp(ipText);
  if (!a.ok) return 32;
  for (const c of podCIDRs) {
    const r = parseCidr(c);
    if (r.ok && cidrContainsIp(r.value, a.value)) return r.value.prefix;
  }
  return defaultHostPrefix(a.value.family);
}

const defaultHostPrefix = (f: Family): number => (f === 4 ? 32 : 128);
