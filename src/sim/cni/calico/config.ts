/**
 * Calico's configuration as the cluster holds it: IPPool objects (`projectcalico.org/v3` or the
 * CRD group `crd.projectcalico.org/v1`: cidr, blockSize, ipipMode, vxlanMode, natOutgoing,
 * nodeSelector, disabled) and BlockAffinity objects (a block claimed by a node). Without IPPools,
 * calico-node creates `default-ipv4-ippool` from CALICO_IPV4POOL_CIDR — the manifest leaves it to
 * kubeadm's podSubnet — with IP-in-IP Always, natOutgoing and /26 blocks (manifests/calico.yaml,
 * node/pkg/lifecycle/startup/startup.go; reference/cni-datapaths.md §2.4).
 */
import { parseCidr, toNetwork, type Cidr } from '../../addr/cidr';
import type { DeriveNote } from '../../derive/types';
import type { OtherObject } from '../../model/k8s';
import type { Scenario } from '../../model/scenario';

import { parseSelector, type Selector } from './selector';

export type EncapMode = 'Always' | 'CrossSubnet' | 'Never';

export interface CalicoPool {
  readonly name: string;
  readonly cidr: Cidr;
  readonly cidrText: string;
  readonly blockSize: number;
  readonly ipipMode: EncapMode;
  readonly vxlanMode: EncapMode;
  readonly natOutgoing: boolean;
  readonly disabled: boolean;
  readonly selects: Selector;
  readonly nodeSelector: string;
  /** Written by the user (an IPPool object), or calico-node's default. */
  readonly given: boolean;
}

export interface CalicoConfig {
  readonly pools: readonly CalicoPool[];
  /** Blocks claimed by nodes (BlockAffinity objects), in object order. */
  readonly affinities: readonly { readonly node: string; readonly cidr: Cidr }[];
}

const isCalico = (o: OtherObject): boolean =>
  /^(crd\.)?projectcalico\.org\//.test(o.apiVersion ?? '');

const MODES: readonly EncapMode[] = ['Always', 'CrossSubnet', 'Never'];

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function specOf(o: OtherObject): Record<string, unknown> {
  const s = o['spec'];
  return s !== null && typeof s === 'object' ? (s as Record<string, unknown>) : {};
}

/** The IPPools and BlockAffinities of a scenario; calico-node's default pools when none is given. */
export function calicoConfig(scenario: Scenario, notes: DeriveNote[]): CalicoConfig {
  const pools: CalicoPool[] = [];
  for (const o of scenario.others) {
    if (o.kind !== 'IPPool' || !isCalico(o)) continue;
    const p = readPool(o, notes);
    if (p) pools.push(p);
  }
  if (pools.length === 0) pools.push(...defaultPools(scenario.cluster.podSubnet));
  const affinities: { node: string; cidr: Cidr }[] = [];
  for (const o of scenario.others) {
    if (o.kind !== 'BlockAffinity' || !isCalico(o)) continue;
    const s = specOf(o);
    const node = str(s['node']);
    const c = parseCidr(str(s['cidr']) ?? '');
    if (node && c.ok && str(s['state']) !== 'pending' && s['deleted'] !== 'true')
      affinities.push({ node, cidr: toNetwork(c.value) });
  }
  return { pools, affinities };
}

function readPool(o: OtherObject, notes: DeriveNote[]): CalicoPool | undefined {
  const name = o.metadata?.name ?? 'ippool';
  const s = specOf(o);
  const ref = `ippool/${name}`;
  const c = parseCidr(str(s['cidr']) ?? '');
  if (!c.ok) {
    notes.push({
      code: 'calico-ippool-invalid',
      message: `IPPool ${name}: spec.cidr "${str(s['cidr']) ?? ''}" is not a CIDR, so Calico ignores the pool. Give it a range such as 10.244.0.0/16.`,
      objects: [ref],
    });
    return undefined;
  }
  const family = c.value.family;
  const mode = (k: string): EncapMode => {
    const v = str(s[k]);
    if (v === undefined) return 'Never';
    if ((MODES as readonly string[]).includes(v)) return v as EncapMode;
    notes.push({
      code: 'calico-ippool-invalid',
      message: `IPPool ${name}: spec.${k} "${v}" is none of Always, CrossSubnet, Never; taken as Never.`,
      objects: [ref],
    });
    return 'Never';
  };
  let ipipMode = mode('ipipMode');
  const vxlanMode = mode('vxlanMode');
  if (ipipMode !== 'Never' && vxlanMode !== 'Never') {
    notes.push({
      code: 'calico-ippool-invalid',
      message: `IPPool ${name} enables both ipipMode and vxlanMode; Calico refuses that (one encapsulation per pool). The walk uses VXLAN; set ipipMode: Never.`,
      objects: [ref],
    });
    ipipMode = 'Never';
  }
  if (family === 6 && ipipMode !== 'Never') {
    notes.push({
      code: 'calico-ippool-invalid',
      message: `IPPool ${name} is IPv6: IP-in-IP carries IPv4 only, so ipipMode is ignored.`,
      objects: [ref],
    });
    ipipMode = 'Never';
  }
  const def = family === 4 ? 26 : 122;
  const bs = typeof s['blockSize'] === 'number' ? s['blockSize'] : def;
  const min = family === 4 ? 20 : 116;
  const max = family === 4 ? 32 : 128;
  const blockSize = bs >= Math.max(min, c.value.prefix) && bs <= max ? bs : def;
  if (blockSize !== bs)
    notes.push({
      code: 'calico-ippool-invalid',
      message: `IPPool ${name}: blockSize ${String(bs)} is outside ${Math.max(min, c.value.prefix)}–${max}; Calico would reject it. The walk uses /${def}.`,
      objects: [ref],
    });
  const selText = str(s['nodeSelector']) ?? 'all()';
  const sel = parseSelector(selText);
  if (!sel.ok)
    notes.push({
      code: 'calico-ippool-invalid',
      message: `IPPool ${name}: nodeSelector: ${sel.error}; the pool is taken to select every node.`,
      objects: [ref],
    });
  return {
    name,
    cidr: toNetwork(c.value),
    cidrText: str(s['cidr']) ?? '',
    blockSize,
    ipipMode,
    vxlanMode,
    natOutgoing: s['natOutgoing'] === true,
    disabled: s['disabled'] === true,
    selects: sel.ok ? sel.value : () => true,
    nodeSelector: selText,
    given: true,
  };
}

/** calico-node's pools when the cluster has none: IPv4 with IP-in-IP and NAT, IPv6 plain. */
function defaultPools(podSubnet: string): CalicoPool[] {
  const out: CalicoPool[] = [];
  for (const t of podSubnet.split(',')) {
    const c = parseCidr(t.trim());
    if (!c.ok || out.some((p) => p.cidr.family === c.value.family)) continue;
    const v4 = c.value.family === 4;
    out.push({
      name: v4 ? 'default-ipv4-ippool' : 'default-ipv6-ippool',
      cidr: toNetwork(c.value),
      cidrText: t.trim(),
      // A block never reaches past its pool: a pool narrower than /26 is one block.
      blockSize: Math.max(v4 ? 26 : 122, c.value.prefix),
      ipipMode: v4 ? 'Always' : 'Never',
      vxlanMode: 'Never',
      natOutgoing: v4,
      disabled: false,
      selects: () => true,
      nodeSelector: 'all()',
      given: false,
    });
  }
  return out;
}
