/**
 * Guided lessons (issue 14) are data: a scenario to start from and a list of steps, each with
 * narration, a goal in plain words, what the check looks at, the check itself — a predicate over
 * the computed state (the walk's hops, the diagnostics, the selection), never a timer or a button
 * — hints that unlock after wrong tries, and "show me" actions that do the step. Adding a lesson
 * is adding a `*.lesson.ts` file and listing it in index.ts.
 */
import type {
  ClusterSettings,
  Cluster,
  Diagnostic,
  Hop,
  Scenario,
  Trace,
  TraceProtocol,
} from '@/sim';

/** A walk as lessons name it (refs in CLI syntax, like presets). */
export interface LessonWalk {
  readonly from: string;
  readonly to: string;
  readonly port?: number;
  readonly protocol?: TraceProtocol;
  readonly node?: string;
  readonly endpoint?: string;
}

/** What a check sees: the learner's state, computed by the same simulator as everything else. */
export interface LessonContext {
  readonly scenario: Scenario;
  readonly cluster: Cluster;
  readonly walk: LessonWalk | undefined;
  readonly trace: Trace | undefined;
  /** The hop the learner is looking at (selected in the list, or where the animation is). */
  readonly step: number;
  readonly hop: Hop | undefined;
  readonly selection: string | undefined;
  /** The right-hand panel that is open ("trace", "network", "policies", …). */
  readonly panel: string;
  /** Validation of the scenario (computed on first use). */
  readonly diagnostics: () => readonly Diagnostic[];
}

/** One condition of a goal, with its state: shown as a checklist beside the narration. */
export interface Criterion {
  readonly label: string;
  readonly ok: boolean;
}

/** Something "show me" does, as the learner would (through the same store actions). */
export type LessonAction =
  | { readonly kind: 'walk'; readonly walk: LessonWalk }
  /** Make the n-th hop of this kind (and direction) the current one. */
  | {
      readonly kind: 'hop';
      readonly hop: Hop['kind'];
      readonly direction?: Hop['direction'];
      /** The graph element it happens at. */
      readonly at?: string;
      readonly nth?: number;
    }
  | { readonly kind: 'select'; readonly id: string }
  | { readonly kind: 'panel'; readonly panel: 'inspector' | 'trace' | 'network' | 'policies' }
  | { readonly kind: 'cluster'; readonly patch: Partial<ClusterSettings> }
  | { readonly kind: 'edit'; readonly label: string; readonly edit: (s: Scenario) => Scenario };

export interface LessonStep {
  readonly id: string;
  readonly title: string;
  /** What is going on and why it matters; `code` spans are shown as code. */
  readonly narration: string;
  /** The goal in one sentence. */
  readonly goal: string;
  /** What the check looks at — and what it deliberately ignores. */
  readonly checks: string;
  readonly check: (ctx: LessonContext) => readonly Criterion[];
  /** Shown one at a time, after wrong tries. */
  readonly hints: readonly string[];
  readonly showMe: readonly LessonAction[];
  /** Said when the step is done: the point to take away. */
  readonly takeaway: string;
}

export interface Lesson {
  /** Stable, URL-safe: `?lesson=<id>&step=<n>`. */
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly minutes: number;
  readonly scenario: Scenario;
  readonly steps: readonly LessonStep[];
  /** What to try next. */
  readonly finish: string;
}

/** A step is done when every criterion holds. */
export const isDone = (criteria: readonly Criterion[]): boolean =>
  criteria.length > 0 && criteria.every((c) => c.ok);
