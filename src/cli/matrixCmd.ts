/**
 * `k8snet matrix`: the pod × pod connectivity matrix under the NetworkPolicies, for one port and
 * protocol. JSON cells carry the deciding policy, its direction and the reason; the text grid
 * marks each denied cell with a letter that stands for the policy (and direction) that denied it.
 */
import { connectivityMatrix, deriveCluster, type ConnectivityMatrix, type MatrixCell } from '@/sim';

import { has, type Args } from './args';
import { loadInput, type Out } from './input';
import { portFlag, protocolFlag } from './options';

/** The port the matrix is for when --port is not given. */
const DEFAULT_PORT = 80;
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

interface JsonCell {
  readonly from: string;
  readonly to: string;
  readonly allowed: boolean;
  /** "namespace/name" of the deciding policy; absent when no policy isolates either pod. */
  readonly policy?: string;
  readonly direction?: 'ingress' | 'egress';
  readonly reason: string;
}

function jsonCell(from: string, to: string, c: MatrixCell): JsonCell {
  return {
    from,
    to,
    allowed: c.allowed,
    ...(c.policy !== undefined ? { policy: c.policy } : {}),
    ...(c.direction !== undefined && c.policy !== undefined ? { direction: c.direction } : {}),
    reason: c.verdict.reason,
  };
}

/** The policy (and direction) that denied a cell, or undefined for an allowed cell. */
function denier(m: ConnectivityMatrix, i: number, j: number): string | undefined {
  if (m.allowed[i * m.pods.length + j] === 1) return undefined;
  const c = m.decidingPolicy(i, j);
  return c.policy !== undefined ? `${c.policy} (${c.direction ?? 'ingress'})` : '';
}

/** The grid lines, then the column numbers and the legend of the letters of denied cells. */
function textGrid(m: ConnectivityMatrix): string[] {
  const grid = m.pods.map((_, i) => m.pods.map((_, j) => denier(m, i, j)));
  const keys = [...new Set(grid.flat())].filter((k): k is string => !!k).sort();
  const letterOf = new Map(keys.map((k, x) => [k, LETTERS[x] ?? '·']));
  const mark = (k: string | undefined): string =>
    k === undefined ? '✓' : (letterOf.get(k) ?? '·');
  const w = Math.max(4, ...m.pods.map((p) => p.length));
  const rows = m.pods.map((src, i) => `${src.padEnd(w)}  ${(grid[i] ?? []).map(mark).join(' ')}`);
  const columns = m.pods.map((p, j) => `${String(j + 1).padStart(3)} ${p}`);
  const legend = keys.slice(0, LETTERS.length).map((k, x) => `  ${LETTERS[x] ?? ''}  ${k}`);
  if (keys.length > LETTERS.length) legend.push('  ·  another policy (see --json)');
  return [...rows, '', ...columns, ...(legend.length > 0 ? ['', 'denied by:', ...legend] : [])];
}

export function matrixCommand(args: Args, out: Out, err: Out = () => {}): number {
  const port = portFlag(args) ?? DEFAULT_PORT;
  const protocol = protocolFlag(args) ?? 'TCP';
  const { scenario } = loadInput(args.positional[0], err);
  const m = connectivityMatrix(deriveCluster(scenario), port, protocol);
  if (has(args, 'json')) {
    const cells = m.pods.flatMap((src, i) =>
      m.pods.map((dst, j) => jsonCell(src, dst, m.decidingPolicy(i, j))),
    );
    out(JSON.stringify({ port, protocol, pods: m.pods, cells }, null, 2));
    return 0;
  }
  out(
    `${protocol} ${port}: rows = from, columns = to (✓ allowed; a letter = denied by the policy it stands for, listed below)`,
  );
  for (const line of textGrid(m)) out(line);
  return 0;
}
