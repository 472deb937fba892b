/**
 * Builds service-proxy rules ahead of the walk on a large cluster. A node's rules are generated and
 * parsed the first time a walk crosses it: with 1,000 Services that is 15,500 iptables lines, and
 * the very first node also fills the caches every node shares (chain-name hashes, parsed rule
 * lines), so it costs several times more than the next ones (`npm run bench`). In idle time this
 * builds one node's rules once the walker has loaded (the last node: any node fills the shared
 * caches), then the node of whatever the user selects, since a walk usually starts there. One node
 * per idle callback, never while a walk plays; the rules are the simulator's own memoised ones
 * (memoised per Cluster object), so a walk afterwards reads them instead of building them.
 */
import { isOverview } from '@/graph';
import { deriveCluster, loadedTracing, type Cluster } from '@/sim';
import type { AppState, AppStore } from '@/state';

/** Up to this many Services, rules are built ahead of the walk. */
const WARM_SERVICES = 1000;

type Idle = (f: () => void, o?: { timeout: number }) => number;

/** The node whose rules a walk from the selected element would read first. */
export function nodeOfSelection(cluster: Cluster, id: string | undefined): string | undefined {
  const m = /^(?:node|tile):([^/]+)$/.exec(id ?? '');
  if (m?.[1]) return cluster.nodeByName.has(m[1]) ? m[1] : undefined;
  const pod = /^pod:([^/]+\/[^/]+)$/.exec(id ?? '');
  return pod?.[1] ? cluster.podByKey.get(pod[1])?.nodeName : undefined;
}

/** Nodes to warm next for this state (most wanted first), or none for a small cluster. */
export function warmupNodes(s: AppState, cluster: Cluster): string[] {
  if (!s.tracingReady || s.loading || !isOverview(cluster)) return [];
  // Only where one node's rules build in a fraction of a second: with 2,000 Services (47,000
  // lines) building them froze the page for seconds on a loaded machine (bench:app).
  if (cluster.services.length > WARM_SERVICES) return [];
  const last = cluster.nodes[cluster.nodes.length - 1]?.name;
  const selected = nodeOfSelection(cluster, s.selection);
  return [...new Set([selected, last].filter((n): n is string => n !== undefined))];
}

export function installRuleWarmup(store: AppStore, idle?: Idle): () => void {
  const ric: Idle =
    idle ??
    (window.requestIdleCallback?.bind(window) as Idle | undefined) ??
    ((f) => window.setTimeout(f, 300));
  const done = new WeakMap<Cluster, Set<string>>();
  let scheduled = false;
  const next = (): void => {
    scheduled = false;
    const s = store.getState();
    const tracing = loadedTracing();
    if (!tracing || s.playing) return;
    const cluster = deriveCluster(s.scenario);
    const warm = done.get(cluster) ?? new Set<string>();
    done.set(cluster, warm);
    const proxy = tracing.serviceProxyFor(cluster);
    const node = warmupNodes(s, cluster).find((n) => !warm.has(n));
    if (!node || !proxy) return;
    warm.add(node);
    const families = new Set(
      cluster.nodeByName.get(node)?.ips.map((a) => (a.includes(':') ? 6 : 4)),
    );
    for (const f of families) proxy.view(cluster, node, f);
    schedule();
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    ric(next, { timeout: 4000 });
  };
  schedule();
  return store.subscribe((s, prev) => {
    if (
      s.tracingReady !== prev.tracingReady ||
      s.scenario !== prev.scenario ||
      s.proxyEpoch !== prev.proxyEpoch ||
      s.selection !== prev.selection ||
      s.loading !== prev.loading ||
      s.playing !== prev.playing
    )
      schedule();
  });
}
