/**
 * Scenario migrations: an ordered list of `up` steps, each taking a document of version `from`
 * to version `from + 1` (tldraw's migration sequences, HOUSE_STYLE §7). When the document shape
 * changes, bump SCENARIO_VERSION in
 * `src/sim/model/scenario.ts`, add `vN.ts` here with its step, append it to MIGRATIONS, and add a
 * test that restores a frozen fixture of the old version.
 */
import { SCENARIO_VERSION, err, ok, type Result } from '@/sim';

import { v1 } from './v1';

/** A JSON document as read, before validation. */
export type Doc = Record<string, unknown>;

export interface Migration {
  /** The version this step reads; it writes `from + 1`. */
  readonly from: number;
  /** What changed, for the restore warnings ("v1 → v2: …"). */
  readonly description: string;
  readonly up: (doc: Doc) => Doc;
}

/** Every migration, in version order. */
export const MIGRATIONS: readonly Migration[] = [v1];

/** The oldest version a document may have. */
export const FIRST_VERSION = 1;

export interface Migrated {
  readonly doc: Doc;
  /** One line per step applied, e.g. "migrated v1 → v2: renamed cluster.cidr to podSubnet". */
  readonly applied: readonly string[];
}

/**
 * Brings `doc` (whose `version` is `from`) up to `current` by applying each step in order.
 * Never throws: a step that throws, a gap in the list or a version newer than `current` is an error.
 */
export function migrate(
  doc: Doc,
  from: number,
  migrations: readonly Migration[] = MIGRATIONS,
  current: number = SCENARIO_VERSION,
): Result<Migrated, string> {
  if (!Number.isInteger(from) || from < FIRST_VERSION)
    return err(
      `version: ${JSON.stringify(from)} is not a scenario version — versions start at ${FIRST_VERSION}`,
    );
  if (from > current)
    return err(
      `this scenario was made by a newer version (v${from}); this app reads up to v${current} — open it in the newer app, or export it there as Kubernetes YAML`,
    );
  let out: Doc = doc;
  const applied: string[] = [];
  for (let v = from; v < current; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return err(`cannot upgrade a v${v} scenario: no migration from v${v} to v${v + 1}`);
    try {
      out = { ...step.up(out), version: v + 1 };
    } catch (e) {
      return err(
        `migrating v${v} → v${v + 1} failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    applied.push(`migrated v${v} → v${v + 1}: ${step.description}`);
  }
  return ok({ doc: out, applied });
}
