/**
 * Lines up two walks' hops for a side-by-side view: a global alignment (Needleman–Wunsch) that
 * pairs hops in the same phase, direction and network namespace — the same pod, or the same node —
 * preferring the same kind of hop and the same device, and leaves a gap where one datapath has a
 * hop the other has not (cni0's bridge, Calico's proxy ARP, Cilium's eBPF redirect).
 */
import type { Hop } from '../trace/types';

/** One row: a hop of each walk (indices into its hops), or a gap on one side. */
export interface AlignedRow {
  readonly left?: number;
  readonly right?: number;
}

const place = (h: Hop): string => `${h.phase ?? ''}|${h.direction}|${h.netns ?? h.node ?? ''}`;

/** How well two hops match: 0 = never paired. */
function score(a: Hop, b: Hop): number {
  if (place(a) !== place(b)) return 0;
  return 1 + (a.kind === b.kind ? 2 : 0) + (a.dev !== undefined && a.dev === b.dev ? 1 : 0);
}

export function alignHops(a: readonly Hop[], b: readonly Hop[]): AlignedRow[] {
  const n = a.length;
  const m = b.length;
  // best[i][j]: the best score aligning a[i..] with b[j..]
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const s = score(a[i]!, b[j]!);
      best[i]![j] = Math.max(
        s > 0 ? s + best[i + 1]![j + 1]! : -1,
        best[i + 1]![j]!,
        best[i]![j + 1]!,
      );
    }
  const rows: AlignedRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m) {
      const s = score(a[i]!, b[j]!);
      if (s > 0 && best[i]![j] === s + best[i + 1]![j + 1]!) {
        rows.push({ left: i++, right: j++ });
        continue;
      }
      // A gap: on the side whose hop comes earlier in the walk (left first on ties).
      if (best[i]![j] === best[i + 1]![j]) rows.push({ left: i++ });
      else rows.push({ right: j++ });
      continue;
    }
    rows.push(i < n ? { left: i++ } : { right: j++ });
  }
  return rows;
}
