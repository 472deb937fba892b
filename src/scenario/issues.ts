/**
 * Turns zod issues into messages a user can act on: the field path as they wrote it
 * (`nodes[1].metadata.name`), what is wrong, and how to fix it.
 */
import type { z } from 'zod';

export type PathSegment = PropertyKey;

/** `nodes[1].metadata.labels["app.kubernetes.io/name"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = String(seg);
      if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** The word for one element of each scenario list, for "every node needs a name". */
const NOUNS: Readonly<Record<string, string>> = {
  namespaces: 'Namespace',
  nodes: 'node',
  pods: 'pod',
  workloads: 'workload',
  services: 'Service',
  endpointSlices: 'EndpointSlice',
  networkPolicies: 'NetworkPolicy',
  others: 'object',
};

const FIX_FOR_MISSING: Readonly<Record<string, string>> = {
  containers: 'a pod needs spec.containers (a list, which may be empty)',
  containerPort: 'every container port needs a containerPort number',
  port: 'every port entry needs a port number',
  addresses: 'every endpoint needs a list of addresses',
  addressType: 'an EndpointSlice needs addressType IPv4, IPv6 or FQDN',
  template: 'a workload needs spec.template with the pod spec it creates',
  spec: 'add the spec section',
  metadata: 'add metadata with a name',
  kind: 'every object needs a kind',
  key: 'every selector expression needs a key',
  cidr: 'an ipBlock needs a cidr',
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}

function missing(path: readonly PathSegment[], noun: string): string {
  const last = String(path[path.length - 1] ?? '');
  if (last === 'name' && path.includes('metadata')) return `required — every ${noun} needs a name`;
  if (last === 'name') return 'required — give it a name';
  return `required — ${FIX_FOR_MISSING[last] ?? 'add this field'}`;
}

function wrongType(expected: string, input: unknown): string {
  const got = describe(input);
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean'))
    return `expected a string, got ${got} — quote it in YAML ("${String(input)}")`;
  if (expected === 'number' && typeof input === 'string')
    return `expected a number, got ${got} — write it without quotes`;
  if (expected === 'array') return `expected a list, got ${got}`;
  if (expected === 'object') return `expected a mapping (key: value), got ${got}`;
  if (expected === 'int') return `expected a whole number, got ${got}`;
  return `expected ${expected}, got ${got}`;
}

/** One issue as `path: problem — fix`. `noun` names the object for "every X needs a name". */
export function issueMessage(issue: z.core.$ZodIssue, prefix: readonly PathSegment[] = []): string {
  const path = [...prefix, ...issue.path];
  const top = typeof path[0] === 'string' ? path[0] : '';
  const noun = NOUNS[top] ?? 'object';
  const where = formatPath(path) || '(document)';
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `${where}: ${missing(path, noun)}`;
      return `${where}: ${wrongType(issue.expected, input)}`;
    case 'invalid_value':
      return `${where}: must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describe(input)}`;
    case 'invalid_union':
      return `${where}: expected a number or a name, got ${describe(input)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `${where}: must not be empty`
        : `${where}: must be at least ${String(issue.minimum)}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** The first few issues, joined; the count of the rest. */
export function issuesMessage(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PathSegment[] = [],
  max = 3,
): string {
  const shown = issues.slice(0, max).map((i) => issueMessage(i, prefix));
  const rest = issues.length - shown.length;
  return rest > 0 ? `${shown.join('; ')} (and ${rest} more)` : shown.join('; ');
}
