/**
 * Cluster settings from configuration documents: kubeadm's `ClusterConfiguration`
 * (networking.podSubnet/serviceSubnet/dnsDomain, the controller manager's node CIDR mask size),
 * kube-proxy's `KubeProxyConfiguration`, and the explorer's own `ExplorerSettings` (the node
 * network and the CNI datapath, which no Kubernetes document describes).
 */
import {
  err,
  ok,
  type ClusterSettings,
  type KubeProxySettings,
  type NodeSubnet,
  type ProxyMode,
  type Result,
} from '@/sim';
import { z } from 'zod';

import { issueMessage } from '../issues';
import { cniSchema, nodeSubnetSchema } from '../schema';

import { cleanObject } from './clean';
import { errorAt, type ImportError, type Json, type SourceObject } from './types';

/** The explorer's own settings document (node network, CNI mode, scenario name). */
export const EXPLORER_API_VERSION = 'explorer.k8snet.dev/v1alpha1';
export const EXPLORER_KIND = 'ExplorerSettings';
/** The configuration API versions an export writes. */
export const KUBEADM_API_VERSION = 'kubeadm.k8s.io/v1beta4';
export const KUBE_PROXY_API_VERSION = 'kubeproxy.config.k8s.io/v1alpha1';

export type ConfigKind = 'ClusterConfiguration' | 'KubeProxyConfiguration' | 'ExplorerSettings';

/** Configuration documents have no metadata.name; the ones not modelled are kept as others. */
export function configKindOf(apiVersion: unknown, kind: unknown): ConfigKind | 'other' | undefined {
  const group = typeof apiVersion === 'string' ? apiVersion.split('/')[0] : undefined;
  if (kind === 'ClusterConfiguration' && (group === undefined || group === 'kubeadm.k8s.io'))
    return 'ClusterConfiguration';
  if (kind === 'KubeProxyConfiguration') return 'KubeProxyConfiguration';
  if (kind === EXPLORER_KIND) return 'ExplorerSettings';
  if (group === 'kubeadm.k8s.io' || group === 'kubelet.config.k8s.io') return 'other';
  return undefined;
}

const str = z.string();
const clusterConfiguration = z.object({
  networking: z
    .object({ podSubnet: str.optional(), serviceSubnet: str.optional(), dnsDomain: str.optional() })
    .optional(),
  controllerManager: z
    .object({
      // v1beta3: a map; v1beta4: a list of { name, value }.
      extraArgs: z
        .union([z.record(str, str), z.array(z.object({ name: str, value: str }))])
        .optional(),
    })
    .optional(),
});
const kubeProxyConfiguration = z.object({
  mode: str.optional(),
  clusterCIDR: str.optional(),
  detectLocalMode: str.optional(),
  masqueradeAll: z.boolean().optional(),
  nodePortAddresses: z.array(str).optional(),
  iptables: z
    .object({
      localhostNodePorts: z.boolean().optional(),
      masqueradeBit: z.number().int().optional(),
    })
    .optional(),
  nftables: z.object({ masqueradeAll: z.boolean().optional() }).optional(),
});
const explorerSettings = z.object({
  scenario: z.object({ name: str.optional(), description: str.optional() }).optional(),
  /** "CIDR" (one subnet, dual-stack "a,b"), or a list of subnets { cidr, gateway? }. */
  nodeNetwork: z.union([str, z.array(nodeSubnetSchema)]).optional(),
  cni: cniSchema.optional(),
  /** false: the nodes are exactly the Node objects given, even none (an exported empty cluster). */
  defaultNodes: z.boolean().optional(),
  /** Graph positions the user placed (element id → {x, y}), so an export reopens as it looked. */
  layout: z.record(str, z.object({ x: z.number(), y: z.number() })).optional(),
});

export interface ConfigDocs {
  readonly ClusterConfiguration?: SourceObject;
  readonly KubeProxyConfiguration?: SourceObject;
  readonly ExplorerSettings?: SourceObject;
}

export interface ConfiguredCluster {
  readonly cluster: ClusterSettings;
  readonly meta?: { readonly name?: string; readonly description?: string };
  /** The address plan settings a document gave (the others come from `base`). */
  readonly given: ReadonlySet<'podSubnet' | 'serviceSubnet' | 'nodeNetwork'>;
  /** ExplorerSettings `defaultNodes`: false keeps a cluster without Node objects node-less. */
  readonly defaultNodes: boolean;
  /** ExplorerSettings `layout`: the graph positions the user placed. */
  readonly layout: Readonly<Record<string, { readonly x: number; readonly y: number }>>;
}

