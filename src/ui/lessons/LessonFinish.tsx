/** The end of a lesson: what was solved (and shown), and what to try next. */
import type { Lesson } from '@/scenario';
import { useAppStore } from '@/state';

import { Button } from '../primitives/Button';
import { RichText } from '../primitives/RichText';

export interface LessonFinishProps {
  readonly lesson: Lesson;
  readonly onLeave: () => void;
}

export function LessonFinish({ lesson, onLeave }: LessonFinishProps) {
  const progress = useAppStore((s) => s.progress[lesson.id]);
  const solved = progress?.solved.length ?? 0;
  const shown = (progress?.shown ?? []).filter((i) => !progress?.solved.includes(i)).length;
  return (
    <section
      className="space-y-3 p-3 text-[13px]"
      aria-label="Lesson finished"
      data-testid="lesson.finish"
    >
      <h2 className="text-base font-semibold">✓ {lesson.title}</h2>
      <p data-testid="lesson.finish.score">
        {solved} of {lesson.steps.length} steps solved{shown ? `, ${shown} shown` : ''}.
      </p>
      <p>
        <RichText text={lesson.finish} />
      </p>
      <Button size="sm" variant="primary" onClick={onLeave} data-testid="lesson.close" autoFocus>
        Close the lesson
      </Button>
    </section>
  );
}
