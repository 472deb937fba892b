/**
 * Reading a scenario document from anywhere (a file, local storage, a share link): migrate,
 * validate, fill defaults (excalidraw's restore, HOUSE_STYLE §7). It never throws; a document it
 * cannot use comes back as one message naming the field and the fix.
 */
import { SCENARIO_VERSION, err, ok, type Result, type Scenario } from '@/sim';

import { issuesMessage } from './issues';
import { migrate, type Doc } from './migrations/index';
import { SCENARIO_KEYS, scenarioSchema } from './schema';

export interface Restored {
  readonly scenario: Scenario;
  /** What was repaired or ignored on the way (unknown fields, bad layout entries, migrations). */
  readonly warnings: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'string' ? 'text' : typeof v;
}

function readVersion(doc: Doc, warnings: string[]): Result<number, string> {
  const v = doc.version;
  if (v === undefined) {
    warnings.push(`the document has no version field; read as v${SCENARIO_VERSION}`);
    return ok(SCENARIO_VERSION);
  }
  if (typeof v === 'number' && Number.isInteger(v)) return ok(v);
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return ok(Number(v.trim()));
  return err(
    `version: expected a whole number such as ${SCENARIO_VERSION}, got ${JSON.stringify(v)}`,
  );
}

/** Drops layout entries that are not `{ x: number, y: number }` (positions are cosmetic). */
function cleanLayout(doc: Doc, warnings: string[]): Doc {
  const layout = doc.layout;
  if (layout === undefined) return doc;
  if (!isRecord(layout)) {
    warnings.push('layout: not a mapping of element positions; ignored');
    return { ...doc, layout: {} };
  }
  const kept: Record<string, unknown> = {};
  let dropped = 0;
  for (const [id, pos] of Object.entries(layout)) {
    if (isRecord(pos) && Number.isFinite(pos.x) && Number.isFinite(pos.y))
      kept[id] = { x: pos.x, y: pos.y };
    else dropped++;
  }
  if (dropped > 0) warnings.push(`layout: ignored ${dropped} position(s) without numeric x and y`);
  return { ...doc, layout: kept };
}

function restoreDoc(input: unknown): Result<Restored, string> {
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return err('the scenario is not valid JSON');
    }
  }
  if (!isRecord(value))
    return err(
      `expected a scenario object ({ "version": ${SCENARIO_VERSION}, "cluster": …, "nodes": […] }), got ${kindOf(value)}`,
    );
  const warnings: string[] = [];
  const version = readVersion(value, warnings);
  if (!version.ok) return version;
  const migrated = migrate({ ...value, version: version.value }, version.value);
  if (!migrated.ok) return migrated;
  warnings.push(...migrated.value.applied);
  let doc = migrated.value.doc;
  const unknown = Object.keys(doc).filter((k) => !(SCENARIO_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0)
    warnings.push(
      `ignored unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`,
    );
  if (isRecord(doc.meta) && doc.meta.name === undefined)
    doc = { ...doc, meta: { ...doc.meta, name: 'Untitled cluster' } };
  doc = cleanLayout(doc, warnings);
  const parsed = scenarioSchema.safeParse(doc, { reportInput: true });
  if (!parsed.success) return err(issuesMessage(parsed.error.issues));
  return ok({ scenario: parsed.data as Scenario, warnings });
}

/**
 * Migrates, validates and fills defaults of a scenario document (an object or its JSON text).
 * Never throws: errors name the field path and the fix, e.g.
 * `nodes[1].metadata.name: required — every node needs a name`.
 */
export function restore(input: unknown): Result<Restored, string> {
  try {
    return restoreDoc(input);
  } catch (e) {
    // Only a bug can get here (zod and the migrations do not throw on content).
    return err(`could not read the scenario: ${e instanceof Error ? e.message : String(e)}`);
  }
}