function parse<T>(
  schema: z.ZodType<T>,
  src: SourceObject | undefined,
  kind: string,
): Result<T | undefined, ImportError> {
  if (!src) return ok(undefined);
  const r = schema.safeParse(cleanObject(src.value), { reportInput: true });
  if (r.success) return ok(r.data);
  const issue = r.error.issues[0];
  return err(
    errorAt(src, issue?.path ?? [], `${kind}: ${issue ? issueMessage(issue) : 'invalid'}`),
  );
}

function maskSizes(
  args: Record<string, string> | { name: string; value: string }[] | undefined,
  podSubnet: string,
): Pick<ClusterSettings, 'nodeCIDRMaskSize' | 'nodeCIDRMaskSizeIPv6'> {
  const map = Array.isArray(args)
    ? Object.fromEntries(args.map((a) => [a.name, a.value]))
    : (args ?? {});
  const num = (v: string | undefined): number | undefined =>
    v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
  const single = num(map['node-cidr-mask-size']);
  const v6First = (podSubnet.split(',')[0] ?? '').includes(':');
  const v4 = num(map['node-cidr-mask-size-ipv4']) ?? (v6First ? undefined : single);
  const v6 = num(map['node-cidr-mask-size-ipv6']) ?? (v6First ? single : undefined);
  return {
    ...(v4 !== undefined ? { nodeCIDRMaskSize: v4 } : {}),
    ...(v6 !== undefined ? { nodeCIDRMaskSizeIPv6: v6 } : {}),
  };
}

type KubeProxyConfig = z.infer<typeof kubeProxyConfiguration>;

/**
 * kube-proxy's local-traffic detector (pkg/proxy/util/localdetector): ClusterCIDR mode (the
 * default) with no clusterCIDR has no detector at all ("" in the model); a clusterCIDR equal to
 * the pod network is the model's default (absent).
 */
function kubeProxySettings(
  kp: KubeProxyConfig,
  podSubnet: string,
  warnings: string[],
): KubeProxySettings {
  const given = kp.mode ?? '';
  // An empty mode is iptables on Linux (kube-proxy's default).
  const mode: ProxyMode = given === 'nftables' ? 'nftables' : 'iptables';
  if (given !== '' && given !== 'iptables' && given !== 'nftables')
    warnings.push(
      `KubeProxyConfiguration: mode "${given}" is not modelled; the explorer shows what iptables mode would do`,
    );
  const masqueradeAll =
    kp.masqueradeAll ?? (mode === 'nftables' ? kp.nftables?.masqueradeAll : undefined);
  const detect = kp.detectLocalMode ?? '';
  const cidr = kp.clusterCIDR ?? '';
  let clusterCIDR: string | undefined;
  if (detect === '' || detect === 'ClusterCIDR')
    clusterCIDR = cidr === podSubnet ? undefined : cidr;
  else {
    warnings.push(
      `KubeProxyConfiguration: detectLocalMode ${detect} is not modelled; local traffic is detected by the ${cidr ? `clusterCIDR ${cidr}` : 'pod network'} instead`,
    );
    clusterCIDR = cidr === '' || cidr === podSubnet ? undefined : cidr;
  }
  return {
    mode,
    ...(clusterCIDR !== undefined ? { clusterCIDR } : {}),
    ...(masqueradeAll !== undefined ? { masqueradeAll } : {}),
    ...(kp.nodePortAddresses !== undefined ? { nodePortAddresses: kp.nodePortAddresses } : {}),
    ...(kp.iptables !== undefined ? { iptables: kp.iptables } : {}),
  };
}

/**
 * The cluster settings `base` overridden by the configuration documents. With a
 * KubeProxyConfiguration clusterCIDR and no kubeadm podSubnet, the pod network is that clusterCIDR.
 */
