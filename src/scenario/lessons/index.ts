/** The guided lessons, in order (issue 14). Adding one: a `*.lesson.ts` file, listed here. */
import { cidrOverlapLesson } from './cidrOverlap.lesson';
import { containerToContainerLesson } from './containerToContainer.lesson';
import { externalToServiceLesson } from './externalToService.lesson';
import { networkPolicyLesson } from './networkPolicy.lesson';
import { podToPodAcrossNodesLesson } from './podToPodAcrossNodes.lesson';
import { podToPodSameNodeLesson } from './podToPodSameNode.lesson';
import { podToServiceLesson } from './podToService.lesson';
import type { Lesson } from './types';

export const LESSONS: readonly Lesson[] = [
  containerToContainerLesson,
  podToPodSameNodeLesson,
  podToPodAcrossNodesLesson,
  podToServiceLesson,
  externalToServiceLesson,
  cidrOverlapLesson,
  networkPolicyLesson,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
