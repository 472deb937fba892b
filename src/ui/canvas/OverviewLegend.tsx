/** The legend's part for a large cluster's overview: what a tile and its marks mean. */
import type { ReactNode } from 'react';

import type { Palette } from '@/theme';

export interface OverviewLegendProps {
  readonly p: Palette;
  readonly colors: readonly string[];
  readonly nodes: number;
}

function Mark({ children }: { readonly children: ReactNode }) {
  return (
    <svg width="26" height="16" viewBox="0 0 26 16" aria-hidden="true" className="shrink-0">
      {children}
    </svg>
  );
}

/** A tile's outline as the overview draws it (a rounded box), filled and stroked as given. */
function TileMark(props: {
  readonly fill?: string;
  readonly fillOpacity?: number;
  readonly stroke: string;
  readonly strokeWidth?: number;
  readonly strokeDasharray?: string;
}) {
  return (
    <Mark>
      <rect x="1" y="1" width="24" height="14" rx="3" {...props} fill={props.fill ?? 'none'} />
    </Mark>
  );
}

export function OverviewLegend({ p, colors, nodes }: OverviewLegendProps) {
  const stripe = (i: number): string => colors[i % Math.max(1, colors.length)] ?? p.nodeBoxBorder;
  const row = (mark: ReactNode, text: string) => (
    <li className="flex items-center gap-2">
      {mark}
      <span>{text}</span>
    </li>
  );
  return (
    <div data-testid="legend.overview">
      <div className="mb-1 font-semibold">
        Overview: {nodes.toLocaleString('en-US')} nodes, one tile each
      </div>
      <ul className="grid grid-cols-1 gap-x-4 gap-y-0.5 text-[11px] leading-tight sm:grid-cols-2 lg:grid-cols-3">
        {row(
          <Mark>
            <rect x="1" y="1" width="24" height="14" rx="3" fill="none" stroke={p.nodeBoxBorder} />
            <rect x="3" y="3" width="3" height="3.3" fill={stripe(0)} />
            <rect x="3" y="6.3" width="3" height="3.3" fill={stripe(1)} />
            <rect x="3" y="9.6" width="3" height="3.4" fill={stripe(2)} />
          </Mark>,
          'node: name and pods; zoom in for its address and pod range; the bar is its pods by namespace',
        )}
        {row(
          <TileMark fill={p.request} fillOpacity={0.1} stroke={p.request} strokeWidth={2.5} />,
          'opened: drawn in full under the grid (double-click a tile or press Enter to open or close it)',
        )}
        {row(
          <Mark>
            <rect x="2" y="3" width="22" height="10" rx="3" fill={p.error} />
          </Mark>,
          '⚠ errors / △ warnings about the node or its pods (Diagnostics lists them)',
        )}
        {row(
          <TileMark fill={stripe(0)} fillOpacity={0.15} stroke={stripe(0)} strokeWidth={2} />,
          "a namespace's Services, counted by type (select it to list them)",
        )}
        {row(
          <TileMark stroke={p.nodeBoxBorder} strokeDasharray="3 2" />,
          'zone / subnet the nodes in it share',
        )}
      </ul>
    </div>
  );
}
