import type { GraphView } from '@/graph';

import { Button } from '../primitives/Button';
import { Icon } from '../primitives/Icon';

export interface CanvasControlsProps {
  readonly view: GraphView | undefined;
}

/** Zoom and fit (the mouse wheel and drag also pan and zoom). */
export function CanvasControls({ view }: CanvasControlsProps) {
  return (
    <div className="absolute right-3 bottom-3 flex flex-col gap-1 rounded-lg border border-slate-200 bg-white/95 p-1 shadow-md dark:border-slate-700 dark:bg-slate-900/95">
      <Button
        size="sm"
        variant="ghost"
        aria-label="Zoom in"
        data-testid="canvas.zoom-in"
        onClick={() => view?.zoomBy(1.25)}
      >
        <Icon name="plus" />
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label="Zoom out"
        data-testid="canvas.zoom-out"
        onClick={() => view?.zoomBy(0.8)}
      >
        <Icon name="minus" />
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label="Fit the cluster in view"
        data-testid="canvas.fit"
        onClick={() => view?.fit()}
      >
        <Icon name="fit" />
      </Button>
    </div>
  );
}
