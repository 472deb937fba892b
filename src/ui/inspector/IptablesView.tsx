/** The node's iptables-save output, with the rules the current walk matched highlighted. */
import { useMemo, useState } from 'react';

import { nodeIptablesText, type DerivedNode } from '@/sim';
import { selectCluster, selectTrace, useAppStore } from '@/state';

import { CodeBlock } from '../primitives/CodeBlock';
import { Section } from '../primitives/Section';

export interface IptablesViewProps {
  readonly node: DerivedNode;
}

export function IptablesView({ node }: IptablesViewProps) {
  const cluster = useAppStore(selectCluster);
  const trace = useAppStore(selectTrace);
  const step = useAppStore((s) => s.step);
  const [family, setFamily] = useState<4 | 6>(4);
  const [onlyKube, setOnlyKube] = useState(false);
  const text = useMemo(
    () => nodeIptablesText(cluster, node.name, family),
    [cluster, node.name, family],
  );
  const lines = text.split('\n');
  const matched = new Set<number>();
  for (const h of trace?.hops.slice(0, step + 1) ?? [])
    for (const r of h.rules ?? [])
      if (r.node === node.name && r.family === family) matched.add(r.line - 1);
  const shown = onlyKube
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
      {matched.size > 0 && (
        <p className="mb-2 text-xs text-amber-800 dark:text-amber-300">
          {matched.size} rule(s) matched by the current walk are highlighted.
        </p>
      )}
      <CodeBlock
        lines={shown.map(([l]) => l)}
        highlight={new Set(shown.flatMap(([, i], j) => (matched.has(i) ? [j] : [])))}
        testId="inspector.node.iptables"
        className="max-h-[420px] overflow-y-auto"
      />
    </Section>
  );
}
