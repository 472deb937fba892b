/** `?lesson=<id>&step=<n>` opens a lesson at a step (loaded on demand with the lessons). */
import { LESSONS, lessonById } from '@/scenario';
import { openLesson, type AppStore } from '@/state';

export function openLessonLink(store: AppStore, search: string): void {
  const q = new URLSearchParams(search);
  const id = q.get('lesson') ?? '';
  const lesson = lessonById(id);
  if (!lesson) {
    store
      .getState()
      .notify(
        'error',
        `This link names a lesson “${id}” that does not exist. Lessons: ${LESSONS.map((l) => l.id).join(', ')}.`,
      );
    return;
  }
  const step = Number.parseInt(q.get('step') ?? '1', 10);
  openLesson(store, lesson, Number.isFinite(step) ? step - 1 : 0);
}
