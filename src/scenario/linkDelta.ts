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

interface BaseList {
  readonly length: number;
  /** Elements by metadata.name, with their canonical JSON: only a same-named element can match. */
  readonly byName: ReadonlyMap<
    string,
    readonly { readonly index: number; readonly json: string }[]
  >;
}

const baseLists = new Map<string, BaseList>();

const nameOf = (o: unknown): string | undefined => {
  const meta = (o as { metadata?: { name?: unknown } } | null)?.metadata;
  return typeof meta?.name === 'string' ? meta.name : undefined;
};

function baseList(id: number, key: string, list: readonly unknown[]): BaseList {
  const memoKey = `${id}/${key}`;
  const hit = baseLists.get(memoKey);
  if (hit) return hit;
  const byName = new Map<string, { index: number; json: string }[]>();
  list.forEach((o, index) => {
    const name = nameOf(o);
    if (name !== undefined)
      byName.set(name, [...(byName.get(name) ?? []), { index, json: canonicalJson(o) }]);
  });
  const made = { length: list.length, byName };
  baseLists.set(memoKey, made);
  return made;
}

/** Equal as JSON values, whatever the key order (cheap checks first: layouts can be large). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.keys(a).length !== Object.keys(b).length) return false;
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * `full` (a compact document) as a delta against the current base; `full` itself when the delta
 * is not shorter. `meta` is needed to spell out a default meta the base overrides.
 */
export function deltaAgainstBase(full: Json, meta: unknown): Json {
  const base = LINK_BASES[LINK_BASE_CURRENT];
  if (!base) return full;
  const out: Json = { [BASE_KEY]: LINK_BASE_CURRENT };
  let reused = 0;
  for (const key of ['meta', 'cluster', 'layout']) {
    const mine = full[key] ?? (key === 'meta' ? meta : EMPTY[key]);
    const theirs = base[key] ?? (key === 'meta' ? undefined : EMPTY[key]);
    if (!sameJson(mine, theirs)) out[key] = mine;
    else if (base[key] !== undefined) reused++;
  }
  for (const key of LISTS) {
    const mine = (full[key] as unknown[] | undefined) ?? [];
    const theirs = baseList(LINK_BASE_CURRENT, key, (base[key] as unknown[] | undefined) ?? []);
    const refs = mine.map((o) => {
      const candidates = theirs.byName.get(nameOf(o) ?? '');
      if (!candidates) return o;
      const json = canonicalJson(o);
      return candidates.find((c) => c.json === json)?.index ?? o;
    });
    const hits = refs.filter((r) => typeof r === 'number').length;
    reused += hits;
    if (hits === theirs.length && refs.length === theirs.length && refs.every((r, i) => r === i))
      continue;
    out[key] = refs;
  }
  if (reused === 0) return full;
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
      else
        return err(
          `the link refers to ${key}[${o}] of its base, which does not exist — the link is corrupted`,
        );
    }
    out[key] = resolved;
  }
  return ok(out);
}
