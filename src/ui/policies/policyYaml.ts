/**
 * A NetworkPolicy from YAML text, with problems located on their line. Three passes, each over
 * data the previous one vouched for: YAML syntax; the document schema (`networkPolicySchema`, the
 * same one scenario restore uses, so a saved policy always restores); then what the API server's
 * validation rejects (`checkPolicySpec`, shared with `validate`). Never throws.
 */
import { Document, isMap, isScalar, LineCounter, parseDocument, stringify } from 'yaml';

import { networkPolicySchema } from '@/scenario';
import { checkPolicySpec, formatFieldPath, type FieldPath, type NetworkPolicy } from '@/sim';

import { isObj, issueMessage, issuePath, unknownFields, type SchemaIssue } from './policyIssues';

export interface YamlProblem {
  readonly line: number;
  readonly message: string;
  readonly from: number;
  readonly to: number;
}

export type PolicyParse =
  | { readonly ok: true; readonly policy: NetworkPolicy }
  | { readonly ok: false; readonly problems: readonly YamlProblem[] };

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Collects problems, each placed on the YAML node at its path (or its nearest ancestor). */
function problemList(doc: Document, lc: LineCounter, text: string) {
  const problems: YamlProblem[] = [];
  const reported: FieldPath[] = [];
  /** The mark runs to the end of the node or of its first line, whichever comes first. */
  const push = (from: number, to: number, message: string): void => {
    const eol = text.indexOf('\n', from);
    const end = Math.max(from + 1, Math.min(to, eol === -1 ? text.length : eol));
    problems.push({ line: lc.linePos(from).line, message, from, to: end });
  };
  /** `onKey`: mark the key of the last path step (a field that should not be there). */
  const at = (path: FieldPath, message: string, onKey = false): void => {
    reported.push(path);
    const parent = doc.getIn(path.slice(0, -1), true);
    const pair =
      onKey && isMap(parent)
        ? parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1))
        : undefined;
    const kr = isScalar(pair?.key) ? pair.key.range : undefined;
    if (kr) return push(kr[0], kr[1], message);
    for (let k = path.length; k >= 0; k--) {
      const node: unknown = k === 0 ? doc.contents : doc.getIn(path.slice(0, k), true);
      const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (r) return push(r[0], r[1], message);
    }
    push(0, text.length, message);
  };
  /** True when `path` is, contains or lies inside a path already reported. */
  const covered = (path: FieldPath): boolean =>
    reported.some((p) => p.slice(0, path.length).every((k, i) => k === path[i]));
  return { problems, at, push, covered };
}

/** kind, apiVersion and metadata: checked first, with messages that say what to write. */
function checkHeader(
  obj: Readonly<Record<string, unknown>>,
  at: (p: FieldPath, m: string) => void,
) {
  if (obj.kind !== 'NetworkPolicy') at(['kind'], 'kind must be NetworkPolicy');
  if (obj.apiVersion !== undefined && obj.apiVersion !== 'networking.k8s.io/v1')
    at(['apiVersion'], 'apiVersion must be networking.k8s.io/v1');
  const meta = obj.metadata;
  if (!isObj(meta)) return at(['metadata'], 'metadata must be a map with name (and namespace)');
  if (typeof meta.name !== 'string' || !NAME.test(meta.name))
    at(['metadata', 'name'], 'metadata.name is required: lowercase letters, digits, "-" and "."');
  if (obj.spec === undefined || obj.spec === null)
    at(['spec'], 'spec is required (use podSelector: {} for every pod in the namespace)');
}

function parse(text: string, defaultNamespace: string): PolicyParse {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const { problems, at, push, covered } = problemList(doc, lc, text);
  for (const e of doc.errors) push(e.pos[0], e.pos[1], e.message.split('\n')[0] ?? e.message);
  if (problems.length) return { ok: false, problems };
  const obj: unknown = doc.toJS();
  if (!isObj(obj)) {
    push(0, text.length, 'Expected a NetworkPolicy object (kind: NetworkPolicy)');
    return { ok: false, problems };
  }
  checkHeader(obj, at);
  const parsed = networkPolicySchema.safeParse(obj);
  if (!parsed.success) {
    for (const issue of parsed.error.issues as readonly SchemaIssue[])
      if (!covered(issuePath(issue))) at(issuePath(issue), issueMessage(issue, obj));
    return { ok: false, problems };
  }
  for (const path of unknownFields(obj.spec, parsed.data.spec, ['spec']))
    at(path, `${formatFieldPath(path)} is not a NetworkPolicy field (check the spelling)`, true);
  for (const p of checkPolicySpec(parsed.data))
    at(p.path, `${formatFieldPath(p.path)}: ${p.message}`);
  if (problems.length) return { ok: false, problems };
  const { metadata, spec } = parsed.data;
  const policy: NetworkPolicy = {
    ...parsed.data,
    metadata: { ...metadata, namespace: metadata.namespace ?? defaultNamespace },
    spec: { podSelector: {}, ...spec },
  };
  return { ok: true, policy };
}

/**
 * Parses `text` as one NetworkPolicy; a missing namespace becomes `defaultNamespace`. A policy is
 * returned only when the schema and the API server's rules accept it; otherwise every problem
 * with its line. Never throws.
 */
export function parsePolicyYaml(text: string, defaultNamespace: string): PolicyParse {
  try {
    return parse(text, defaultNamespace);
  } catch (e) {
    const message = `Could not read this YAML: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, problems: [{ line: 1, message, from: 0, to: Math.max(1, text.length) }] };
  }
}

export function policyToYaml(p: NetworkPolicy): string {
  const doc = new Document(p);
  return stringify(doc.toJS(), { lineWidth: 0 });
}
