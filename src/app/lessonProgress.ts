/** Lesson progress (steps solved and shown, per lesson) kept in localStorage across sessions. */
import type { AppStore, LessonProgress } from '@/state';

export const PROGRESS_KEY = 'k8snet.lessons.v1';

const steps = (v: unknown): number[] =>
  Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n) && n >= 0) : [];

export function installLessonProgress(store: AppStore): () => void {
  try {
    const raw = localStorage.getItem(PROGRESS_KEY);
    const data: unknown = raw ? JSON.parse(raw) : undefined;
    if (data && typeof data === 'object')
      for (const [id, p] of Object.entries(data as Record<string, Partial<LessonProgress>>))
        store.getState().setProgress(id, { solved: steps(p?.solved), shown: steps(p?.shown) });
  } catch {
    /* unreadable progress starts over; the lessons still work */
  }
  return store.subscribe((s, prev) => {
    if (s.progress === prev.progress) return;
    try {
      localStorage.setItem(PROGRESS_KEY, JSON.stringify(s.progress));
    } catch {
      /* storage full or unavailable */
    }
  });
}
