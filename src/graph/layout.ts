/**
 * The structured layout (DESIGN.md §9): Kubernetes nodes side by side as columns; in each, eth0 on
 * top (wired up to the node-network bus), the routing table and iptables beneath, then the cni0
 * bridge as a vertical bar with the pods on both sides of it so every veth is a short horizontal
 * line. Services sit in a row under the nodes. Deterministic, and stable under edits: a node's
 * pods grow downwards, so adding a pod moves nothing else.
 */
import type { Cluster, DerivedPod } from '@/sim';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export const POD_W = 164;
export const CONTAINER_H = 24;
const CONTAINER_GAP = 6;
const POD_HEAD = 34;
const POD_PAD = 10;
const BRIDGE_GAP = 40;
const ROW_GAP = 46;
const NODE_GAP = 64;
const HOST_TOP = 0;
export const BRIDGE_TOP = 112;
const BUS_Y = -110;

export const NODE_COL_W = 2 * (BRIDGE_GAP + POD_W) + 40;

/** Above this many pods, pods are drawn as single boxes (no containers, no eth0 dot): compact mode. */
export const COMPACT_PODS = 400;
export const COMPACT_POD_H = 30;

export const isCompact = (cluster: Cluster): boolean => cluster.pods.length > COMPACT_PODS;

export function podHeight(p: DerivedPod, compact = false): number {
  if (compact) return COMPACT_POD_H;
  const n = Math.max(1, p.containers.length);
  return POD_HEAD + n * CONTAINER_H + (n - 1) * CONTAINER_GAP + POD_PAD;
}

export interface Layout {
  /** Centre positions of every leaf element. */
  readonly pos: Map<string, { x: number; y: number }>;
  /** Sizes of leaves whose size depends on the cluster (bridge bar, bus). */
  readonly size: Map<string, { w: number; h: number }>;
  /** Which side of the bridge each pod is on. */
  readonly side: Map<string, 'left' | 'right'>;
}

export function computeLayout(cluster: Cluster): Layout {
  const pos = new Map<string, { x: number; y: number }>();
  const size = new Map<string, { w: number; h: number }>();
  const side = new Map<string, 'left' | 'right'>();
  let maxBottom = BRIDGE_TOP + 80;
  const compact = isCompact(cluster);
  const nodeCount = Math.max(1, cluster.nodes.length);
  cluster.nodes.forEach((node, i) => {
    const cx = i * (NODE_COL_W + NODE_GAP);
    pos.set(`node:${node.name}/eth0`, { x: cx - 115, y: HOST_TOP });
    pos.set(`tap:${node.name}`, { x: cx - 115, y: BUS_Y });
    pos.set(`node:${node.name}/routes`, { x: cx - 115, y: HOST_TOP + 60 });
    pos.set(`node:${node.name}/iptables`, { x: cx + 115, y: HOST_TOP + 60 });
    if (node.vxlan) pos.set(`node:${node.name}/flannel.1`, { x: cx + 115, y: HOST_TOP });
    const pods = node.podKeys
      .map((k) => cluster.podByKey.get(k))
      .filter((p): p is DerivedPod => p !== undefined);
    let y = BRIDGE_TOP + 36;
    const rowGap = compact ? 14 : ROW_GAP;
    for (let r = 0; r * 2 < pods.length; r++) {
      const row = pods.slice(r * 2, r * 2 + 2);
      const h = Math.max(...row.map((p) => podHeight(p, compact)));
      row.forEach((p, j) => {
        const s = j === 0 ? 'left' : 'right';
        side.set(p.key, s);
        const px = cx + (s === 'left' ? -1 : 1) * (BRIDGE_GAP + POD_W / 2);
        if (compact) pos.set(`pod:${p.key}`, { x: px, y: y + COMPACT_POD_H / 2 });
        else placePod(pos, p, px, y, s);
        if (!p.hostNetwork)
          pos.set(`vethport:${p.key}`, {
            x: cx + (s === 'left' ? -7 : 7),
            y: y + (compact ? COMPACT_POD_H / 2 : 17),
          });
      });
      y += h + rowGap;
    }
    const barBottom = Math.max(y - rowGap + 10, BRIDGE_TOP + 80);
    pos.set(`node:${node.name}/cni0`, { x: cx, y: (BRIDGE_TOP + barBottom) / 2 });
    size.set(`node:${node.name}/cni0`, { w: 26, h: barBottom - BRIDGE_TOP });
    maxBottom = Math.max(maxBottom, barBottom);
  });
  const first = 0;
  const last = (nodeCount - 1) * (NODE_COL_W + NODE_GAP);
  const busLeft = first - NODE_COL_W / 2 + 10;
  const busRight = last + NODE_COL_W / 2 - 10;
  pos.set('net:nodes', { x: (busLeft + busRight) / 2, y: BUS_Y });
  size.set('net:nodes', { w: busRight - busLeft, h: 14 });
  pos.set('ext:internet', { x: busLeft + 70, y: BUS_Y - 78 });
  pos.set('tap:ext', { x: busLeft + 70, y: BUS_Y });
  let lbX = busLeft + 290;
  for (const s of cluster.services) {
    if (s.type !== 'LoadBalancer' || s.loadBalancerIPs.length === 0) continue;
    pos.set(`lb:${s.key}`, { x: lbX, y: BUS_Y - 90 });
    pos.set(`tap:lb:${s.key}`, { x: lbX, y: BUS_Y });
    lbX += 230;
  }
  const svcY = maxBottom + 115;
  const svcs = cluster.services;
  const span = Math.max(1, svcs.length - 1) * 230;
  const mid = (first + last) / 2;
  svcs.forEach((s, i) => {
    pos.set(`svc:${s.key}`, { x: svcs.length === 1 ? mid : mid - span / 2 + i * 230, y: svcY });
  });
  return { pos, size, side };
}

function placePod(
  pos: Map<string, { x: number; y: number }>,
  p: DerivedPod,
  px: number,
  top: number,
  s: 'left' | 'right',
): void {
  const eth0x = s === 'left' ? px + POD_W / 2 - 26 : px - POD_W / 2 + 26;
  if (!p.hostNetwork) pos.set(`pod:${p.key}/eth0`, { x: eth0x, y: top + 17 });
  p.containers.forEach((c, i) => {
    pos.set(`pod:${p.key}/c/${c.name}`, {
      x: px,
      y: top + POD_HEAD + i * (CONTAINER_H + CONTAINER_GAP) + CONTAINER_H / 2,
    });
  });
  if (p.containers.length === 0)
    pos.set(`pod:${p.key}/c/_`, { x: px, y: top + POD_HEAD + CONTAINER_H / 2 });
}
