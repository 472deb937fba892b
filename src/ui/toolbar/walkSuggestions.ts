/**
 * Suggestions for the walk form's inputs: every ref a walk can start from or go to, computed once
 * per cluster; the datalist only ever holds the few that match what is typed (a 10,000-pod
 * cluster would otherwise put 30,000 <option>s in the page).
 */
import type { Cluster } from '@/sim';

import { OUTSIDE_CLIENT } from '../canvas/pickRef';

export interface Suggestion {
  readonly value: string;
  readonly label?: string;
}

const LIMIT = 40;
const memo = new WeakMap<Cluster, { from: Suggestion[]; to: Suggestion[] }>();

function all(cluster: Cluster): { from: Suggestion[]; to: Suggestion[] } {
  const hit = memo.get(cluster);
  if (hit) return hit;
  const pods = cluster.pods.map((p) => ({ value: `pod/${p.namespace}/${p.name}` }));
  const nodes = cluster.nodes.map((n) => ({ value: `node/${n.name}` }));
  const svcs = cluster.services.map((s) => ({ value: `svc/${s.namespace}/${s.name}` }));
  const dns = cluster.services
    .filter((s) => s.type !== 'ExternalName')
    .map((s) => ({ value: `${s.name}.${s.namespace}.svc.${cluster.settings.dnsDomain}` }));
  const out = {
    from: [...pods, ...nodes, { value: OUTSIDE_CLIENT, label: 'an outside client' }],
    to: [...pods, ...svcs, ...dns, ...nodes, { value: '93.184.216.34', label: 'an internet host' }],
  };
  memo.set(cluster, out);
  return out;
}

/** Up to 40 suggestions containing the typed text (all kinds, in the order above). */
export function suggestions(cluster: Cluster, side: 'from' | 'to', typed: string): Suggestion[] {
  const list = all(cluster)[side];
  const needle = typed.trim().toLowerCase();
  if (!needle) return list.length <= LIMIT ? list : list.slice(0, LIMIT);
  const out: Suggestion[] = [];
  for (const s of list) {
    if (s.value.toLowerCase().includes(needle) || s.label?.includes(needle)) out.push(s);
    if (out.length >= LIMIT) break;
  }
  return out;
}
