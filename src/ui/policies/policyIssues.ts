/**
 * Plain-language messages for a NetworkPolicy that does not fit the document schema (zod issues
 * from `networkPolicySchema`) and for spec fields the schema would silently drop. Each message
 * starts with the field path, e.g. "spec.ingress[0].from must be a list of peers…".
 */
import { formatFieldPath, type FieldPath } from '@/sim';

/** The parts of a zod issue this file reads (zod v4 `$ZodIssue`). */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: unknown;
  readonly values?: readonly unknown[];
}

type Obj = Readonly<Record<string, unknown>>;
export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The issue's path, keeping only string and number keys. */
export const issuePath = (issue: SchemaIssue): FieldPath =>
  issue.path.filter((k): k is string | number => typeof k === 'string' || typeof k === 'number');

/** The value at `path` in a parsed YAML value; undefined when the path leads nowhere. */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let v = root;
  for (const k of path) {
    if (Array.isArray(v) && typeof k === 'number') v = v[k];
    else if (isObj(v) && typeof k === 'string') v = v[k];
    else return undefined;
  }
  return v;
}

const SELECTORS = ['podSelector', 'namespaceSelector'];
const STRING_MAPS = ['matchLabels', 'labels', 'annotations'];

function listHint(key: unknown): string {
  if (key === 'from' || key === 'to')
    return 'must be a list of peers: start each peer with "- " (e.g. "- podSelector: {…}")';
  if (key === 'ports') return 'must be a list of ports: write "- port: 80" (one "- " per port)';
  return 'must be a list: start each entry with "- "';
}

function typeHint(expected: unknown, path: FieldPath, value: unknown): string {
  const key = path.at(-1);
  const parent = path.at(-2);
  if (value === undefined) return 'is required';
  switch (expected) {
    case 'array':
      return listHint(key);
    case 'object':
      if (typeof key === 'string' && SELECTORS.includes(key))
        return 'must be a label selector map such as {matchLabels: {app: web}}, not a string like "app=web"';
      return 'must be a map of fields (key: value lines)';
    case 'string':
      if (typeof parent === 'string' && STRING_MAPS.includes(parent))
        return `must be a string: label values are text, so quote it ("${String(value)}")`;
      return 'must be a string';
    case 'number':
    case 'int':
      return 'must be a whole number';
    case 'boolean':
      return 'must be true or false';
    default:
      return `must be ${String(expected)}`;
  }
}

/** One line naming the field and what it must be, for a schema issue on the parsed YAML `root`. */
export function issueMessage(issue: SchemaIssue, root: unknown): string {
  const path = issuePath(issue);
  const where = formatFieldPath(path) || 'The document';
  const value = valueAt(root, path);
  switch (issue.code) {
    case 'invalid_type':
      return `${where} ${typeHint(issue.expected, path, value)}`;
    case 'invalid_value':
      return `${where} must be one of ${(issue.values ?? []).map(String).join(', ')} (spelled exactly; got ${JSON.stringify(value)})`;
    case 'invalid_union':
      return path.at(-1) === 'port'
        ? `${where} must be a port number (1–65535) or a port name such as http`
        : `${where} has the wrong type`;
    case 'too_small':
      return `${where} must not be empty`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/**
 * Fields under `spec` that the schema dropped (typos such as `ingres:` or `podselector:`): the API
 * server rejects unknown fields, and saving without them would change what the policy does.
 */
export function unknownFields(input: unknown, output: unknown, path: FieldPath): FieldPath[] {
  if (Array.isArray(input) && Array.isArray(output))
    return input.flatMap((v, i) => unknownFields(v, output[i], [...path, i]));
  if (!isObj(input) || !isObj(output)) return [];
  return Object.keys(input).flatMap((k) =>
    k in output ? unknownFields(input[k], output[k], [...path, k]) : [[...path, k]],
  );
}
