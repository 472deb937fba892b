import { selectTrace, useAppStore } from '@/state';

import { Button } from '../primitives/Button';
import { Icon } from '../primitives/Icon';

const SPEEDS = [0.5, 1, 2, 4];

export function PlaybackControls() {
  const trace = useAppStore(selectTrace);
  const step = useAppStore((s) => s.step);
  const playing = useAppStore((s) => s.playing);
  const speed = useAppStore((s) => s.speed);
  const setStep = useAppStore((s) => s.setStep);
  const setPlaying = useAppStore((s) => s.setPlaying);
  const setSpeed = useAppStore((s) => s.setSpeed);
  const n = trace?.hops.length ?? 0;
  return (
    <div
      className="flex items-center gap-1"
      role="group"
      aria-label="Playback"
      data-testid="trace.playback"
    >
      <Button
        size="sm"
        variant="ghost"
        aria-label="Restart"
        title="Restart"
        onClick={() => {
          setStep(0);
          setPlaying(false);
        }}
        disabled={n === 0}
        data-testid="trace.restart"
      >
        <Icon name="restart" />
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label="Step back"
        title="Step back (←)"
        onClick={() => setStep(Math.max(0, step - 1))}
        disabled={step <= 0}
        data-testid="trace.back"
      >
        <Icon name="back" />
      </Button>
      <Button
        size="sm"
        variant="secondary"
        aria-label={playing ? 'Pause' : 'Play'}
        onClick={() => {
          if (!playing && step >= n - 1) setStep(0);
          setPlaying(!playing);
        }}
        disabled={n === 0}
        data-testid="trace.play"
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label="Step forward"
        title="Step forward (→)"
        onClick={() => setStep(Math.min(n - 1, step + 1))}
        disabled={step >= n - 1}
        data-testid="trace.forward"
      >
        <Icon name="forward" />
      </Button>
      <label className="ml-2 flex items-center gap-1 text-xs text-slate-500 dark:text-slate-400">
        speed
        <select
          className="h-7 rounded border border-slate-300 bg-white px-1 text-xs dark:border-slate-600 dark:bg-slate-800"
          value={speed}
          onChange={(e) => setSpeed(Number(e.target.value))}
          data-testid="trace.speed"
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <span className="ml-auto font-mono text-xs text-slate-500" data-testid="trace.position">
        {n ? `${Math.min(step + 1, n)} / ${n}` : ''}
      </span>
    </div>
  );
}
