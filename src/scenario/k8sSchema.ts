/**
 * Zod schemas for the Kubernetes objects the explorer models (src/sim/model/k8s.ts), shared by
 * scenario restore and manifest import. Lenient where Kubernetes is lenient (optional fields stay
 * optional, unknown fields are dropped), strict where our code relies on a shape (names are
 * strings, ports are integers, enums are the API's spellings). `apiVersion`/`kind` default to the
 * kind's own, so compact documents (share links) can leave them out.
 */
import type {
  EndpointSlice,
  Namespace,
  NetworkPolicy,
  Node,
  OtherObject,
  Pod,
  Service,
  Workload,
} from '@/sim';
import { z } from 'zod';

import { WORKLOAD_API_VERSION, WORKLOAD_KINDS } from './workloadKinds';

export { WORKLOAD_API_VERSION, WORKLOAD_KINDS };

const str = z.string();
const int = z.number().int();
const stringMap = z.record(z.string(), z.string());
const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
const intOrString = z.union([int, z.string()]);

/** Metadata of a modelled object: name, namespace, labels, annotations (and owners, for dedup). */
export const objectMetaSchema = z.object({
  name: z.string().min(1),
  namespace: str.optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  /** Not in the model's type, but kept so a pod still names its controller after a round trip. */
  ownerReferences: z.array(z.looseObject({ kind: str, name: str })).optional(),
});

const labelSelector = z.object({
  matchLabels: stringMap.optional(),
  matchExpressions: z
    .array(
      z.object({
        key: str,
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(str).optional(),
      }),
    )
    .optional(),
});

/** Namespace (v1). */
export const namespaceSchema = z.object({
  apiVersion: z.literal('v1').default('v1'),
  kind: z.literal('Namespace').default('Namespace'),
  metadata: objectMetaSchema,
}) satisfies z.ZodType<Namespace>;

/** Node (v1): pod ranges and addresses. */
export const nodeSchema = z.object({
  apiVersion: z.literal('v1').default('v1'),
  kind: z.literal('Node').default('Node'),
  metadata: objectMetaSchema,
  spec: z.object({ podCIDR: str.optional(), podCIDRs: z.array(str).optional() }).optional(),
  status: z
    .object({
      addresses: z
        .array(
          z.object({
            type: z.enum(['InternalIP', 'ExternalIP', 'Hostname', 'InternalDNS', 'ExternalDNS']),
            address: str,
          }),
        )
        .optional(),
      // Only what topology-aware hints read: allocatable CPU and the Ready condition.
      allocatable: z.object({ cpu: intOrString.optional() }).optional(),
      conditions: z.array(z.object({ type: str, status: str })).optional(),
    })
    .optional(),
}) satisfies z.ZodType<Node>;

const container = z.object({
  name: str,
  image: str.optional(),
  ports: z
    .array(
      z.object({
        name: str.optional(),
        containerPort: int,
        protocol: protocol.optional(),
        hostPort: int.optional(),
      }),
    )
    .optional(),
});

const podSpec = z.object({
  nodeName: str.optional(),
  hostNetwork: z.boolean().optional(),
  containers: z.array(container),
  hostname: str.optional(),
  subdomain: str.optional(),
  dnsPolicy: z.enum(['ClusterFirst', 'Default', 'ClusterFirstWithHostNet', 'None']).optional(),
});

/** Pod (v1): node, containers and ports, IPs and readiness. */
export const podSchema = z.object({
  apiVersion: z.literal('v1').default('v1'),
  kind: z.literal('Pod').default('Pod'),
  metadata: objectMetaSchema,
  spec: podSpec,
  status: z
    .object({
      phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']).optional(),
      podIP: str.optional(),
      podIPs: z.array(z.object({ ip: str })).optional(),
      conditions: z
        .array(z.object({ type: str, status: z.enum(['True', 'False', 'Unknown']) }))
        .optional(),
    })
    .optional(),
}) satisfies z.ZodType<Pod>;

const trafficPolicy = z.enum(['Cluster', 'Local']);

