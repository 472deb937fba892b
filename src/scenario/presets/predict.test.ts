/** Predict mode works on every preset's walk: every hop has a question whose right answer scores. */
import { describe, expect, it } from 'vitest';

import { deriveCluster, gradeAnswer, predictQuestion, trace } from '@/sim';

import { PRESETS } from './index';

describe.each(PRESETS.map((p) => [p.id, p] as const))('predict mode on %s', (_, p) => {
  it('asks about every hop after the first, and the right answers score every point', () => {
    const c = deriveCluster(p.scenario);
    const t = trace(c, p.walk);
    expect(t.hops.length).toBeGreaterThan(1);
    for (let i = 1; i < t.hops.length; i++) {
      const q = predictQuestion(c, t, i)!;
      expect(q.where.map((w) => w.value)).toContain(q.answerWhere);
      const g = gradeAnswer(q, {
        where: q.answerWhere,
        change: q.change?.answer,
        mechanism: q.mechanism?.answer,
      });
      expect(g.points).toBe(g.possible);
      expect(gradeAnswer(q, {}).points).toBe(0);
    }
  });
});
