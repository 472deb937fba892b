/**
 * On a large cluster's overview, a node is a tile until it is opened: this button opens it in full
 * (eth0, routes, iptables, cni0, pods and veths, under the grid) or closes it back to its tile.
 * The same as a double click on the tile, or Enter on the graph with the node selected.
 */
import { isOverview } from '@/graph';
import { selectCluster, selectTrace, useAppStore } from '@/state';

import { Button } from '../primitives/Button';

export interface ExpandControlProps {
  readonly node: string;
}

export function ExpandControl({ node }: ExpandControlProps) {
  const overview = useAppStore((s) => isOverview(selectCluster(s)));
  const open = useAppStore((s) => s.expanded.includes(node));
  const onWalk = useAppStore((s) => selectTrace(s)?.hops.some((h) => h.node === node) ?? false);
  const toggle = useAppStore((s) => s.toggleExpanded);
  if (!overview) return null;
  return (
    <div className="mt-3 flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        variant={open ? 'secondary' : 'primary'}
        aria-pressed={open}
        onClick={() => toggle(node)}
        data-testid="inspector.node.expand"
        title="Also: double-click the node's tile, or press Enter on the graph"
      >
        {open ? 'Collapse to its tile' : 'Expand: show its datapath'}
      </Button>
      {onWalk && !open && (
        <span className="text-xs text-slate-500 dark:text-slate-400">
          Shown in full while the walk crosses it.
        </span>
      )}
    </div>
  );
}