/** Service (v1): every type, ports, traffic policies, load-balancer status. */
export const serviceSchema = z.object({
  apiVersion: z.literal('v1').default('v1'),
  kind: z.literal('Service').default('Service'),
  metadata: objectMetaSchema,
  spec: z.object({
    type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).optional(),
    selector: stringMap.optional(),
    clusterIP: str.optional(),
    clusterIPs: z.array(str).optional(),
    ports: z
      .array(
        z.object({
          name: str.optional(),
          protocol: protocol.optional(),
          port: int,
          targetPort: intOrString.optional(),
          nodePort: int.optional(),
        }),
      )
      .optional(),
    externalIPs: z.array(str).optional(),
    externalName: str.optional(),
    externalTrafficPolicy: trafficPolicy.optional(),
    internalTrafficPolicy: trafficPolicy.optional(),
    sessionAffinity: z.enum(['None', 'ClientIP']).optional(),
    sessionAffinityConfig: z
      .object({ clientIP: z.object({ timeoutSeconds: int.optional() }).optional() })
      .optional(),
    loadBalancerSourceRanges: z.array(str).optional(),
    healthCheckNodePort: int.optional(),
    trafficDistribution: str.optional(),
    publishNotReadyAddresses: z.boolean().optional(),
    ipFamilies: z.array(z.enum(['IPv4', 'IPv6'])).optional(),
    ipFamilyPolicy: z.enum(['SingleStack', 'PreferDualStack', 'RequireDualStack']).optional(),
  }),
  status: z
    .object({
      loadBalancer: z
        .object({
          ingress: z.array(z.object({ ip: str.optional(), hostname: str.optional() })).optional(),
        })
        .optional(),
    })
    .optional(),
}) satisfies z.ZodType<Service>;

/** EndpointSlice (discovery.k8s.io/v1); conditions absent stay absent. */
export const endpointSliceSchema = z.object({
  apiVersion: z.literal('discovery.k8s.io/v1').default('discovery.k8s.io/v1'),
  kind: z.literal('EndpointSlice').default('EndpointSlice'),
  metadata: objectMetaSchema,
  addressType: z.enum(['IPv4', 'IPv6', 'FQDN']),
  // `endpoints: null` (printed by kubectl for an empty slice) arrives here as absent.
  endpoints: z
    .array(
      z.object({
        addresses: z.array(str),
        conditions: z
          .object({
            ready: z.boolean().optional(),
            serving: z.boolean().optional(),
            terminating: z.boolean().optional(),
          })
          .optional(),
        nodeName: str.optional(),
        zone: str.optional(),
        hints: z
          .object({
            forZones: z.array(z.object({ name: str })).optional(),
            forNodes: z.array(z.object({ name: str })).optional(),
          })
          .optional(),
        hostname: str.optional(),
        targetRef: z.object({ kind: str, name: str, namespace: str.optional() }).optional(),
      }),
    )
    .default([]),
  ports: z
    .array(z.object({ name: str.optional(), port: int.optional(), protocol: protocol.optional() }))
    .optional(),
}) satisfies z.ZodType<EndpointSlice>;

const peer = z.object({
  podSelector: labelSelector.optional(),
  namespaceSelector: labelSelector.optional(),
  ipBlock: z.object({ cidr: str, except: z.array(str).optional() }).optional(),
});
const policyPort = z.object({
  protocol: protocol.optional(),
  port: intOrString.optional(),
  endPort: int.optional(),
});

/** NetworkPolicy (networking.k8s.io/v1). */
export const networkPolicySchema = z.object({
  apiVersion: z.literal('networking.k8s.io/v1').default('networking.k8s.io/v1'),
  kind: z.literal('NetworkPolicy').default('NetworkPolicy'),
  metadata: objectMetaSchema,
  spec: z.object({
    podSelector: labelSelector.optional(),
    policyTypes: z.array(z.enum(['Ingress', 'Egress'])).optional(),
    ingress: z
      .array(z.object({ from: z.array(peer).optional(), ports: z.array(policyPort).optional() }))
      .optional(),
    egress: z
      .array(z.object({ to: z.array(peer).optional(), ports: z.array(policyPort).optional() }))
      .optional(),
  }),
}) satisfies z.ZodType<NetworkPolicy>;

/** The group/version each workload kind is served at today. */
/** Deployment, ReplicaSet, StatefulSet, DaemonSet, Job; apiVersion defaults by kind. */
export const workloadSchema = z
  .object({
    apiVersion: str.optional(),
    kind: z.enum(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']),
    metadata: objectMetaSchema,
    spec: z.object({
      replicas: int.optional(),
      parallelism: int.optional(),
      selector: labelSelector.optional(),
      serviceName: str.optional(),
      template: z.object({
        metadata: z
          .object({ labels: stringMap.optional(), annotations: stringMap.optional() })
          .optional(),
        spec: podSpec,
      }),
    }),
  })
  .transform((w) => ({
    ...w,
    apiVersion: w.apiVersion ?? WORKLOAD_API_VERSION[w.kind],
  })) satisfies z.ZodType<Workload>;

/** Any other object: kept verbatim (unknown fields included). */
export const otherObjectSchema = z.looseObject({
  apiVersion: str.optional(),
  kind: z.string().min(1),
  metadata: objectMetaSchema.loose().optional(),
}) satisfies z.ZodType<OtherObject>;
