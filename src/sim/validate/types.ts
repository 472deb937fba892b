/**
 * Diagnostics: what `validate` reports and `k8snet validate --json` prints (DESIGN.md §5).
 * Plus the small vocabulary every check shares: object refs and the ranges of the address plan.
 */
import type { Cidr } from '../addr/cidr';
import type { Cluster } from '../derive/types';
import type { Scenario } from '../model/scenario';

/** `error`: Kubernetes rejects it or traffic breaks; `warning`: suspicious or ignored. */
export type Severity = 'error' | 'warning';

/** Every code `validate` emits. The CLI prints them verbatim; add codes, never rename. */
export type DiagnosticCode =
  | 'cidr-invalid'
  | 'cidr-host-bits'
  | 'cidr-family'
  | 'cidr-overlap'
  | 'podcidr-outside-cluster'
  | 'mask-size'
  | 'capacity'
  | 'service-range-too-large'
  | 'ip-invalid'
  | 'ip-outside-range'
  | 'ip-duplicate'
  | 'nodeport-range'
  | 'nodeport-duplicate'
  | 'port-conflict'
  | 'reference-missing'
  | 'unsupported-kind'
  | 'name-invalid'
  | 'netpol-invalid'
  | 'clustercidr-mismatch'
  | 'cross-subnet-routes'
  | 'nft-localhost-nodeports'
  | 'nft-nodeport-addresses'
  | 'traffic-distribution'
  | 'topology-hints';

/** One finding, in the shape `k8snet validate --json` prints (plus `field` for the UI). */
export interface Diagnostic {
  severity: Severity;
  code: string;
  /** One or two sentences naming the field, the value and the fix. */
  message: string;
  /** The CIDRs involved, as written (a single address as /32 or /128). */
  ranges: string[];
  /** Refs like "node/node-1", "pod/shop/cart", "svc/default/web". */
  objects: string[];
  /** Path of the input the message belongs under, e.g. "nodes[0].spec.podCIDR". */
  field?: string;
}

/** The optional parts of a diagnostic. */
export interface DiagnosticInit {
  readonly ranges?: readonly string[];
  readonly objects?: readonly string[];
  readonly field?: string | undefined;
}

/** Builds a diagnostic; `field` is left out when unknown (exactOptionalPropertyTypes). */
export function diagnostic(
  severity: Severity,
  code: DiagnosticCode,
  message: string,
  init: DiagnosticInit = {},
): Diagnostic {
  return {
    severity,
    code,
    message,
    ranges: [...(init.ranges ?? [])],
    objects: [...(init.objects ?? [])],
    ...(init.field !== undefined ? { field: init.field } : {}),
  };
}

/** "node/NAME" */
export const nodeRef = (name: string): string => `node/${name}`;
/** "pod/NS/NAME" from a "NS/NAME" key */
export const podRef = (key: string): string => `pod/${key}`;
/** "svc/NS/NAME" from a "NS/NAME" key */
export const svcRef = (key: string): string => `svc/${key}`;

/** One block of the address plan: a settings value, a node's pod range or a single address. */
export interface PlanRange {
  /** "Pod CIDR", "Service CIDR", "Node network", "Node node-1's pod range", … */
  readonly label: string;
  /** As written (trimmed); single addresses as "a.b.c.d/32". */
  readonly text: string;
  /** Host bits cleared: what Kubernetes uses. */
  readonly net: Cidr;
  readonly field?: string;
  readonly objects: readonly string[];
}

/** The valid settings ranges, at most one per family (extra entries are reported, then ignored). */
export interface Plan {
  readonly pod: readonly PlanRange[];
  readonly svc: readonly PlanRange[];
  readonly node: readonly PlanRange[];
}

/** What every check reads. */
export interface ValidateContext {
  readonly scenario: Scenario;
  readonly cluster: Cluster;
  readonly plan: Plan;
}

/** "a", "a and b", "a, b and c", "a, b, c and 2 more". */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > max) {
    return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  }
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** "1 pod", "2 pods". */
export const plural = (n: number | bigint | string, word: string, many = `${word}s`): string =>
  `${n} ${String(n) === '1' ? word : many}`;
