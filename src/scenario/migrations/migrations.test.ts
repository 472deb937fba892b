import { SCENARIO_VERSION } from '@/sim';
import { describe, expect, it } from 'vitest';

import { MIGRATIONS, migrate, type Migration } from './index';

/** A made-up history: v1 had `cluster.cidr`, v2 renamed it `podSubnet`, v3 added `layout`. */
const HISTORY: Migration[] = [
  {
    from: 1,
    description: 'renamed cluster.cidr to cluster.podSubnet',
    up: (doc) => {
      const { cidr, ...cluster } = doc.cluster as Record<string, unknown>;
      return { ...doc, cluster: { ...cluster, podSubnet: cidr } };
    },
  },
  { from: 2, description: 'added layout', up: (doc) => ({ ...doc, layout: doc.layout ?? {} }) },
];

describe('migrations', () => {
  it('has one step per version up to the current one, in order', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(
      Array.from({ length: SCENARIO_VERSION - 1 }, (_, i) => i + 1),
    );
  });

  it('is a no-op for a current document', () => {
    const doc = { version: SCENARIO_VERSION, meta: { name: 'x' } };
    const r = migrate(doc, SCENARIO_VERSION);
    expect(r).toEqual({ ok: true, value: { doc, applied: [] } });
  });

  it('applies every step in order and stamps each version', () => {
    const r = migrate({ version: 1, cluster: { cidr: '10.0.0.0/16' } }, 1, HISTORY, 3);
    expect(r).toEqual({
      ok: true,
      value: {
        doc: { version: 3, cluster: { podSubnet: '10.0.0.0/16' }, layout: {} },
        applied: [
          'migrated v1 → v2: renamed cluster.cidr to cluster.podSubnet',
          'migrated v2 → v3: added layout',
        ],
      },
    });
  });

  it('starts from the document version', () => {
    const r = migrate({ version: 2, cluster: {} }, 2, HISTORY, 3);
    expect(r.ok && r.value.applied).toEqual(['migrated v2 → v3: added layout']);
  });

  it('refuses a newer document, a gap, a bad version and a failing step without throwing', () => {
    expect(migrate({}, 4, HISTORY, 3)).toEqual({
      ok: false,
      error:
        'this scenario was made by a newer version (v4); this app reads up to v3 — open it in the newer app, or export it there as Kubernetes YAML',
    });
    expect(migrate({}, 1, HISTORY.slice(1), 3)).toEqual({
      ok: false,
      error: 'cannot upgrade a v1 scenario: no migration from v1 to v2',
    });
    expect(migrate({}, 0, HISTORY, 3).ok).toBe(false);
    expect(migrate({}, 1.5, HISTORY, 3).ok).toBe(false);
    const boom: Migration = {
      from: 1,
      description: 'x',
      up: () => {
        throw new Error('bad shape');
      },
    };
    expect(migrate({}, 1, [boom], 2)).toEqual({
      ok: false,
      error: 'migrating v1 → v2 failed: bad shape',
    });
  });
});
