/**
 * Cilium's configuration as a cluster stores it: the kube-system/cilium-config ConfigMap the Helm
 * chart and `cilium install` write (one string per agent flag, pkg/option/config.go names), read
 * from the scenario's other objects. Keys read: `routing-mode` (tunnel | native; older releases:
 * `tunnel: vxlan|geneve|disabled`), `tunnel-protocol` (vxlan | geneve), `tunnel-port`,
 * `kube-proxy-replacement` (true | false; the pre-1.14 strict/partial/disabled), `ipam`
 * (cluster-pool | kubernetes), `cluster-pool-ipv4-cidr`, `cluster-pool-ipv4-mask-size`,
 * `bpf-lb-mode` (snat | dsr | hybrid), `auto-direct-node-routes`, `enable-ipv4-masquerade`,
 * `bpf-lb-sock-hostns-only`. Defaults are the Helm chart's (reference/cni-datapaths.md §3), except
 * the pool: without a `cluster-pool-ipv4-cidr`, the cluster's pod network (kube-proxy's
 * clusterCIDR) instead of Cilium's 10.0.0.0/8, so the two agree.
 */
import { parseCidr } from '../../addr/cidr';
import type { DeriveNote } from '../../derive/types';
import type { OtherObject } from '../../model/k8s';
import type { Scenario } from '../../model/scenario';

export interface CiliumConfig {
  readonly routingMode: 'tunnel' | 'native';
  readonly tunnelProtocol: 'vxlan' | 'geneve';
  readonly tunnelPort: number;
  readonly kubeProxyReplacement: boolean;
  readonly ipam: 'cluster-pool' | 'kubernetes';
  /** cluster-pool-ipv4-cidr, valid CIDRs only. */
  readonly poolCidrs: readonly string[];
  readonly maskSize: number;
  readonly lbMode: 'snat' | 'dsr' | 'hybrid';
  readonly autoDirectNodeRoutes: boolean;
  readonly masquerade: boolean;
  /** Socket LB only for the host namespace (sidecar meshes): pods get the tc LB at lxc. */
  readonly sockHostnsOnly: boolean;
  /** Whether a cilium-config ConfigMap was found. */
  readonly fromConfigMap: boolean;
}

export const CONFIG_NAME = 'cilium-config';

/** The configuration each configured datapath was built from (the walk reads it from here). */
export const configs = new WeakMap<object, CiliumConfig>();

/** The configuration of a cluster's Cilium datapath. */
export function configOf(datapath: object): CiliumConfig | undefined {
  return configs.get(datapath);
}
const FROM = `ConfigMap kube-system/${CONFIG_NAME}`;

/** The cilium-config ConfigMap among the scenario's other objects. */
export function ciliumConfigMap(others: readonly OtherObject[]): OtherObject | undefined {
  return others.find(
    (o) =>
      o.kind === 'ConfigMap' &&
      o.metadata?.name === CONFIG_NAME &&
      o.metadata.namespace === 'kube-system',
  );
}

function dataOf(cm: OtherObject | undefined): Record<string, string> {
  const d = cm?.data;
  if (!d || typeof d !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d as Record<string, unknown>))
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out[k] = String(v).trim();
  return out;
}

const bool = (v: string | undefined, dflt: boolean): boolean =>
  v === undefined || v === '' ? dflt : /^(true|strict|1|yes)$/i.test(v);

