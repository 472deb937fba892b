/**
 * The structured layout (DESIGN.md §9): Kubernetes nodes side by side as columns; in each, eth0 on
 * top (wired up to the node-network bus), the routing table and iptables beneath, then the cni0
 * bridge as a vertical bar with the pods on both sides of it so every veth is a short horizontal
 * line. Services sit in a row under the nodes. Deterministic, and stable under edits: a node's
 * pods grow downwards, so adding a pod moves nothing else.
 */
import type { Cluster, DerivedNode, DerivedPod, DerivedService } from '@/sim';

import { nodeColumns, scopedColumns } from './columns';
import { isOverview } from './overview/mode';

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
/** Extra room between the nodes of two subnets (their buses are separate) and of two zones. */
const SUBNET_GAP = 90;
const ZONE_GAP = 36;

export const NODE_COL_W = 2 * (BRIDGE_GAP + POD_W) + 40;

export const COMPACT_POD_H = 30;

/**
 * On the overview (large clusters) the nodes in focus draw each pod as one box (no containers, no
 * eth0 dot; those are in the inspector): a full pod is a compound of 3–4 elements, and Cytoscape
 * restyles every compound's parents and children on each change, which made opening a node of 30
 * pods take a second (npm run bench:app, 300 pods). Small clusters keep the full pods.
 */
export const isCompact = (cluster: Cluster): boolean => isOverview(cluster);

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

/**
 * Positions for the whole cluster, or for a scope: only these node columns (in this order, kept
 * together by subnet) and these Services (the overview's focus).
 */
export function computeLayout(
  cluster: Cluster,
  scope?: { readonly nodes: readonly DerivedNode[]; readonly services: readonly DerivedService[] },
): Layout {
  const pos = new Map<string, { x: number; y: number }>();
  const size = new Map<string, { w: number; h: number }>();
  const side = new Map<string, 'left' | 'right'>();
  let maxBottom = BRIDGE_TOP + 80;
  const compact = isCompact(cluster);
  const columns = scope ? scopedColumns(scope.nodes) : nodeColumns(cluster);
  const colX = new Map<string, number>();
  let x = 0;
  columns.forEach((col, i) => {
    const prev = columns[i - 1];
    if (prev && prev.subnet !== col.subnet) x += SUBNET_GAP;
    else if (prev && prev.zoneBox !== col.zoneBox) x += ZONE_GAP;
    colX.set(col.node.name, x);
    x += NODE_COL_W + NODE_GAP;
  });
  columns.forEach(({ node }) => {
    const cx = colX.get(node.name) ?? 0;
    pos.set(`node:${node.name}/eth0`, { x: cx - 115, y: HOST_TOP });
    pos.set(`tap:${node.name}`, { x: cx - 115, y: BUS_Y });
    pos.set(`node:${node.name}/routes`, { x: cx - 115, y: HOST_TOP + 60 });
    pos.set(`node:${node.name}/iptables`, { x: cx + 115, y: HOST_TOP + 60 });
    // The CNI's devices: the tunnel above iptables (beside eth0), a router device (cilium_host) between.
    for (const d of node.devices) {
      if (d.role === 'tunnel') pos.set(d.id, { x: cx + 115, y: HOST_TOP });
      else if (d.role === 'router') pos.set(d.id, { x: cx, y: HOST_TOP + 60 + 46 });
    }
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
    pos.set(node.podAttach.id, { x: cx, y: (BRIDGE_TOP + barBottom) / 2 });
    size.set(node.podAttach.id, { w: 26, h: barBottom - BRIDGE_TOP });
    maxBottom = Math.max(maxBottom, barBottom);
  });
  const first = 0;
  const last = Math.max(0, x - NODE_COL_W - NODE_GAP);
  const busLeft = first - NODE_COL_W / 2 + 10;
  placeBuses(cluster, colX, pos, size, last, scope !== undefined);
  let lbX = busLeft + 290;
  const svcs = scope?.services ?? cluster.services;
  for (const s of svcs) {
    if (s.type !== 'LoadBalancer' || s.loadBalancerIPs.length === 0) continue;
    pos.set(`lb:${s.key}`, { x: lbX, y: BUS_Y - 90 });
    pos.set(`tap:lb:${s.key}`, { x: lbX, y: BUS_Y });
    lbX += 230;
  }
  const svcY = maxBottom + 115;
  const span = Math.max(1, svcs.length - 1) * 230;
  const mid = (first + last) / 2;
  svcs.forEach((s, i) => {
    pos.set(`svc:${s.key}`, { x: svcs.length === 1 ? mid : mid - span / 2 + i * 230, y: svcY });
  });
  return { pos, size, side };
}

