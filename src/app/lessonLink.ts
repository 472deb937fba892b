/** `?lesson=<id>&step=<n>` opens a lesson at a step (loaded on demand with the lessons). */
import { LESSONS, lessonById } from '@/scenario';
import { openLesson, whenTracing, type AppStore } from '@/state';

/**
 * Opens the lesson the query names, once `after` has settled: the page's own startup load (a big
 * share link or autosave read in the worker) goes into the store first, and the lesson — which
 * loads its own cluster — opens over it, leaving the shared cluster one undo away.
 */
export async function openLessonLink(
  store: AppStore,
  search: string,
  after: Promise<unknown> = Promise.resolve(),
): Promise<void> {
  await after.catch(() => undefined);
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
  // Replaying earlier steps may pick hops of a walk: the walker must be there.
  await whenTracing(store);
  const step = Number.parseInt(q.get('step') ?? '1', 10);
  openLesson(store, lesson, Number.isFinite(step) ? step - 1 : 0);
}
