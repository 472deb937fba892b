/** Export: Kubernetes YAML (re-importable), scenario JSON, and the graph as PNG or SVG. */
import { lazy, Suspense, useState } from 'react';

import type { GraphView } from '@/graph';

import { Button } from '../primitives/Button';

const ExportItems = lazy(() => import('./ExportItems').then((m) => ({ default: m.ExportItems })));

export interface ExportMenuProps {
  readonly view: GraphView | undefined;
}

export function ExportMenu({ view }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  return (
    <div className="relative">
      <Button
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-haspopup="menu"
        data-testid="toolbar.export"
      >
        Export ▾
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ExportItems view={view} onDone={() => setOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
