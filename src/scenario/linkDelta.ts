/**
 * Share-link deltas against a frozen base scenario (linkBase.ts): a section equal to the base's
 * is left out, and a list element equal to one of the base list's elements is written as that
 * element's index. The default scenario then needs a few bytes instead of a kilobyte, and a
 * small edit of it stays small.
 */
import { err, ok, type Result } from '@/sim';

import { LINK_BASE_CURRENT, LINK_BASES } from './linkBase';

type Json = Record<string, unknown>;

/** The key of a compact document that names its base. */
export const BASE_KEY = '$base';

const LISTS = [
  'namespaces',
  'nodes',
  'pods',
  'workloads',
  'services',
  'endpointSlices',
  'networkPolicies',
  'others',
] as const;
/** What an absent section means without a base: restore fills these. */
const EMPTY: Readonly<Record<string, unknown>> = { meta: undefined, cluster: {}, layout: {} };

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * `full` (a compact document) as a delta against the current base; `full` itself when the delta
 * is not shorter. `meta` is needed to spell out a default meta the base overrides.
 */
export function deltaAgainstBase(full: Json, meta: unknown): Json {
  const base = LINK_BASES[LINK_BASE_CURRENT];
  if (!base) return full;
  const out: Json = { [BASE_KEY]: LINK_BASE_CURRENT };
  for (const key of ['meta', 'cluster', 'layout']) {
    const mine = full[key] ?? (key === 'meta' ? meta : EMPTY[key]);
    const theirs = base[key] ?? (key === 'meta' ? undefined : EMPTY[key]);
    if (canonicalJson(mine) !== canonicalJson(theirs)) out[key] = mine;
  }
  for (const key of LISTS) {
    const mine = (full[key] as unknown[] | undefined) ?? [];
    const theirs = (base[key] as unknown[] | undefined) ?? [];
    const index = new Map(theirs.map((o, i) => [canonicalJson(o), i]));
    if (canonicalJson(mine) === canonicalJson(theirs)) continue;
    out[key] = mine.map((o) => index.get(canonicalJson(o)) ?? o);
  }
  return JSON.stringify(out).length < JSON.stringify(full).length ? out : full;
}

/** A compact document with its base applied (no base: the document itself). */
export function applyBase(doc: Json): Result<Json, string> {
  if (!(BASE_KEY in doc)) return ok(doc);
  const id = doc[BASE_KEY];
  const base = typeof id === 'number' ? LINK_BASES[id] : undefined;
  if (!base)
    return err(
      `the link builds on base scenario ${JSON.stringify(id)}, which this app does not know — it was probably made by a newer version`,
    );
  const out: Json = {};
  for (const [k, v] of Object.entries(doc)) if (k !== BASE_KEY) out[k] = v;
  for (const key of ['meta', 'cluster', 'layout'])
    if (!(key in out) && base[key] !== undefined) out[key] = base[key];
  for (const key of LISTS) {
    const theirs = (base[key] as unknown[] | undefined) ?? [];
    const mine = out[key];
    if (mine === undefined) {
      if (theirs.length > 0) out[key] = theirs;
      continue;
    }
    if (!Array.isArray(mine)) continue; // restore reports the wrong type
    const resolved: unknown[] = [];
    for (const o of mine) {
      if (typeof o !== 'number') resolved.push(o);
      else if (Number.isInteger(o) && o >= 0 && o < theirs.length) resolved.push(theirs[o]);
      else return err(`the link refers to ${key}[${o}] of its base, which does not exist — the link is corrupted`);
    }
    out[key] = resolved;
  }
  return ok(out);
}
