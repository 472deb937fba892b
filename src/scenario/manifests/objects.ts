/**
 * One Kubernetes object of the input → a model object (Namespace, Node, Pod, Service,
 * EndpointSlice, NetworkPolicy, a workload) or an `others` entry kept verbatim. Fields the model
 * does not have are dropped; values the model has are kept exactly as given.
 */
import { err, ok, type OtherObject, type Result } from '@/sim';
import type { z } from 'zod';

import { issueMessage } from '../issues';
import {
  endpointSliceSchema,
  namespaceSchema,
  networkPolicySchema,
  nodeSchema,
  otherObjectSchema,
  podSchema,
  serviceSchema,
  WORKLOAD_API_VERSION,
  workloadSchema,
} from '../k8sSchema';

import { cleanObject } from './clean';
import { errorAt, isJsonObject, type ImportError, type Json, type SourceObject } from './types';

export type Bucket =
  | 'namespaces'
  | 'nodes'
  | 'pods'
  | 'workloads'
  | 'services'
  | 'endpointSlices'
  | 'networkPolicies'
  | 'others';

interface KindSpec {
  readonly bucket: Exclude<Bucket, 'others'>;
  /** API groups serving this kind ('' = core); other groups' kinds of that name are "others". */
  readonly groups: readonly string[];
  readonly schema: z.ZodType;
  /** The only apiVersion the model has for this kind (older ones are read as this one). */
  readonly apiVersion?: string;
}

const KINDS: Readonly<Record<string, KindSpec>> = {
  Namespace: { bucket: 'namespaces', groups: [''], schema: namespaceSchema, apiVersion: 'v1' },
  Node: { bucket: 'nodes', groups: [''], schema: nodeSchema, apiVersion: 'v1' },
  Pod: { bucket: 'pods', groups: [''], schema: podSchema, apiVersion: 'v1' },
  Service: { bucket: 'services', groups: [''], schema: serviceSchema, apiVersion: 'v1' },
  EndpointSlice: {
    bucket: 'endpointSlices',
    groups: ['discovery.k8s.io'],
    schema: endpointSliceSchema,
    apiVersion: 'discovery.k8s.io/v1',
  },
  NetworkPolicy: {
    bucket: 'networkPolicies',
    groups: ['networking.k8s.io', 'extensions'],
    schema: networkPolicySchema,
    apiVersion: 'networking.k8s.io/v1',
  },
  Deployment: { bucket: 'workloads', groups: ['apps', 'extensions'], schema: workloadSchema },
  ReplicaSet: { bucket: 'workloads', groups: ['apps', 'extensions'], schema: workloadSchema },
  StatefulSet: { bucket: 'workloads', groups: ['apps'], schema: workloadSchema },
  DaemonSet: { bucket: 'workloads', groups: ['apps', 'extensions'], schema: workloadSchema },
  Job: { bucket: 'workloads', groups: ['batch'], schema: workloadSchema },
};

/** Kinds without a namespace, named without one in messages. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'PriorityClass',
  'RuntimeClass',
  'APIService',
  'CSIDriver',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);

export interface Converted {
  readonly bucket: Bucket;
  readonly value: Json;
  /** The object as given, cleaned (a workload moved to `others` is kept in this form). */
  readonly raw: Json;
  /** "Service default/frontend", for messages and duplicate detection. */
  readonly label: string;
}

/** "Deployment default/frontend", "ClusterRole admin" (cluster-scoped), "InitConfiguration". */
export function objectLabel(kind: string, metadata: unknown): string {
  const meta = isJsonObject(metadata) ? metadata : {};
  if (typeof meta.name !== 'string') return kind; // configuration documents have no name
  const name = meta.name;
  if (CLUSTER_SCOPED.has(kind)) return `${kind} ${name}`;
  const ns =
    typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default';
  return `${kind} ${ns}/${name}`;
}

const groupOf = (apiVersion: string): string =>
  apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';

/** The model object for a Kubernetes object that has a kind and a name. */
export function convertObject(
  src: SourceObject,
  warnings: string[],
): Result<Converted, ImportError> {
  const raw = cleanObject(src.value);
  const kind = String(raw.kind);
  const label = objectLabel(kind, raw.metadata);
  const apiVersion = typeof raw.apiVersion === 'string' ? raw.apiVersion : undefined;
  const spec = KINDS[kind];
  if (!spec || (apiVersion !== undefined && !spec.groups.includes(groupOf(apiVersion)))) {
    const other = otherObjectSchema.safeParse(raw, { reportInput: true });
    if (!other.success) {
      const issue = other.error.issues[0];
      return err(
        errorAt(src, issue?.path ?? [], `${label}: ${issue ? issueMessage(issue) : 'invalid'}`),
      );
    }
    warnings.push(`${label} is not modelled; kept for export`);
    return ok({ bucket: 'others', value: other.data as OtherObject, raw, label });
  }
  const fixed = spec.apiVersion ?? WORKLOAD_API_VERSION[kind as keyof typeof WORKLOAD_API_VERSION];
  let input = raw;
  if (apiVersion === undefined) {
    warnings.push(`${label} has no apiVersion; read as ${fixed}`);
    input = { ...raw, apiVersion: fixed };
  } else if (spec.apiVersion !== undefined && apiVersion !== spec.apiVersion) {
    warnings.push(`${label}: apiVersion ${apiVersion} is read as ${spec.apiVersion}`);
    input = { ...raw, apiVersion: spec.apiVersion };
  }
  const parsed = spec.schema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(
      errorAt(src, issue?.path ?? [], `${label}: ${issue ? issueMessage(issue) : 'invalid'}`),
    );
  }
  return ok({ bucket: spec.bucket, value: parsed.data as Json, raw, label });
}
