/**
 * Judging a lab's connections against `k8snet trace` for the same query: the endpoint the kernel
 * reached is one of the trace's candidates (or its destination), the source the server saw is the
 * last request hop's srcIP — and its port too: kept where the walk keeps it, new where the walk
 * shows MASQUERADE --random-fully rewriting it — "refused" is a rejected walk and "timeout" a
 * dropped or unreachable one. Pure: the suite's runner does the I/O.
 */
import type { Hop, Trace } from '@/sim';

import type { Query } from './queries';

/** One line of `lab.sh probe`. */
export interface LabResult {
  readonly result: 'connected' | 'refused' | 'timeout';
  readonly endpoint: string | null;
  readonly source: string | null;
  readonly sport: number | null;
  readonly detail?: string;
}

export interface Problem {
  readonly message: string;
  /** Worth asking the kernel once more: random-fully drew the client's own port (1 in 64,512). */
  readonly retry?: boolean;
}

const requestHops = (t: Trace): Hop[] => t.hops.filter((h) => h.direction === 'request');

/** host:port → [host, port]. */
function split(hp: string): [string, number] {
  const i = hp.lastIndexOf(':');
  return [hp.slice(0, i), Number(hp.slice(i + 1))];
}

/**
 * What is wrong with one connection, if anything.
 * @param traced the trace of this query following a given candidate endpoint (`endpoint` in a batch)
 */
export function judgeConnection(
  base: Trace,
  r: LabResult,
  traced: (endpoint: string) => Trace | undefined,
): Problem | undefined {
  const cands = base.candidates;
  const walks = [base, ...cands.map(traced).filter((t): t is Trace => t !== undefined)];
  const verdicts = [...new Set(walks.map((t) => t.verdict))].join('/');
  if (r.result === 'refused')
    return walks.some((t) => t.verdict === 'rejected')
      ? undefined
      : {
          message: `the kernel refused (${r.detail ?? ''}); the walk says ${verdicts}: ${base.reason}`,
        };
  if (r.result === 'timeout')
    return walks.some((t) => t.verdict === 'dropped' || t.verdict === 'unreachable')
      ? undefined
      : {
          message: `the kernel timed out (${r.detail ?? ''}); the walk says ${verdicts}: ${base.reason}`,
        };
  const ep = r.endpoint ?? '';
  if (cands.length > 0 && !cands.includes(ep))
    return { message: `the kernel reached ${ep}, which is not a candidate (${cands.join(', ')})` };
  const t = cands.length > 0 ? traced(ep) : base;
  if (!t) return { message: `no trace following ${ep}` };
  if (t.verdict !== 'delivered')
    return {
      message: `the kernel connected to ${ep} (source ${r.source ?? '?'}); the walk following it says ${t.verdict}: ${t.reason}`,
    };
  const req = requestHops(t);
  const first = req[0]?.packet;
  const last = req.at(-1)?.packet;
  if (!first || !last) return { message: 'the walk has no request hops' };
  if (cands.length === 0 && `${last.dstIP}:${last.dstPort ?? ''}` !== ep)
    return {
      message: `the kernel reached ${ep}; the walk delivers to ${last.dstIP}:${last.dstPort ?? ''}`,
    };
  const [sip, sport] = split(r.source ?? ':');
  if (sip !== last.srcIP)
    return {
      message: `the server saw ${r.source ?? '?'}; the walk's last request hop has srcIP ${last.srcIP}`,
    };
  const rewritten = last.srcPort !== first.srcPort;
  if (!rewritten && sport !== r.sport)
    return {
      message: `the server saw port ${sport}, not the client's ${r.sport ?? '?'}; the walk keeps the port (${last.srcPort ?? '?'})`,
    };
  if (rewritten && sport === r.sport)
    return {
      message: `the server saw the client's own port ${sport}; the walk shows it rewritten (${first.srcPort ?? '?'} → ${last.srcPort ?? '?'})`,
      retry: true,
    };
  return undefined;
}

/** sessionAffinity ClientIP: every connection of one client reaches the same endpoint. */
export function judgeAffinity(results: readonly LabResult[]): Problem | undefined {
  const eps = new Set(results.filter((r) => r.result === 'connected').map((r) => r.endpoint));
  return eps.size > 1
    ? { message: `sessionAffinity ClientIP, but one client reached ${[...eps].join(' and ')}` }
    : undefined;
}

/**
 * How many connections: one where nothing is random, else one more than there are endpoints (each
 * is judged on its own; across the suite's scenarios every kind of endpoint is reached many times).
 */
export function connectionsFor(candidates: number): number {
  return candidates <= 1 ? 1 : candidates + 1;
}

export function describeQuery(q: Query): string {
  return `${q.kind}: ${q.from} → ${q.to}:${q.port}/${q.protocol}${q.node ? ` --node ${q.node}` : ''}`;
}