/** Reads the configuration; bad values fall back to the default with a note naming the key. */
export function readCiliumConfig(scenario: Scenario, notes: DeriveNote[]): CiliumConfig {
  const cm = ciliumConfigMap(scenario.others);
  const d = dataOf(cm);
  const bad = (key: string, value: string, fix: string): void => {
    notes.push({
      code: 'cilium-config',
      message: `${FROM}: ${key} "${value}" is not understood; ${fix}.`,
      objects: [`configmap/kube-system/${CONFIG_NAME}`],
    });
  };
  const pick = <T extends string>(key: string, allowed: readonly T[], dflt: T): T => {
    const v = d[key];
    if (v === undefined || v === '') return dflt;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    bad(key, v, `use ${allowed.join(' or ')} (the walk uses ${dflt})`);
    return dflt;
  };
  // Before 1.14: `tunnel: vxlan|geneve|disabled` instead of routing-mode + tunnel-protocol.
  const legacy = d.tunnel;
  const routingMode =
    d['routing-mode'] !== undefined
      ? pick('routing-mode', ['tunnel', 'native'] as const, 'tunnel')
      : legacy === 'disabled'
        ? 'native'
        : 'tunnel';
  const tunnelProtocol =
    d['tunnel-protocol'] !== undefined
      ? pick('tunnel-protocol', ['vxlan', 'geneve'] as const, 'vxlan')
      : legacy === 'geneve'
        ? 'geneve'
        : 'vxlan';
  const defaultPort = tunnelProtocol === 'geneve' ? 6081 : 8472;
  const portText = d['tunnel-port'];
  const port = portText ? Number(portText) : 0;
  const tunnelPort = Number.isInteger(port) && port > 0 && port < 65536 ? port : defaultPort;
  if (portText && tunnelPort !== port) bad('tunnel-port', portText, 'give a UDP port 1–65535');
  const kpr = d['kube-proxy-replacement'];
  const ipam = pick('ipam', ['cluster-pool', 'kubernetes'] as const, 'cluster-pool');
  const poolCidrs: string[] = [];
  for (const t of (d['cluster-pool-ipv4-cidr'] ?? '').split(/[\s,]+/).filter(Boolean)) {
    const r = parseCidr(t);
    if (r.ok && r.value.family === 4) poolCidrs.push(t);
    else bad('cluster-pool-ipv4-cidr', t, 'give IPv4 CIDRs such as 10.244.0.0/16');
  }
  if (poolCidrs.length === 0)
    for (const t of scenario.cluster.podSubnet.split(',')) {
      const r = parseCidr(t.trim());
      if (r.ok && r.value.family === 4) poolCidrs.push(t.trim());
    }
  const maskText = d['cluster-pool-ipv4-mask-size'];
  const mask = maskText ? Number(maskText) : 24;
  const maskSize = Number.isInteger(mask) && mask >= 8 && mask <= 30 ? mask : 24;
  if (maskText && maskSize !== mask)
    bad('cluster-pool-ipv4-mask-size', maskText, 'give a prefix length 8–30 (default 24)');
  return {
    routingMode,
    tunnelProtocol,
    tunnelPort,
    kubeProxyReplacement: bool(kpr, false),
    ipam,
    poolCidrs,
    maskSize,
    lbMode: pick('bpf-lb-mode', ['snat', 'dsr', 'hybrid'] as const, 'snat'),
    autoDirectNodeRoutes: bool(d['auto-direct-node-routes'], routingMode === 'native'),
    masquerade: bool(d['enable-ipv4-masquerade'], scenario.cluster.cni.masquerade !== false),
    sockHostnsOnly: bool(d['bpf-lb-sock-hostns-only'], false),
    fromConfigMap: cm !== undefined,
  };
}

/** The ConfigMap for a configuration (presets, the Network tab's CNI picker). */
export function ciliumConfigMapFor(o: {
  readonly routingMode: 'tunnel' | 'native';
  readonly tunnelProtocol?: 'vxlan' | 'geneve';
  readonly kubeProxyReplacement: boolean;
  readonly poolCidr: string;
  readonly maskSize?: number;
  readonly lbMode?: 'snat' | 'dsr';
}): OtherObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIG_NAME, namespace: 'kube-system' },
    data: {
      'routing-mode': o.routingMode,
      'tunnel-protocol': o.tunnelProtocol ?? 'vxlan',
      'kube-proxy-replacement': String(o.kubeProxyReplacement),
      ipam: 'cluster-pool',
      'cluster-pool-ipv4-cidr': o.poolCidr,
      'cluster-pool-ipv4-mask-size': String(o.maskSize ?? 24),
      'bpf-lb-mode': o.lbMode ?? 'snat',
      ...(o.routingMode === 'native' ? { 'auto-direct-node-routes': 'true' } : {}),
    },
  };
}
