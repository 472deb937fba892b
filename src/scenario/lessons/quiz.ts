/** The misconception quiz: every question, pods first, then Services. */
import { POD_QUESTIONS } from './quizPods';
import { SERVICE_QUESTIONS } from './quizServices';
import type { QuizQuestion } from './quizTypes';

export const QUIZ: readonly QuizQuestion[] = [...POD_QUESTIONS, ...SERVICE_QUESTIONS].sort(
  (a, b) => a.belief - b.belief,
);
