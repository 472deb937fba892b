/** The screen (DESIGN.md §9): toolbar, element list, graph, inspector/walk panel. */
import clsx from 'clsx';
import { useEffect, useRef, useState } from 'react';

import type { GraphView } from '@/graph';
import { useAppStore } from '@/state';

import { CanvasControls } from './canvas/CanvasControls';
import { GraphCanvas } from './canvas/GraphCanvas';
import { Legend } from './canvas/Legend';
import { LeftColumn } from './LeftColumn';
import { LiveRegion } from './LiveRegion';
import { LoadingOverlay } from './loading/LoadingOverlay';
import { Notices } from './Notices';
import { RightPanel } from './RightPanel';
import { Toolbar } from './toolbar/Toolbar';

export interface AppShellProps {
  readonly onGraphReady?: (view: GraphView | undefined) => void;
}

export function AppShell({ onGraphReady }: AppShellProps) {
  const [view, setView] = useState<GraphView | undefined>();
  const lesson = useAppStore((s) => s.lesson !== undefined);
  // Opening or closing a lesson widens or narrows the left column: fit the graph to its new room.
  // (Not on start: a large graph opens on its first nodes, DESIGN.md §9.)
  const wasLesson = useRef(lesson);
  useEffect(() => {
    if (wasLesson.current === lesson || !view) return;
    wasLesson.current = lesson;
    const id = requestAnimationFrame(() => {
      view.cy.resize(); // the column changed size in this frame: Cytoscape's cached size is stale
      view.fit();
    });
    return () => cancelAnimationFrame(id);
  }, [lesson, view]);
  const handleReady = (v: GraphView | undefined) => {
    setView(v);
    onGraphReady?.(v);
  };
  return (
    <div className="flex h-full flex-col">
      <Toolbar view={view} />
      <div
        className={clsx(
          'relative grid min-h-0 flex-1 grid-rows-[minmax(0,1fr)]',
          lesson
            ? 'grid-cols-[330px_minmax(0,1fr)_380px]'
            : 'grid-cols-[240px_minmax(0,1fr)_380px]',
        )}
      >
        <LoadingOverlay />
        <LeftColumn />
        <main
          className="relative min-h-0 overflow-hidden bg-slate-50 outline-none dark:bg-[#0b1120]"
          data-testid="graph-area"
          data-region="graph"
          tabIndex={-1}
          aria-label="Graph"
        >
          <GraphCanvas onReady={handleReady} />
          <Legend view={view} />
          <CanvasControls view={view} />
          <Notices />
        </main>
        <RightPanel />
      </div>
      <LiveRegion />
    </div>
  );
}
