import { describe, expect, it } from 'vitest';

import { deriveCluster, podBirth, trace } from '@/sim';

import { QUIZ } from './quiz';
import type { Evidence, QuizQuestion } from './quizTypes';

function evidence(q: QuizQuestion): Evidence {
  const cluster = deriveCluster(q.proof.scenario);
  if (q.proof.kind === 'birth') return { cluster, birth: podBirth(cluster, q.proof.pod)! };
  return { cluster, trace: trace(cluster, q.proof.walk) };
}

describe('the misconception quiz', () => {
  it('has at least 20 questions, each with a unique id and a valid answer', () => {
    expect(QUIZ.length).toBeGreaterThanOrEqual(20);
    expect(new Set(QUIZ.map((q) => q.id)).size).toBe(QUIZ.length);
    for (const q of QUIZ) {
      expect(q.answer).toBeGreaterThanOrEqual(0);
      expect(q.answer).toBeLessThan(q.choices.length);
      expect(q.truth.length).toBeGreaterThan(40);
    }
  });

  it.each(QUIZ.map((q) => [q.id, q] as const))('%s: the proof shows it', (_, q) => {
    const e = evidence(q);
    expect(q.holds(e)).toBe(true);
    if (q.proof.kind === 'walk' && q.proof.hop) {
      const { kind, direction, nth = 0 } = q.proof.hop;
      const at = e.trace!.hops.filter(
        (h) => h.kind === kind && (!direction || h.direction === direction),
      );
      expect(at[nth], `a ${kind} hop to open the walk at`).toBeDefined();
    }
    if (q.proof.kind === 'birth') {
      const stepId = q.proof.step;
      expect(e.birth!.steps.some((s) => s.id === stepId)).toBe(true);
    }
  });

  it('a proof fails on the wrong evidence (the checks are not vacuous)', () => {
    const sameNode = QUIZ.find((q) => q.id === 'same-node-routed')!;
    const across = QUIZ.find((q) => q.id === 'cross-node-nat')!;
    // The cross-node walk is routed (TTL drops): it does not prove the same-node claim.
    expect(sameNode.holds(evidence(across))).toBe(false);
    const local = QUIZ.find((q) => q.id === 'local-every-node')!;
    expect(local.holds(evidence(QUIZ.find((q) => q.id === 'nodeport-local-pod')!))).toBe(false);
  });
});