export function configuredCluster(
  docs: ConfigDocs,
  base: ClusterSettings,
  warnings: string[],
  notes: string[],
): Result<ConfiguredCluster, ImportError> {
  const cc = parse(clusterConfiguration, docs.ClusterConfiguration, 'ClusterConfiguration');
  if (!cc.ok) return cc;
  const kp = parse(kubeProxyConfiguration, docs.KubeProxyConfiguration, 'KubeProxyConfiguration');
  if (!kp.ok) return kp;
  const ex = parse(explorerSettings, docs.ExplorerSettings, EXPLORER_KIND);
  if (!ex.ok) return ex;
  const net = cc.value?.networking;
  const proxyCidr = kp.value?.clusterCIDR;
  const podSubnet = net?.podSubnet ?? (proxyCidr ? proxyCidr : base.podSubnet);
  if (net?.podSubnet === undefined && proxyCidr)
    notes.push(
      `The pod network is ${proxyCidr}, kube-proxy's clusterCIDR (no kubeadm ClusterConfiguration gives a podSubnet).`,
    );
  const masks = cc.value ? maskSizes(cc.value.controllerManager?.extraArgs, podSubnet) : {};
  const cluster: ClusterSettings = {
    ...base,
    podSubnet,
    serviceSubnet: net?.serviceSubnet ?? base.serviceSubnet,
    dnsDomain: net?.dnsDomain ?? base.dnsDomain,
    ...masks,
    nodeNetwork: subnetsOf(ex.value?.nodeNetwork) ?? base.nodeNetwork,
    cni: ex.value?.cni ?? base.cni,
    kubeProxy: kp.value ? kubeProxySettings(kp.value, podSubnet, warnings) : base.kubeProxy,
  };
  const given = new Set<'podSubnet' | 'serviceSubnet' | 'nodeNetwork'>();
  if (net?.podSubnet !== undefined || proxyCidr) given.add('podSubnet');
  if (net?.serviceSubnet !== undefined) given.add('serviceSubnet');
  if (ex.value?.nodeNetwork !== undefined) given.add('nodeNetwork');
  const meta = ex.value?.scenario;
  return ok({
    cluster,
    ...(meta ? { meta } : {}),
    given,
    defaultNodes: ex.value?.defaultNodes ?? true,
    layout: ex.value?.layout ?? {},
  });
}

/** ExplorerSettings `nodeNetwork`: the one-subnet string form, or the list. */
function subnetsOf(v: string | readonly NodeSubnet[] | undefined): NodeSubnet[] | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return v.map((x) => ({ ...x }));
  return v.trim() === '' ? [] : [{ cidr: v.trim() }];
}

/**
 * The given subnets as ExplorerSettings writes them: one subnet with the default gateway as a
 * string (as v1 documents had it), several as a list; subnets an import inferred are left out
 * (they are inferred again on re-import), and with only those, the field is.
 */
function nodeNetworkField(list: readonly NodeSubnet[]): { nodeNetwork?: string | NodeSubnet[] } {
  const given = list.filter((x) => x.inferred !== true);
  if (given.length === 0 && list.length > 0) return {};
  const [only] = given;
  if (given.length === 1 && only && only.gateway === undefined) return { nodeNetwork: only.cidr };
  return { nodeNetwork: given.map((x) => ({ ...x })) };
}

/**
 * The configuration documents that carry `c`'s settings (export). A cluster without nodes says
 * `defaultNodes: false`, so that it does not land on the default nodes when imported again.
 */
export function configDocuments(
  c: ClusterSettings,
  meta: { name: string; description?: string },
  hasNodes = true,
  layout: Readonly<Record<string, { readonly x: number; readonly y: number }>> = {},
): Json[] {
  const extraArgs: { name: string; value: string }[] = [];
  if (c.nodeCIDRMaskSize !== undefined)
    extraArgs.push({ name: 'node-cidr-mask-size-ipv4', value: String(c.nodeCIDRMaskSize) });
  if (c.nodeCIDRMaskSizeIPv6 !== undefined)
    extraArgs.push({ name: 'node-cidr-mask-size-ipv6', value: String(c.nodeCIDRMaskSizeIPv6) });
  const kp = c.kubeProxy;
  const clusterCIDR = kp.clusterCIDR ?? c.podSubnet;
  return [
    {
      apiVersion: EXPLORER_API_VERSION,
      kind: EXPLORER_KIND,
      scenario: meta,
      ...nodeNetworkField(c.nodeNetwork),
      cni: c.cni,
      ...(hasNodes ? {} : { defaultNodes: false }),
      ...(Object.keys(layout).length > 0 ? { layout } : {}),
    },
    {
      apiVersion: KUBEADM_API_VERSION,
      kind: 'ClusterConfiguration',
      networking: {
        podSubnet: c.podSubnet,
        serviceSubnet: c.serviceSubnet,
        dnsDomain: c.dnsDomain,
      },
      ...(extraArgs.length > 0 ? { controllerManager: { extraArgs } } : {}),
    },
    {
      apiVersion: KUBE_PROXY_API_VERSION,
      kind: 'KubeProxyConfiguration',
      mode: kp.mode,
      detectLocalMode: 'ClusterCIDR',
      ...(clusterCIDR !== '' ? { clusterCIDR } : {}),
      ...(kp.masqueradeAll !== undefined ? { masqueradeAll: kp.masqueradeAll } : {}),
      ...(kp.nodePortAddresses !== undefined ? { nodePortAddresses: kp.nodePortAddresses } : {}),
      ...(kp.iptables !== undefined ? { iptables: kp.iptables } : {}),
    },
  ];
}
