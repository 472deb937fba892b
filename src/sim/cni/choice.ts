/**
 * The CNI choices the Network tab offers, as edits of the scenario — small and CNI-agnostic so the
 * first screen can show them without loading any datapath. A choice sets `cluster.cni.mode` and,
 * where the CNI reads its configuration from cluster objects, writes that object the way the user
 * would (choiceConfig.ts): Calico's encapsulation lives on an IPPool (`ipipMode`, `vxlanMode`,
 * reference/cni-datapaths.md §2.4), Cilium's routing mode, tunnel protocol and kube-proxy
 * replacement in the kube-system/cilium-config ConfigMap (§3, the keys `cilium install` writes).
 */
import type { CniMode, Scenario } from '../model/scenario';

import { readCiliumConfig } from './cilium/config';
import {
  isChoiceWritten,
  mainPool,
  specOf,
  withCalicoModes,
  withCiliumModes,
  type CalicoPoolModes,
  type CiliumModes,
} from './choiceConfig';

export interface CniChoice {
  readonly id: string;
  readonly mode: CniMode;
  readonly family: 'flannel' | 'kubenet' | 'Calico' | 'Cilium';
  readonly label: string;
  /** The label within a row that already names what it leaves out (Cilium's kube-proxy replacement). */
  readonly short?: string;
  /** Calico: the IPPool's modes this choice writes. */
  readonly pool?: CalicoPoolModes;
  /** Cilium: what this choice writes in cilium-config (ciliumConfigMapFor's options). */
  readonly cilium?: CiliumModes;
}

const cilium = (
  id: string,
  label: string,
  routingMode: CiliumModes['routingMode'],
  tunnelProtocol: CiliumModes['tunnelProtocol'],
  kubeProxyReplacement: boolean,
): CniChoice => ({
  id,
  mode: 'cilium',
  family: 'Cilium',
  label: kubeProxyReplacement ? `${label} + kube-proxy replacement` : label,
  short: label,
  cilium: { routingMode, tunnelProtocol, kubeProxyReplacement },
});

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
  // Native routing writes tunnel-protocol too (unused there), as `cilium install` does.
  cilium('cilium-native', 'native routing', 'native', 'vxlan', false),
  cilium('cilium-vxlan', 'VXLAN (cilium_vxlan)', 'tunnel', 'vxlan', false),
  cilium('cilium-geneve', 'Geneve (cilium_geneve)', 'tunnel', 'geneve', false),
  cilium('cilium-native-kpr', 'native routing', 'native', 'vxlan', true),
  cilium('cilium-vxlan-kpr', 'VXLAN', 'tunnel', 'vxlan', true),
  cilium('cilium-geneve-kpr', 'Geneve', 'tunnel', 'geneve', true),
];

const modeOf = (v: unknown): string => (v === 'Always' || v === 'CrossSubnet' ? v : 'Never');

/** The choice with this id. */
export function cniChoiceById(id: string): CniChoice | undefined {
  return CNI_CHOICES.find((c) => c.id === id);
}

/**
 * The choice that describes the scenario (Calico without IPPools is calico-node's IP-in-IP
 * default; Cilium without cilium-config is the Helm chart's VXLAN without kube-proxy replacement).
 */
export function cniChoiceOf(s: Scenario): CniChoice | undefined {
  const mode = s.cluster.cni.mode;
  if (mode === 'cilium') {
    const cfg = readCiliumConfig(s, []);
    return CNI_CHOICES.find(
      (c) =>
        c.cilium?.routingMode === cfg.routingMode &&
        c.cilium.kubeProxyReplacement === cfg.kubeProxyReplacement &&
        (cfg.routingMode === 'native' || c.cilium.tunnelProtocol === cfg.tunnelProtocol),
    );
  }
  if (mode !== 'calico') return CNI_CHOICES.find((c) => c.id === mode && c.mode === mode);
  const pool = mainPool(s);
  const spec = pool ? specOf(pool) : { ipipMode: 'Always' };
  const ipip = modeOf(spec['ipipMode']);
  const vxlan = modeOf(spec['vxlanMode']);
  return CNI_CHOICES.find(
    (c) => c.mode === 'calico' && c.pool?.ipipMode === ipip && c.pool.vxlanMode === vxlan,
  );
}

const POOLS = CNI_CHOICES.flatMap((c) => (c.pool ? [c.pool] : []));
const CILIUM = CNI_CHOICES.flatMap((c) => (c.cilium ? [c.cilium] : []));

/**
 * The scenario with the CNI `choice` (one edit): the mode and, for Calico and Cilium, their
 * configuration object. Leaving Calico or Cilium removes the pool or ConfigMap the choice wrote
 * (and only those), so a round trip through another CNI gives the scenario back unchanged.
 */
export function applyCniChoice(s: Scenario, choice: CniChoice): Scenario {
  if (cniChoiceOf(s)?.id === choice.id) return s;
  const cluster = { ...s.cluster, cni: { ...s.cluster.cni, mode: choice.mode } };
  // The configuration of the CNI being chosen stays (it is edited below); the others' go.
  const leaving = s.others.filter((o) =>
    isChoiceWritten(s, o, choice.pool ? [] : POOLS, choice.cilium ? [] : CILIUM),
  );
  const others = leaving.length ? s.others.filter((o) => !leaving.includes(o)) : s.others;
  const next = { ...s, cluster, others };
  if (choice.pool) return withCalicoModes(next, choice.pool);
  if (choice.cilium) return withCiliumModes(next, choice.cilium);
  return next;
}
