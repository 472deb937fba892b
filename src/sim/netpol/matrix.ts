/**
 * The pod×pod connectivity matrix under the cluster's NetworkPolicies, for one port and protocol.
 * Built from the compiled index's per-rule pod bitsets: per pod, the rows its isolating policies
 * admit are ORed word by word, so no selector is matched per cell. Memoised per Cluster object.
 */
import type { Cluster } from '../derive/types';

import { bitset, hasBit, orInto, setBit, type Bitset } from './bitset';
import { netpolIndex, type CompiledRule, type NetpolIndex } from './compile';
import { judgeConnection } from './evaluate';
import { portEntryMatches, resolvePeer } from './match';
import type { ConnectivityMatrix, MatrixCell, PolicyDirection, PolicyProtocol } from './types';

const memo = new WeakMap<Cluster, Map<string, ConnectivityMatrix>>();

/**
 * Every pod to every pod on `port`/`protocol` (the destination pod's port). A cell is allowed iff
 * the source's egress AND the destination's ingress allow it, exactly as evaluateConnection says.
 */
export function connectivityMatrix(
  cluster: Cluster,
  port: number | undefined,
  protocol: PolicyProtocol = 'TCP',
): ConnectivityMatrix {
  let byTraffic = memo.get(cluster);
  if (!byTraffic) {
    byTraffic = new Map();
    memo.set(cluster, byTraffic);
  }
  const key = `${protocol}/${port ?? '*'}`;
  const hit = byTraffic.get(key);
  if (hit) return hit;
  const m = build(netpolIndex(cluster), port, protocol);
  byTraffic.set(key, m);
  return m;
}

/** `true` = every destination; `false` = none; a bitset = destinations whose named port matches. */
type PortAdmission = boolean | Bitset;

function build(
  ix: NetpolIndex,
  port: number | undefined,
  protocol: PolicyProtocol,
): ConnectivityMatrix {
  const pods = ix.pods;
  const n = pods.length;

  const admissions = new Map<CompiledRule, PortAdmission>();
  const admission = (r: CompiledRule): PortAdmission => {
    const hit = admissions.get(r);
    if (hit !== undefined) return hit;
    let a: PortAdmission;
    if (
      !r.ports ||
      r.ports.some((q) => q.name === undefined && portEntryMatches(q, port, protocol, undefined))
    ) {
      a = true;
    } else {
      const named = r.ports.filter((q) => q.name !== undefined && q.protocol === protocol);
      if (named.length === 0 || port === undefined) a = false;
      else {
        // Named ports resolve per destination pod (by name AND protocol), never on node traffic.
        const b = bitset(n);
        pods.forEach((p, j) => {
          if (!p.hostNetwork && named.some((q) => portEntryMatches(q, port, protocol, p)))
            setBit(b, j);
        });
        a = b;
      }
    }
    admissions.set(r, a);
    return a;
  };

  // hostNetwork pods send as their node: ingress from the destination's own node is always allowed.
  const hostPodsByNode = new Map<string, number[]>();
  pods.forEach((p, i) => {
    if (!p.hostNetwork || p.nodeName === undefined) return;
    const list = hostPodsByNode.get(p.nodeName);
    if (list) list.push(i);
    else hostPodsByNode.set(p.nodeName, [i]);
  });

  // ingress[j]: the sources pod j admits (undefined = not isolated, everything).
  const ingress: (Bitset | undefined)[] = pods.map((p, j) => {
    if (p.hostNetwork) return undefined;
    const sel = ix.selection(j).ingress;
    if (sel.length === 0) return undefined;
    const row = bitset(n);
    for (const pol of sel)
      for (const r of pol.ingress ?? []) {
        const a = admission(r);
        if (a === true || (a !== false && hasBit(a, j))) orInto(row, r.pods());
      }
    setBit(row, j);
    for (const h of p.nodeName !== undefined ? (hostPodsByNode.get(p.nodeName) ?? []) : [])
      setBit(row, h);
    return row;
  });

  // egress[i]: the destinations pod i may reach (undefined = not isolated).
  const egress: (Bitset | undefined)[] = pods.map((p, i) => {
    if (p.hostNetwork) return undefined;
    const sel = ix.selection(i).egress;
    if (sel.length === 0) return undefined;
    const row = bitset(n);
    for (const pol of sel)
      for (const r of pol.egress ?? []) {
        const a = admission(r);
        if (a === true) orInto(row, r.pods());
        else if (a !== false) {
          const peers = r.pods();
          for (let w = 0; w < row.length; w++)
            row[w] = (row[w] ?? 0) | ((peers[w] ?? 0) & (a[w] ?? 0));
        }
      }
    setBit(row, i);
    return row;
  });

  const allowed = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    const e = egress[i];
    const base = i * n;
    const word = i >>> 5;
    const bit = 1 << (i & 31);
    for (let j = 0; j < n; j++) {
      const inRow = ingress[j];
      if (inRow !== undefined && ((inRow[word] ?? 0) & bit) === 0) continue;
      if (e !== undefined && (((e[j >>> 5] ?? 0) >>> (j & 31)) & 1) === 0) continue;
      allowed[base + j] = 1;
    }
  }

  const index = new Map(pods.map((p, i) => [p.key, i]));
  const at = (x: string | number): number => {
    const i = typeof x === 'number' ? x : (index.get(x) ?? -1);
    if (i < 0 || i >= n || !Number.isInteger(i))
      throw new RangeError(`no pod ${String(x)} in the matrix`);
    return i;
  };
  return {
    pods: pods.map((p) => p.key),
    index,
    port,
    protocol,
    allowed,
    isAllowed: (src, dst) => allowed[at(src) * n + at(dst)] === 1,
    decidingPolicy: (src, dst): MatrixCell => {
      const s = resolvePeer(ix, { kind: 'pod', key: pods[at(src)]?.key ?? '' });
      const d = resolvePeer(ix, { kind: 'pod', key: pods[at(dst)]?.key ?? '' });
      const verdict = judgeConnection(ix, s, d, port, protocol);
      const pick = (policy: string | undefined, direction: PolicyDirection): MatrixCell =>
        policy !== undefined
          ? { allowed: verdict.allowed, policy, direction, verdict }
          : { allowed: verdict.allowed, verdict };
      if (verdict.allowed) {
        const by = verdict.ingress?.allowedBy ?? verdict.egress?.allowedBy;
        return pick(by?.policy, verdict.ingress?.allowedBy ? 'ingress' : 'egress');
      }
      const denying = verdict.egress && !verdict.egress.allowed ? verdict.egress : verdict.ingress;
      return pick(denying?.selectingPolicies[0], denying?.direction ?? 'ingress');
    },
  };
}
