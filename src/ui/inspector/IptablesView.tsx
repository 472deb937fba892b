/** The node's iptables-save output, with the rules the current walk matched highlighted. */
import { useEffect, useMemo, useState } from 'react';

import { loadedTracing, type DerivedNode } from '@/sim';
import { selectCluster, selectTrace, useAppStore } from '@/state';

import { CodeBlock } from '../primitives/CodeBlock';
import { highlightIptables } from '../primitives/highlightIptables';
import { Section } from '../primitives/Section';

export interface IptablesViewProps {
  readonly node: DerivedNode;
}

export function IptablesView({ node }: IptablesViewProps) {
  const cluster = useAppStore(selectCluster);
  const trace = useAppStore(selectTrace);
  const ready = useAppStore((s) => s.tracingReady);
  const ensureTracing = useAppStore((s) => s.ensureTracing);
  useEffect(ensureTracing, [ensureTracing]);
  const step = useAppStore((s) => s.step);
  const [family, setFamily] = useState<4 | 6>(4);
  const [onlyKube, setOnlyKube] = useState(false);
  // Large rule sets (hundreds of Services) are shown on request, so selecting a node stays quick.
  const [shown, setShown] = useState(cluster.services.length <= 60);
  const text = useMemo(
    () =>
      shown && ready ? (loadedTracing()?.nodeIptablesText(cluster, node.name, family) ?? '') : '',
    [shown, ready, cluster, node.name, family],
  );
  const lines = text.split('\n');
  const matched = new Set<number>();
  for (const h of trace?.hops.slice(0, step + 1) ?? [])
    for (const r of h.rules ?? [])
      if (r.node === node.name && r.family === family) matched.add(r.line - 1);
  const visible = onlyKube
    ? lines
        .map((l, i) => [l, i] as const)
        .filter(([l, i]) => matched.has(i) || /^[*:]|COMMIT/.test(l) || /KUBE-/.test(l))
    : lines.map((l, i) => [l, i] as const);
  return (
    <Section
      title={`iptables-save · ${family === 4 ? 'IPv4' : 'IPv6'}`}
      right={
        <div className="flex items-center gap-2 text-xs">
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={onlyKube}
              onChange={(e) => setOnlyKube(e.target.checked)}
            />{' '}
            KUBE-* only
          </label>
          <button
            type="button"
            className="text-blue-700 hover:underline dark:text-blue-300"
            onClick={() => setFamily(family === 4 ? 6 : 4)}
          >
            {family === 4 ? 'IPv6' : 'IPv4'}
          </button>
        </div>
      }
    >
      {!shown && (
        <button
          type="button"
          className="text-sm text-blue-700 hover:underline dark:text-blue-300"
          onClick={() => setShown(true)}
          data-testid="inspector.node.iptables.show"
        >
          Show {node.name}’s iptables-save ({cluster.services.length} Services: thousands of rules)
        </button>
      )}
      {matched.size > 0 && (
        <p className="mb-2 text-xs text-amber-800 dark:text-amber-300">
          {matched.size} rule(s) matched by the current walk are highlighted.
        </p>
      )}
      {shown && (
        <CodeBlock
          lines={visible.map(([l]) => l)}
          highlight={new Set(visible.flatMap(([, i], j) => (matched.has(i) ? [j] : [])))}
          testId="inspector.node.iptables"
          render={highlightIptables}
          className="max-h-[420px] overflow-y-auto"
        />
      )}
    </Section>
  );
}
