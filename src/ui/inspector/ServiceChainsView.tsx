/** The rules kube-proxy wrote for one Service on one node (its KUBE-SVC/SVL/EXT/FW/SEP chains). */
import { useEffect, useMemo, useState } from 'react';

import { loadedTracing, type DerivedService } from '@/sim';
import { selectCluster, selectTrace, useAppStore } from '@/state';

import { CodeBlock } from '../primitives/CodeBlock';
import { highlightIptables } from '../primitives/highlightIptables';
import { Section } from '../primitives/Section';
import { NodeSelect } from './NodeSelect';

export interface ServiceChainsViewProps {
  readonly service: DerivedService;
}

export function ServiceChainsView({ service: s }: ServiceChainsViewProps) {
  const cluster = useAppStore(selectCluster);
  const trace = useAppStore(selectTrace);
  const ready = useAppStore((st) => st.tracingReady);
  const ensureTracing = useAppStore((st) => st.ensureTracing);
  useEffect(ensureTracing, [ensureTracing]);
  const step = useAppStore((st) => st.step);
  const [node, setNode] = useState(cluster.nodes[0]?.name ?? '');
  const family = s.clusterIPs[0]?.includes(':') ? 6 : 4;
  const { lines, chains } = useMemo(() => {
    const t = ready ? loadedTracing() : undefined;
    if (!t) return { lines: [] as { text: string; line: number }[], chains: [] as string[] };
    const { nodeIptablesText, serviceChains, servicePortName } = t;
    const chainNames = s.ports.map((p) =>
      serviceChains(servicePortName(s.namespace, s.name, p.name), p.protocol.toLowerCase()),
    );
    const names = chainNames.flatMap((c) => [c.svc, c.svl, c.ext, c.fw]);
    const comment = new RegExp(`"?${s.namespace}/${s.name}(:|"| |$)`);
    if (!cluster.nodeByName.has(node))
      return { lines: [] as { text: string; line: number }[], chains: names };
    const all = nodeIptablesText(cluster, node, family).split('\n');
    const picked: { text: string; line: number }[] = [];
    all.forEach((text, i) => {
      if (text.startsWith('*') || text === 'COMMIT') picked.push({ text, line: i + 1 });
      else if (names.some((n) => text.includes(n)) || comment.test(text))
        picked.push({ text, line: i + 1 });
    });
    return {
      lines: picked
        .filter(
          (l, i, a) =>
            !(
              l.text.startsWith('*') &&
              (a[i + 1]?.text === 'COMMIT' || a[i + 1]?.text.startsWith('*'))
            ),
        )
        .filter((l, i, a) => !(l.text === 'COMMIT' && a[i - 1]?.text.startsWith('*'))),
      chains: names,
    };
  }, [cluster, node, family, s, ready]);
  const matched = new Set<number>();
  for (const h of trace?.hops.slice(0, step + 1) ?? [])
    for (const r of h.rules ?? []) if (r.node === node) matched.add(r.line);
  return (
    <Section
      title="Its chains on a node"
      right={<NodeSelect nodes={cluster.nodes} value={node} onChange={setNode} />}
    >
      <p className="mb-1 font-mono text-[11px] text-slate-500">
        {[...new Set(chains)].filter((c) => lines.some((l) => l.text.includes(c))).join(' · ') ||
          'no chains: kube-proxy writes none for this Service on this node'}
      </p>
      <CodeBlock
        lines={lines.map((l) => l.text)}
        highlight={new Set(lines.flatMap((l, i) => (matched.has(l.line) ? [i] : [])))}
        testId="inspector.service.chains"
        render={highlightIptables}
        className="max-h-72 overflow-y-auto"
      />
    </Section>
  );
}