/**
 * One bus per subnet under its own nodes (subnets without nodes after the last one, unless only
 * the drawn ones are wanted), and the router above them, wired to each bus by a tap near the
 * bus's left end.
 */
function placeBuses(
  cluster: Cluster,
  colX: ReadonlyMap<string, number>,
  pos: Map<string, { x: number; y: number }>,
  size: Map<string, { w: number; h: number }>,
  last: number,
  onlyDrawn: boolean,
): void {
  let spare = last + NODE_COL_W + NODE_GAP + SUBNET_GAP;
  const spans: { left: number; right: number }[] = [];
  for (const s of cluster.subnets) {
    const xs = s.nodes.map((n) => colX.get(n)).filter((v): v is number => v !== undefined);
    // A scope (the overview's focus) draws only the subnets of the nodes it shows.
    if (onlyDrawn && xs.length === 0) continue;
    let left: number;
    let right: number;
    if (xs.length > 0) {
      left = Math.min(...xs) - NODE_COL_W / 2 + 10;
      right = Math.max(...xs) + NODE_COL_W / 2 - 10;
    } else {
      left = spare - NODE_COL_W / 2 + 10;
      right = spare + NODE_COL_W / 2 - 10;
      spare += NODE_COL_W + NODE_GAP + SUBNET_GAP;
    }
    pos.set(s.id, { x: (left + right) / 2, y: BUS_Y });
    size.set(s.id, { w: right - left, h: 14 });
    pos.set(routerTapId(s.id), { x: left + 70, y: BUS_Y });
    spans.push({ left, right });
  }
  const left = Math.min(...spans.map((s) => s.left), -NODE_COL_W / 2 + 10);
  const right = Math.max(...spans.map((s) => s.right), NODE_COL_W / 2 - 10);
  pos.set(
    'ext:internet',
    spans.length > 1 ? { x: (left + right) / 2, y: BUS_Y - 120 } : { x: left + 70, y: BUS_Y - 78 },
  );
}

/** The point where the router's link meets a subnet's bus. */
export const routerTapId = (subnetId: string): string => `tap:router:${subnetId}`;

function placePod(
  pos: Map<string, { x: number; y: number }>,
  p: DerivedPod,
  px: number,
  top: number,
  s: 'left' | 'right',
): void {
  const eth0x = s === 'left' ? px + POD_W / 2 - 26 : px - POD_W / 2 + 26;
  if (!p.hostNetwork) pos.set(`pod:${p.key}/eth0`, { x: eth0x, y: top + 17 });
  // The pause container sits in the pod's top row, on the side away from eth0.
  const pausex = s === 'left' ? px - POD_W / 2 + 30 : px + POD_W / 2 - 30;
  pos.set(`pod:${p.key}/pause`, { x: pausex, y: top + 17 });
  p.containers.forEach((c, i) => {
    pos.set(`pod:${p.key}/c/${c.name}`, {
      x: px,
      y: top + POD_HEAD + i * (CONTAINER_H + CONTAINER_GAP) + CONTAINER_H / 2,
    });
  });
  if (p.containers.length === 0)
    pos.set(`pod:${p.key}/c/_`, { x: px, y: top + POD_HEAD + CONTAINER_H / 2 });
}
