/**
 * `npm run bench`: timings as JSON lines {"name", "median_ms", "p95_ms", …} (DESIGN.md §7).
 * Traces run on a warm cluster (derived once, rules built on first use); the cold numbers are
 * reported separately.
 */
import {
  connectivityMatrix,
  deriveCluster,
  loadServiceProxy,
  serviceProxyFor,
  trace,
  validate,
  type Scenario,
  type TraceRequest,
} from '../src/sim/index';
import { bigScenario } from '../src/sim/netpol/testdata/big';

import { generatedCluster } from './generate';

function stats(samples: number[]): {
  median_ms: number;
  p95_ms: number;
  min_ms: number;
  max_ms: number;
} {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    median_ms: r(at(0.5)),
    p95_ms: r(at(0.95)),
    min_ms: r(s[0] ?? 0),
    max_ms: r(s[s.length - 1] ?? 0),
  };
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function benchTrace(name: string, scenario: Scenario, runs: number): void {
  let cluster = deriveCluster(scenario);
  const deriveMs = time(() => {
    cluster = deriveCluster(JSON.parse(JSON.stringify(scenario)) as Scenario);
  });
  const pods = cluster.pods;
  const svcs = cluster.services;
  const queries: TraceRequest[] = [];
  for (let i = 0; i < runs; i++) {
    const a = pods[(i * 7919) % pods.length];
    const b = pods[(i * 104729 + 13) % pods.length];
    const s = svcs[(i * 31) % Math.max(1, svcs.length)];
    if (!a || !b) continue;
    queries.push(
      i % 2 === 0 || !s
        ? { from: `pod/${a.key}`, to: `pod/${b.key}`, port: 8080 }
        : { from: `pod/${a.key}`, to: `svc/${s.key}`, port: 80 },
    );
  }
  // Cold: a pod on the first node to a Service from a pod on the last — kube-proxy's rules for
  // both nodes are generated and parsed on first use (per node, then cached), in either mode.
  const first = pods[0];
  const last = pods[pods.length - 1];
  const coldQuery: TraceRequest =
    first && last && svcs[0]
      ? { from: `pod/${last.key}`, to: `svc/${svcs[0].key}`, port: 80 }
      : (queries[0] as TraceRequest);
  const coldMs = time(() => trace(cluster, coldQuery));
  const rulesMs = cluster.nodes
    .slice(1, 6)
    .map((n) => time(() => serviceProxyFor(cluster)?.view(cluster, n.name, 4)))
    .sort((a, b) => a - b);
  for (const q of queries.slice(0, 50)) trace(cluster, q);
  const samples = queries.map((q) => time(() => trace(cluster, q)));
  const verdicts = new Map<string, number>();
  for (const q of queries.slice(0, 200)) {
    const v = trace(cluster, q).verdict;
    verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
  }
  console.log(
    JSON.stringify({
      name,
      ...stats(samples),
      runs: samples.length,
      nodes: cluster.nodes.length,
      pods: pods.length,
      services: svcs.length,
      policies: cluster.networkPolicies.length,
      derive_ms: Math.round(deriveMs),
      first_trace_ms: Math.round(coldMs * 10) / 10,
      node_rules_median_ms: Math.round((rulesMs[rulesMs.length >> 1] ?? 0) * 10) / 10,
      verdicts: Object.fromEntries(verdicts),
    }),
  );
}

function benchMatrix(name: string, scenario: Scenario, runs: number): void {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const fresh = deriveCluster(JSON.parse(JSON.stringify(scenario)) as Scenario);
    samples.push(time(() => connectivityMatrix(fresh, 8000, 'TCP')));
  }
  const c = deriveCluster(scenario);
  console.log(
    JSON.stringify({
      name,
      ...stats(samples),
      runs,
      pods: c.pods.length,
      policies: c.networkPolicies.length,
    }),
  );
}

function benchValidate(name: string, scenario: Scenario, runs: number): void {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const copy = JSON.parse(JSON.stringify(scenario)) as Scenario;
    samples.push(time(() => validate(copy)));
  }
  console.log(JSON.stringify({ name, ...stats(samples), runs }));
}

/** The same cluster with kube-proxy in nftables mode. */
const nftables = (s: Scenario): Scenario => ({
  ...s,
  cluster: { ...s.cluster, kubeProxy: { ...s.cluster.kubeProxy, mode: 'nftables' } },
});

await loadServiceProxy('nftables');
benchTrace('trace/10-nodes', generatedCluster(10, 30, 100, 20), 2000);
benchTrace('trace/100-nodes', generatedCluster(100, 30, 1000, 200), 2000);
benchTrace('trace/100-nodes-nftables', nftables(generatedCluster(100, 30, 1000, 200)), 2000);
benchMatrix('matrix/1000-pods', bigScenario(1000, 100), 7);
benchValidate('validate/100-nodes', generatedCluster(100, 30, 1000, 200), 5);
