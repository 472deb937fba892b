import { useAppStore } from '@/state';

import { Button } from '../primitives/Button';

export interface WalkActionsProps {
  readonly asSource?: string;
  readonly asDestination?: string;
}

/** "Send from here" / "Send to here": starts a walk with this element as one end. */
export function WalkActions({ asSource, asDestination }: WalkActionsProps) {
  const walk = useAppStore((s) => s.walk);
  const setWalk = useAppStore((s) => s.setWalk);
  const setPickFrom = useAppStore((s) => s.setPickFrom);
  const setTool = useAppStore((s) => s.setTool);
  const reduced = useAppStore((s) => s.reducedMotion);
  return (
    <div className="flex flex-wrap gap-2">
      {asSource && (
        <Button
          size="sm"
          data-testid="inspector.send-from"
          onClick={() => {
            setTool('send');
            setPickFrom(asSource);
          }}
        >
          Send from here…
        </Button>
      )}
      {asDestination && walk?.from && (
        <Button
          size="sm"
          data-testid="inspector.send-to"
          onClick={() => setWalk({ from: walk.from, to: asDestination }, { play: !reduced })}
        >
          Send from {walk.from.replace(/^pod\//, '')} to here
        </Button>
      )}
    </div>
  );
}
