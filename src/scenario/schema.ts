/**
 * The current scenario document (version SCENARIO_VERSION) as a zod schema. Missing lists,
 * cluster settings and implied `apiVersion`/`kind` fields are filled with their defaults, so a
 * compact document (what a share link carries) restores to the full one. CIDRs and addresses are
 * only checked for being strings: wrong values are kept as given and reported by validation.
 */
import { DEFAULT_CLUSTER, SCENARIO_VERSION, type ClusterSettings, type Scenario } from '@/sim';
import { z } from 'zod';

import {
  endpointSliceSchema,
  namespaceSchema,
  networkPolicySchema,
  nodeSchema,
  otherObjectSchema,
  podSchema,
  serviceSchema,
  workloadSchema,
} from './k8sSchema';

const str = z.string();
const maskSize = z.number().int();

/** How pod traffic crosses nodes; mode defaults to routes. */
export const cniSchema = z.object({
  mode: z
    .enum(['routes', 'vxlan', 'cloud-routes', 'calico', 'cilium'])
    .default(DEFAULT_CLUSTER.cni.mode),
  masquerade: z.boolean().optional(),
  ipBlockMatchesPods: z.boolean().optional(),
});

/** kube-proxy's modelled KubeProxyConfiguration subset. */
export const kubeProxySchema = z.object({
  mode: z.enum(['iptables', 'nftables']).default('iptables'),
  clusterCIDR: str.optional(),
  masqueradeAll: z.boolean().optional(),
  nodePortAddresses: z.array(str).optional(),
  iptables: z
    .object({
      localhostNodePorts: z.boolean().optional(),
      masqueradeBit: z.number().int().optional(),
    })
    .optional(),
});

/** One node subnet: its block(s), the router's address, and whether an import inferred it. */
export const nodeSubnetSchema = z.object({
  cidr: str,
  gateway: str.optional(),
  inferred: z.boolean().optional(),
});

/** Cluster settings; missing address plan fields take the default cluster's. */
export const clusterSettingsSchema = z.object({
  podSubnet: str.default(DEFAULT_CLUSTER.podSubnet),
  serviceSubnet: str.default(DEFAULT_CLUSTER.serviceSubnet),
  nodeCIDRMaskSize: maskSize.optional(),
  nodeCIDRMaskSizeIPv6: maskSize.optional(),
  nodeNetwork: z
    .array(nodeSubnetSchema)
    .default(() => DEFAULT_CLUSTER.nodeNetwork.map((n) => ({ ...n }))),
  dnsDomain: str.default(DEFAULT_CLUSTER.dnsDomain),
  cni: cniSchema.prefault({}),
  kubeProxy: kubeProxySchema.prefault({}),
}) satisfies z.ZodType<ClusterSettings>;

const position = z.object({ x: z.number(), y: z.number() });

/** The keys of a scenario document, in the order they are written. */
export const SCENARIO_KEYS = [
  'version',
  'meta',
  'cluster',
  'namespaces',
  'nodes',
  'pods',
  'workloads',
  'services',
  'endpointSlices',
  'networkPolicies',
  'others',
  'layout',
] as const;

/** The whole current document; lists, meta and settings default when absent. */
export const scenarioSchema = z.object({
  version: z.literal(SCENARIO_VERSION),
  meta: z
    .object({ name: str.default('Untitled cluster'), description: str.optional() })
    .prefault({}),
  cluster: clusterSettingsSchema.prefault({}),
  namespaces: z.array(namespaceSchema).default([]),
  nodes: z.array(nodeSchema).default([]),
  pods: z.array(podSchema).default([]),
  workloads: z.array(workloadSchema).default([]),
  services: z.array(serviceSchema).default([]),
  endpointSlices: z.array(endpointSliceSchema).default([]),
  networkPolicies: z.array(networkPolicySchema).default([]),
  others: z.array(otherObjectSchema).default([]),
  layout: z.record(z.string(), position).default({}),
}) satisfies z.ZodType<Scenario>;
