/** `k8snet trace`: one walk (text or --json), or --batch with one query per line. */
import { deriveCluster, resolveRef, trace, type Cluster, type TraceRequest } from '@/sim';

import { flag, has, UsageError, type Args } from './args';
import { loadInput, readText, type Out } from './input';
import { portFlag, portOf, protocolFlag, protocolOf } from './options';
import { formatTrace } from './traceText';

export function traceCommand(args: Args, out: Out, err: Out = () => {}): number {
  const loaded = loadInput(args.positional[0], err);
  const cluster = deriveCluster(loaded.scenario);
  const batch = flag(args, 'batch');
  if (batch !== undefined) return runBatch(cluster, batch, out);
  const from = flag(args, 'from');
  const to = flag(args, 'to');
  if (!from || !to)
    throw new UsageError('trace needs --from <ref> and --to <ref> (or --batch <queries.jsonl>)');
  const seed = flag(args, 'seed');
  const endpoint = flag(args, 'endpoint');
  const node = flag(args, 'node');
  const port = portFlag(args);
  const protocol = protocolFlag(args);
  const req: TraceRequest = {
    from,
    to,
    ...(port !== undefined ? { port } : {}),
    ...(protocol ? { protocol } : {}),
    ...(node ? { node } : {}),
    ...(seed !== undefined ? { seed: Number(seed) } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
  checkRequest(cluster, req);
  const t = trace(cluster, req);
  out(has(args, 'json') ? JSON.stringify(t, null, 2) : formatTrace(t));
  return 0;
}

/** A ref or node that names nothing is a usage error (stderr, exit 2), not a walk. */
function checkRequest(cluster: Cluster, req: TraceRequest): void {
  for (const [name, ref] of [
    ['from', req.from],
    ['to', req.to],
  ] as const) {
    const r = resolveRef(cluster, ref);
    if (!r.ok) throw new UsageError(`${name}: ${r.error}`);
  }
  if (req.node !== undefined && !cluster.nodeByName.has(req.node))
    throw new UsageError(
      `node ${req.node}: no such node (nodes: ${cluster.nodes.map((n) => n.name).join(', ') || 'none'})`,
    );
}

function runBatch(cluster: Cluster, file: string, out: (s: string) => void): number {
  const lines = readText(file).split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      const q = JSON.parse(line) as Record<string, unknown>;
      if (typeof q.from !== 'string' || typeof q.to !== 'string')
        throw new UsageError('"from" and "to" must be strings');
      const port = portOf(q.port, 'port');
      const protocol = protocolOf(q.protocol, 'protocol');
      const seed = seedOf(q.seed);
      const endpoint = endpointOf(q.endpoint);
      const req: TraceRequest = {
        from: q.from,
        to: q.to,
        ...(port !== undefined ? { port } : {}),
        ...(protocol ? { protocol } : {}),
        ...(typeof q.node === 'string' && q.node ? { node: q.node } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(endpoint !== undefined ? { endpoint } : {}),
      };
      checkRequest(cluster, req);
      out(JSON.stringify(trace(cluster, req)));
    } catch (e) {
      out(JSON.stringify({ error: `line ${i + 1}: ${(e as Error).message}` }));
    }
  }
  return 0;
}

/** A query's "seed": an integer (a number or its decimal text), as --seed takes it. */
function seedOf(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new UsageError(`"seed" must be an integer, got ${JSON.stringify(v)}`);
  return n;
}

/** A query's "endpoint": the candidate to follow, "IP:PORT" or "[v6]:PORT" (like --endpoint). */
function endpointOf(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' || !/^(\[[0-9a-fA-F:.]+\]|[0-9.]+):\d+$/.test(v))
    throw new UsageError(
      `"endpoint" must be "IP:PORT" (or "[IPv6]:PORT"), one of the trace's candidates; got ${JSON.stringify(v)}`,
    );
  return v;
}
