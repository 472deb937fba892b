/**
 * Removing what a server fills in and the explorer does not model (managedFields, resourceVersion,
 * uid, creationTimestamp, …) and JSON nulls, which Kubernetes reads as "not set".
 */
import { isJsonObject, type Json } from './types';

/** metadata fields the API server writes; never part of what a user declares. */
const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];
/** Annotations written by tools, not by the user. */
const TOOL_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
];

/** A copy without null-valued keys, at any depth ("field: null" means unset to Kubernetes). */
export function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isJsonObject(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
  return out;
}

/** A copy of an object without nulls and without server-populated metadata. */
export function cleanObject(obj: Json): Json {
  const out = withoutNulls(obj) as Json;
  if (!isJsonObject(out.metadata)) return out;
  const meta: Json = { ...out.metadata };
  for (const k of SERVER_METADATA) delete meta[k];
  if (isJsonObject(meta.annotations)) {
    const annotations: Json = { ...meta.annotations };
    const before = Object.keys(annotations).length;
    for (const k of TOOL_ANNOTATIONS) delete annotations[k];
    const after = Object.keys(annotations).length;
    if (after > 0 || after === before) meta.annotations = annotations;
    else delete meta.annotations;
  }
  return { ...out, metadata: meta };
}
