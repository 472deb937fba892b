/**
 * The misconception quiz (issue 14; reference/learning.md §3): a short question per common wrong
 * belief about Kubernetes networking, answered by opening the walk (or the pod-birth player) that
 * proves it. `holds` states what the evidence must show; a unit test runs every proof through the
 * simulator, so an answer can never drift from what the explorer computes.
 */
import type { Cluster, Hop, PodBirth, Scenario, Trace } from '@/sim';

import type { LessonWalk } from './types';

export type Proof =
  | {
      readonly kind: 'walk';
      readonly scenario: Scenario;
      readonly walk: LessonWalk;
      /** The hop to open the walk at (the n-th of this kind and direction). */
      readonly hop?: {
        readonly kind: Hop['kind'];
        readonly direction?: Hop['direction'];
        readonly nth?: number;
      };
    }
  | {
      readonly kind: 'birth';
      readonly scenario: Scenario;
      readonly pod: string;
      /** The step of the player to open at. */
      readonly step: string;
    };

export interface Evidence {
  readonly cluster: Cluster;
  readonly trace?: Trace;
  readonly birth?: PodBirth;
}

export interface QuizQuestion {
  readonly id: string;
  /** The row of reference/learning.md §3 it comes from. */
  readonly belief: number;
  readonly question: string;
  readonly choices: readonly string[];
  /** Index of the right choice. */
  readonly answer: number;
  /** What is true, in two sentences. */
  readonly truth: string;
  readonly proof: Proof;
  /** What the proof must show (checked by the unit tests against the simulator). */
  readonly holds: (e: Evidence) => boolean;
}
