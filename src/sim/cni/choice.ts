/**
 * The CNI choices the Network tab offers, as edits of the scenario — small and CNI-agnostic so the
 * first screen can show them without loading any datapath. A choice sets `cluster.cni.mode` and,
 * where the CNI reads its configuration from cluster objects, writes that object the way the user
 * would: Calico's encapsulation lives on an IPPool (`ipipMode`, `vxlanMode`), so choosing Calico
 * IP-in-IP edits the first enabled IPv4 IPPool, or adds calico-node's `default-ipv4-ippool` over
 * the pod network when the cluster has none (reference/cni-datapaths.md §2.4).
 */
import type { OtherObject } from '../model/k8s';
import type { CniMode, Scenario } from '../model/scenario';

export interface CniChoice {
  readonly id: string;
  readonly mode: CniMode;
  readonly family: 'flannel' | 'kubenet' | 'Calico' | 'Cilium';
  readonly label: string;
  /** Calico: the IPPool's modes this choice writes. */
  readonly pool?: { readonly ipipMode: string; readonly vxlanMode: string };
}

export const CNI_CHOICES: readonly CniChoice[] = [
  { id: 'routes', mode: 'routes', family: 'flannel', label: 'host-gw (routes via peer nodes)' },
  { id: 'vxlan', mode: 'vxlan', family: 'flannel', label: 'VXLAN overlay (flannel.1)' },
  {
    id: 'cloud-routes',
    mode: 'cloud-routes',
    family: 'kubenet',
    label: 'cloud routes (the router holds pod routes)',
  },
  {
    id: 'calico-ipip',
    mode: 'calico',
    family: 'Calico',
    label: 'IP-in-IP (tunl0)',
    pool: { ipipMode: 'Always', vxlanMode: 'Never' },
  },
  {
    id: 'calico-ipip-cross',
    mode: 'calico',
    family: 'Calico',
    label: 'IP-in-IP CrossSubnet',
    pool: { ipipMode: 'CrossSubnet', vxlanMode: 'Never' },
  },
  {
    id: 'calico-vxlan',
    mode: 'calico',
    family: 'Calico',
    label: 'VXLAN (vxlan.calico)',
    pool: { ipipMode: 'Never', vxlanMode: 'Always' },
  },
  {
    id: 'calico-bgp',
    mode: 'calico',
    family: 'Calico',
    label: 'BGP, no encapsulation',
    pool: { ipipMode: 'Never', vxlanMode: 'Never' },
  },
];

const isCalicoPool = (o: OtherObject): boolean =>
  o.kind === 'IPPool' && /^(crd\.)?projectcalico\.org\//.test(o.apiVersion ?? '');

const specOf = (o: OtherObject): Record<string, unknown> =>
  o['spec'] !== null && typeof o['spec'] === 'object' ? (o['spec'] as Record<string, unknown>) : {};

/** The IPPool whose modes describe the cluster: the first enabled IPv4 pool. */
function mainPool(s: Scenario): OtherObject | undefined {
  return s.others.find((o) => {
    if (!isCalicoPool(o)) return false;
    const spec = specOf(o);
    return spec['disabled'] !== true && !String(spec['cidr'] ?? '').includes(':');
  });
}

const modeOf = (v: unknown): string => (v === 'Always' || v === 'CrossSubnet' ? v : 'Never');

/** The choice that describes the scenario (Calico without IPPools is calico-node's IP-in-IP default). */
export function cniChoiceOf(s: Scenario): CniChoice | undefined {
  const mode = s.cluster.cni.mode;
  if (mode !== 'calico') return CNI_CHOICES.find((c) => c.id === mode && c.mode === mode);
  const pool = mainPool(s);
  const spec = pool ? specOf(pool) : { ipipMode: 'Always' };
  const ipip = modeOf(spec['ipipMode']);
  const vxlan = modeOf(spec['vxlanMode']);
  return CNI_CHOICES.find(
    (c) => c.mode === 'calico' && c.pool?.ipipMode === ipip && c.pool.vxlanMode === vxlan,
  );
}

/** The scenario with the CNI `choice` (one edit: the mode and, for Calico, its IPPool). */
export function applyCniChoice(s: Scenario, choice: CniChoice): Scenario {
  const cluster = { ...s.cluster, cni: { ...s.cluster.cni, mode: choice.mode } };
  if (!choice.pool) return { ...s, cluster };
  const pool = mainPool(s);
  if (pool) {
    const others = s.others.map((o) =>
      o === pool ? { ...o, spec: { ...specOf(o), ...choice.pool } } : o,
    );
    return { ...s, cluster, others };
  }
  const cidr =
    s.cluster.podSubnet
      .split(',')
      .map((t) => t.trim())
      .find((t) => !t.includes(':')) ?? '192.168.0.0/16';
  const created: OtherObject = {
    apiVersion: 'projectcalico.org/v3',
    kind: 'IPPool',
    metadata: { name: 'default-ipv4-ippool' },
    spec: { cidr, blockSize: 26, ...choice.pool, natOutgoing: true, nodeSelector: 'all()' },
  };
  return { ...s, cluster, others: [...s.others, created] };
}
