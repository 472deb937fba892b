/**
 * nftables mode's views (a chunk of their own, loaded with the mode): the node's `nft list
 * ruleset` with the rules and map elements the current walk matched highlighted, and one
 * Service's chains and map elements on a node.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

import { serviceProxy, type Cluster, type DerivedNode, type DerivedService } from '@/sim';
import { selectCluster, selectTrace, useAppStore } from '@/state';

import { CodeBlock } from '../primitives/CodeBlock';
import { highlightNft } from '../primitives/highlightNft';
import { Loading } from '../primitives/Loading';
import { Section } from '../primitives/Section';

/** The listing of `node` (empty until the engine is loaded) and the walk's matched lines. */
function useRuleset(cluster: Cluster, node: string, shown: boolean) {
  const trace = useAppStore(selectTrace);
  const step = useAppStore((s) => s.step);
  const epoch = useAppStore((s) => s.proxyEpoch);
  const ensure = useAppStore((s) => s.ensureProxy);
  const proxy = serviceProxy('nftables');
  useEffect(() => {
    if (!proxy) ensure('nftables');
  }, [proxy, ensure]);
  const text = useMemo(
    () =>
      shown && proxy && epoch >= 0 && cluster.nodeByName.has(node)
        ? proxy.view(cluster, node, 4).text
        : '',
    [shown, proxy, cluster, node, epoch],
  );
  const matched = new Set<number>();
  for (const h of trace?.hops.slice(0, step + 1) ?? [])
    for (const r of h.rules ?? []) if (r.view === 'nft' && r.node === node) matched.add(r.line);
  return { text, matched, loaded: proxy !== undefined };
}

/** Scrolls the first highlighted line of the block into view (inside the block only). */
function useScrollToMatch(key: string) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const pre = ref.current?.querySelector('pre');
    const hit = pre?.querySelector<HTMLElement>('[data-highlighted]');
    // A few lines of context above the first match (its map or chain header).
    if (pre && hit)
      pre.scrollTop = Math.max(0, hit.offsetTop - pre.offsetTop - 3 * hit.offsetHeight);
  }, [key]);
  return ref;
}

/** Lines (with their 1-based numbers) and which of them to highlight. */
function Listing(props: {
  readonly lines: readonly { readonly text: string; readonly line: number }[];
  readonly matched: ReadonlySet<number>;
  readonly testId: string;
  readonly className: string;
}) {
  const { lines, matched } = props;
  const hl = new Set(lines.flatMap((l, i) => (matched.has(l.line) ? [i] : [])));
  const ref = useScrollToMatch([...hl].join(','));
  return (
    <div ref={ref}>
      <CodeBlock
        lines={lines.map((l) => l.text)}
        highlight={hl}
        testId={props.testId}
        render={highlightNft}
        className={props.className}
      />
    </div>
  );
}

export function NftRulesView({ node }: { readonly node: DerivedNode }) {
  const cluster = useAppStore(selectCluster);
  // Large rulesets (hundreds of Services) are shown on request, so selecting a node stays quick.
  const [shown, setShown] = useState(cluster.services.length <= 60);
  const { text, matched, loaded } = useRuleset(cluster, node.name, shown);
  const lines = useMemo(() => text.split('\n').map((t, i) => ({ text: t, line: i + 1 })), [text]);
  return (
    <Section title="nft list ruleset · kube-proxy in nftables mode">
      {!loaded && <Loading />}
      {!shown && (
        <button
          type="button"
          className="text-sm text-blue-700 hover:underline dark:text-blue-300"
          onClick={() => setShown(true)}
          data-testid="inspector.node.nft.show"
        >
          Show {node.name}’s nft list ruleset ({cluster.services.length} Services)
        </button>
      )}
      {matched.size > 0 && (
        <p className="mb-2 text-xs text-amber-800 dark:text-amber-300">
          {matched.size} rule(s) and map element(s) matched by the current walk are highlighted.
        </p>
      )}
      {loaded && shown && (
        <Listing
          lines={lines}
          matched={matched}
          testId="inspector.node.nft"
          className="max-h-[420px] overflow-y-auto [tab-size:2]"
        />
      )}
    </Section>
  );
}

/** The Service's chains (named `…-ns/name/proto/port…`) and its map elements, in listing order. */
function serviceLines(text: string, s: DerivedService): { text: string; line: number }[] {
  const key = `-${s.namespace}/${s.name}/`;
  const named = new RegExp(`"${s.namespace}/${s.name}(:[^"]*)?"`);
  const out: { text: string; line: number }[] = [];
  let inChain = false;
  text.split('\n').forEach((t, i) => {
    const head = /^\t(chain|set|map) (\S+) \{$/.exec(t);
    if (head) inChain = head[1] === 'chain' && (head[2] ?? '').includes(key);
    const keep = /^table /.test(t) || inChain || t.includes(key) || named.test(t);
    if (keep) out.push({ text: t, line: i + 1 });
    if (/^\t\}$/.test(t)) inChain = false;
  });
  // Tables with nothing of this Service in them are left out.
  return out.filter(
    (l, i, all) => !/^table /.test(l.text) || !/^table /.test(all[i + 1]?.text ?? 'table '),
  );
}

export function NftServiceChains({ service: s }: { readonly service: DerivedService }) {
  const cluster = useAppStore(selectCluster);
  const [node, setNode] = useState(cluster.nodes[0]?.name ?? '');
  const { text, matched, loaded } = useRuleset(cluster, node, true);
  const lines = useMemo(() => serviceLines(text, s), [text, s]);
  return (
    <Section
      title="Its chains and map elements on a node"
      right={
        <select
          aria-label="Node"
          className="h-7 rounded border border-slate-300 bg-white px-1 text-xs dark:border-slate-600 dark:bg-slate-800"
          value={node}
          onChange={(e) => setNode(e.target.value)}
          data-testid="svc.chains.node"
        >
          {cluster.nodes.map((n) => (
            <option key={n.name}>{n.name}</option>
          ))}
        </select>
      }
    >
      {!loaded && <Loading />}
      {loaded && (
        <Listing
          lines={lines}
          matched={matched}
          testId="inspector.service.chains"
          className="max-h-72 overflow-y-auto [tab-size:2]"
        />
      )}
    </Section>
  );
}
