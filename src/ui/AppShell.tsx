/** The screen (DESIGN.md §9): toolbar, element list, graph, inspector/walk panel. */
import { useState } from 'react';

import type { GraphView } from '@/graph';

import { CanvasControls } from './canvas/CanvasControls';
import { GraphCanvas } from './canvas/GraphCanvas';
import { Legend } from './canvas/Legend';
import { LiveRegion } from './LiveRegion';
import { Notices } from './Notices';
import { RightPanel } from './RightPanel';
import { DiagnosticsList } from './sidebar/DiagnosticsList';
import { ElementList } from './sidebar/ElementList';
import { Toolbar } from './toolbar/Toolbar';

export interface AppShellProps {
  readonly onGraphReady?: (view: GraphView | undefined) => void;
}

export function AppShell({ onGraphReady }: AppShellProps) {
  const [view, setView] = useState<GraphView | undefined>();
  const handleReady = (v: GraphView | undefined) => {
    setView(v);
    onGraphReady?.(v);
  };
  return (
    <div className="flex h-full flex-col">
      <Toolbar view={view} />
      <div className="grid min-h-0 flex-1 grid-cols-[240px_minmax(0,1fr)_380px] grid-rows-[minmax(0,1fr)]">
        <aside className="flex min-h-0 flex-col border-r border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <div className="min-h-0 flex-1">
            <ElementList />
          </div>
          <DiagnosticsList />
        </aside>
        <main
          className="relative min-h-0 overflow-hidden bg-slate-50 dark:bg-[#0b1120]"
          data-testid="graph-area"
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
