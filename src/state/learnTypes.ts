/** Session state of the learning features (issue 14): predict mode, the pod-birth player, lessons. */
import type { PredictAnswer, PredictGrade } from '@/sim';

/** "Predict the next hop" on the open walk: the learner's draft for hop `step + 1`. */
export interface PredictState {
  readonly draft: PredictAnswer;
  /** The answer for hop `step` was given: its feedback is showing until the learner goes on. */
  readonly revealed: boolean;
  /** Grades by hop index (first try only). */
  readonly results: Readonly<Record<number, PredictGrade>>;
}

/** The pod-birth player: which pod, which step. */
export interface BirthState {
  readonly pod: string;
  readonly step: number;
}

/** The open lesson and the step the learner is on. */
export interface LessonState {
  readonly id: string;
  readonly step: number;
  /** Wrong tries on this step (hints unlock with them). */
  readonly tries: number;
  /** The step was done by "show me" (not counted as solved). */
  readonly shown: boolean;
}

/** Steps solved (and steps shown) per lesson, kept across sessions by the app. */
export interface LessonProgress {
  readonly solved: readonly number[];
  readonly shown: readonly number[];
}

export interface LearnSlice {
  readonly predict: PredictState | undefined;
  readonly birth: BirthState | undefined;
  /** Every pod shows its pause container (hideable). */
  readonly showPause: boolean;
  readonly lesson: LessonState | undefined;
  readonly progress: Readonly<Record<string, LessonProgress>>;
  /** Graph elements pointed at (a step's new objects, predict mode's places). */
  readonly hints: readonly string[];
  /** Graph elements not shown (not created yet in the pod-birth player). */
  readonly hidden: readonly string[];
  /** The text of the screen readers' live region, and a counter so a repeat is announced again. */
  readonly announcement: { readonly text: string; readonly seq: number };
  setPredict: (p: PredictState | undefined) => void;
  setBirth: (b: BirthState | undefined) => void;
  setShowPause: (on: boolean) => void;
  setLesson: (l: LessonState | undefined) => void;
  setProgress: (id: string, p: LessonProgress) => void;
  announce: (text: string) => void;
  setGraphMarks: (m: { hints?: readonly string[]; hidden?: readonly string[] }) => void;
}
