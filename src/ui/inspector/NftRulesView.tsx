/**
 * nftables mode's views (a chunk of their own, loaded with the mode): the node's `nft list
 * ruleset` with the rules and map elements the current walk matched highlighted, and one
 * Service's chains and map elements on a node.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

import { loadedTracing, type Cluster, type DerivedNode, type DerivedService } from '@/sim';
import { selectCluster, selectTrace, useAppStore } from '@/state';

import { CodeBlock } from '../primitives/CodeBlock';
import { highlightNft } from '../primitives/highlightNft';
import { Loading } from '../primitives/Loading';
import { Section } from '../primitives/Section';
import { NodeSelect } from './NodeSelect';

/** The listing of `node` (empty until the engine is loaded) and the walk's matched lines. */
function useRuleset(cluster: Cluster, node: string, shown: boolean) {
  const trace = useAppStore(selectTrace);
  const step = useAppStore((s) => s.step);
  const epoch = useAppStore((s) => s.proxyEpoch);
  const ensure = useAppStore((s) => s.ensureProxy);
  const ensureTracing = useAppStore((s) => s.ensureTracing);
  // The service proxies live with the tracer (loaded on demand), nftables mode's engine after it.
  const ready = useAppStore((s) => s.tracingReady);
  const proxy = ready ? loadedTracing()?.serviceProxy('nftables') : undefined;
  useEffect(ensureTracing, [ensureTracing]);
  useEffect(() => {
    if (ready && !proxy) ensure('nftables');
  }, [ready, proxy, ensure]);
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

/** nft's tab-indented lines wrap with a hanging indent, so long map elements stay readable. */
const WRAP =
  'overflow-y-auto [tab-size:2] [&>div]:whitespace-pre-wrap [&>div]:[overflow-wrap:anywhere] [&>div]:pl-[4ch] [&>div]:-indent-[4ch]';

type Line = { readonly text: string; readonly line: number };

/**
 * Some blocks of a listing: chains chosen by `chain` whole; of a set or map its header and the
 * elements chosen by `element`; the tables around them (a table left empty is left out).
 */
function pickBlocks(
  lines: readonly Line[],
  chain: (name: string, body: readonly Line[]) => boolean,
  element: (l: Line) => boolean,
): Line[] {
  const out: Line[] = [];
  let block: { kind: string; name: string; lines: Line[] } | undefined;
  const isElement = (x: Line): boolean => /^\t\t(elements = |\t)/.test(x.text);
  for (const l of lines) {
    const head = /^\t(chain|set|map) (\S+) \{$/.exec(l.text);
    if (head) block = { kind: head[1] ?? '', name: head[2] ?? '', lines: [l] };
    else if (block) {
      block.lines.push(l);
      if (l.text !== '\t}') continue;
      if (block.kind === 'chain') {
        if (chain(block.name, block.lines)) out.push(...block.lines);
      } else {
        const els = block.lines.filter((x) => isElement(x) && element(x));
        const first = els[0];
        if (first && !first.text.includes('elements = {'))
          els.unshift({ text: '\t\telements = { …', line: 0 });
        const rest = block.lines.filter((x) => !isElement(x));
        if (first) out.push(...rest.slice(0, -1), ...els, ...rest.slice(-1));
      }
      block = undefined;
    } else if (/^(table |\}$)/.test(l.text)) out.push(l);
  }
  return out.filter(
    (l, i) =>
      !(/^table /.test(l.text) && out[i + 1]?.text === '}') &&
      !(l.text === '}' && /^table /.test(out[i - 1]?.text ?? '')),
  );
}

/** Only what the walk touched: chains with a matched rule, the matched map elements. */
const walkLines = (lines: readonly Line[], matched: ReadonlySet<number>): Line[] =>
  pickBlocks(
    lines,
    (_n, body) => body.some((l) => matched.has(l.line)),
    (l) => matched.has(l.line),
  );

export function NftRulesView({ node }: { readonly node: DerivedNode }) {
  const cluster = useAppStore(selectCluster);
  // Large rulesets (hundreds of Services) are shown on request, so selecting a node stays quick.
  const [shown, setShown] = useState(cluster.services.length <= 60);
  const [onlyWalk, setOnlyWalk] = useState(false);
  const { text, matched, loaded } = useRuleset(cluster, node.name, shown);
  const all = useMemo(() => text.split('\n').map((t, i) => ({ text: t, line: i + 1 })), [text]);
  const lines = onlyWalk && matched.size > 0 ? walkLines(all, matched) : all;
  return (
    <Section
      title="nft list ruleset · kube-proxy in nftables mode"
      right={
        <label className="flex items-center gap-1 text-xs">
          <input
            type="checkbox"
            checked={onlyWalk}
            onChange={(e) => setOnlyWalk(e.target.checked)}
            data-testid="inspector.node.nft.walk-only"
          />{' '}
          walk’s chains only
        </label>
      }
    >
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
          className={`${WRAP} max-h-[420px]`}
        />
      )}
    </Section>
  );
}

/** The Service's chains (named `…-ns/name/proto/port…`) and its map and set elements. */
function serviceLines(text: string, s: DerivedService): Line[] {
  const key = `-${s.namespace}/${s.name}/`;
  const named = new RegExp(`"${s.namespace}/${s.name}(:[^"]*)?"`);
  const ips = new Set(s.clusterIPs);
  const lines = text.split('\n').map((t, i) => ({ text: t, line: i + 1 }));
  const bare = (t: string): string =>
    t.replace(/^\s*(elements = \{ )?/, '').replace(/[,}\s]+$/, '');
  return pickBlocks(
    lines,
    (name) => name.includes(key),
    (l) => l.text.includes(key) || named.test(l.text) || ips.has(bare(l.text)),
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
      right={<NodeSelect nodes={cluster.nodes} value={node} onChange={setNode} />}
    >
      {!loaded && <Loading />}
      {loaded && (
        <Listing
          lines={lines}
          matched={matched}
          testId="inspector.service.chains"
          className={`${WRAP} max-h-72`}
        />
      )}
    </Section>
  );
}
