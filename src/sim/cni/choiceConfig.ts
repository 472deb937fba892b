/**
 * The configuration objects the Network tab's CNI choice writes, and recognises again: Calico's
 * IPPool (its encapsulation lives in `ipipMode`/`vxlanMode`, reference/cni-datapaths.md §2.4) and
 * Cilium's kube-system/cilium-config ConfigMap (`routing-mode`, `tunnel-protocol`,
 * `kube-proxy-replacement`, §3). An object exactly as the choice itself would write it is the
 * choice's own and goes when the cluster leaves that CNI (choosing it again writes it back the same);
 * anything else — an imported pool, a ConfigMap with the user's keys — is the user's and stays.
 */
import type { OtherObject } from '../model/k8s';
import type { Scenario } from '../model/scenario';

import { ciliumConfigMap, ciliumConfigMapFor } from './cilium/config';

export interface CalicoPoolModes {
  readonly ipipMode: string;
  readonly vxlanMode: string;
}

export interface CiliumModes {
  readonly routingMode: 'tunnel' | 'native';
  readonly tunnelProtocol: 'vxlan' | 'geneve';
  readonly kubeProxyReplacement: boolean;
}

const isCalicoPool = (o: OtherObject): boolean =>
  o.kind === 'IPPool' && /^(crd\.)?projectcalico\.org\//.test(o.apiVersion ?? '');

export const specOf = (o: OtherObject): Record<string, unknown> =>
  o['spec'] !== null && typeof o['spec'] === 'object' ? (o['spec'] as Record<string, unknown>) : {};

/** The IPPool whose modes describe the cluster: the first enabled IPv4 pool. */
export function mainPool(s: Scenario): OtherObject | undefined {
  return s.others.find((o) => {
    if (!isCalicoPool(o)) return false;
    const spec = specOf(o);
    return spec['disabled'] !== true && !String(spec['cidr'] ?? '').includes(':');
  });
}

/** The cluster's IPv4 pod network (what calico-node's default pool and Cilium's cluster pool cover). */
function podCidr4(s: Scenario, fallback: string): string {
  return (
    s.cluster.podSubnet
      .split(',')
      .map((t) => t.trim())
      .find((t) => t !== '' && !t.includes(':')) ?? fallback
  );
}

/** calico-node's default pool over the pod network, with the given modes. */
export function defaultPool(s: Scenario, modes: CalicoPoolModes): OtherObject {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'IPPool',
    metadata: { name: 'default-ipv4-ippool' },
    spec: {
      cidr: podCidr4(s, '192.168.0.0/16'),
      blockSize: 26,
      ...modes,
      natOutgoing: true,
      nodeSelector: 'all()',
    },
  };
}

/** The cilium-config ConfigMap the choice writes when the cluster has none. */
export function defaultCiliumConfig(s: Scenario, modes: CiliumModes): OtherObject {
  return ciliumConfigMapFor({ ...modes, poolCidr: podCidr4(s, '10.0.0.0/8') });
}

/** The scenario's Calico configuration with `modes`: the main pool edited, or the default pool added. */
export function withCalicoModes(s: Scenario, modes: CalicoPoolModes): Scenario {
  const pool = mainPool(s);
  if (!pool) return { ...s, others: [...s.others, defaultPool(s, modes)] };
  const others = s.others.map((o) => (o === pool ? { ...o, spec: { ...specOf(o), ...modes } } : o));
  return { ...s, others };
}

/**
 * The scenario's cilium-config with `modes`: the keys that choose them set on the existing
 * ConfigMap (the pre-1.14 `tunnel` key gives way to `routing-mode` + `tunnel-protocol`; native
 * routing between nodes of one segment needs `auto-direct-node-routes`), or the ConfigMap added.
 */
export function withCiliumModes(s: Scenario, modes: CiliumModes): Scenario {
  const cm = ciliumConfigMap(s.others);
  if (!cm) return { ...s, others: [...s.others, defaultCiliumConfig(s, modes)] };
  const data = { ...((cm['data'] ?? {}) as Record<string, unknown>) };
  delete data['tunnel'];
  delete data['auto-direct-node-routes'];
  Object.assign(data, {
    'routing-mode': modes.routingMode,
    'tunnel-protocol': modes.tunnelProtocol,
    'kube-proxy-replacement': String(modes.kubeProxyReplacement),
    ...(modes.routingMode === 'native' ? { 'auto-direct-node-routes': 'true' } : {}),
  });
  return { ...s, others: s.others.map((o) => (o === cm ? { ...o, data } : o)) };
}

/** JSON with object keys sorted: equal for equal objects whatever order their keys were written in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}
const sameJson = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/**
 * Whether `o` is exactly what a choice writes for a pool or ConfigMap mode in `calico`/`cilium`
 * (then leaving the CNI removes it, and nothing the user wrote is lost).
 */
export function isChoiceWritten(
  s: Scenario,
  o: OtherObject,
  calico: readonly CalicoPoolModes[],
  cilium: readonly CiliumModes[],
): boolean {
  if (isCalicoPool(o)) return calico.some((m) => sameJson(o, defaultPool(s, m)));
  if (o === ciliumConfigMap(s.others))
    return cilium.some((m) => sameJson(o, defaultCiliumConfig(s, m)));
  return false;
}
