/**
 * Topology hints as the EndpointSlice controller writes them (staging/src/k8s.io/endpointslice:
 * reconciler.go, trafficdist/trafficdist.go, topologycache/). Per Service, in precedence order:
 * the annotation `service.kubernetes.io/topology-aware-hints` (or, when that is absent,
 * `service.kubernetes.io/topology-mode`) set to Auto/auto selects the Auto heuristic; otherwise a
 * valid `spec.trafficDistribution` selects same-zone (PreferClose, PreferSameZone) or same-node
 * (PreferSameNode) hints; otherwise the controller removes all hints. See reference/topology.md §7.
 */
import type { Endpoint, Node } from '../model/k8s';
import { CONTROL_PLANE_LABELS, zoneOf } from '../model/topology';

import type { DerivedService, HintsDecision } from './types';

const ANNOTATION_MODE = 'service.kubernetes.io/topology-mode';
const ANNOTATION_DEPRECATED = 'service.kubernetes.io/topology-aware-hints';
/** topologycache's overloadThreshold: a zone may be 20 % over its CPU share. */
const OVERLOAD = 0.2;

const ready = (e: Endpoint): boolean => e.conditions?.ready !== false;

/** Which heuristic a Service selects. */
export function hintsHeuristic(svc: DerivedService): HintsDecision['heuristic'] {
  const a = svc.annotations[ANNOTATION_DEPRECATED] ?? svc.annotations[ANNOTATION_MODE];
  if (a === 'Auto' || a === 'auto') return 'Auto';
  const td = svc.trafficDistribution;
  if (td === 'PreferClose' || td === 'PreferSameZone') return 'PreferSameZone';
  if (td === 'PreferSameNode') return 'PreferSameNode';
  return 'none';
}

export interface Hinted {
  readonly endpoints: Endpoint[];
  readonly decision: HintsDecision;
}

/** The endpoints of one Service with the hints the controller would write, and why. */
export function assignHints(
  svc: DerivedService,
  endpoints: readonly Endpoint[],
  nodes: readonly Node[],
): Hinted {
  const heuristic = hintsHeuristic(svc);
  const strip = (): Endpoint[] => endpoints.map(({ hints: _h, ...e }) => e);
  if (heuristic === 'none')
    return {
      endpoints: strip(),
      decision: {
        heuristic,
        enabled: false,
        reason: 'no trafficDistribution or topology-mode annotation: no hints',
      },
    };
  if (heuristic !== 'Auto') {
    const byNode = heuristic === 'PreferSameNode';
    return {
      endpoints: endpoints.map((e) =>
        ready(e)
          ? {
              ...e,
              hints: {
                ...(e.zone ? { forZones: [{ name: e.zone }] } : {}),
                ...(byNode && e.nodeName ? { forNodes: [{ name: e.nodeName }] } : {}),
              },
            }
          : e,
      ),
      decision: {
        heuristic,
        enabled: true,
        reason: `trafficDistribution ${svc.trafficDistribution ?? ''}: each ready endpoint is hinted for its own zone${byNode ? ' and its own node' : ''}`,
      },
    };
  }
  const auto = autoHints(endpoints, nodes);
  if (typeof auto === 'string')
    return {
      endpoints: strip(),
      decision: { heuristic, enabled: false, reason: `TopologyAwareHintsDisabled: ${auto}` },
    };
  return auto;
}

/** Allocatable CPU in cores ("4", "3800m", 2). */
export function cpuCores(q: string | number | undefined): number {
  if (typeof q === 'number') return q;
  const m = /^\s*(\d+(?:\.\d+)?)(m)?\s*$/.exec(q ?? '');
  if (!m) return 0;
  return Number(m[1]) / (m[2] ? 1000 : 1);
}

/** Each zone's share of the allocatable CPU of ready worker nodes, or why there is none. */
export function cpuShares(nodes: readonly Node[]): Map<string, number> | string {
  const byZone = new Map<string, number>();
  let total = 0;
  for (const n of nodes) {
    const labels = n.metadata.labels ?? {};
    if (CONTROL_PLANE_LABELS.some((l) => l in labels)) continue;
    const cond = n.status?.conditions?.find((c) => c.type === 'Ready');
    if (cond && cond.status !== 'True') continue;
    const zone = zoneOf(n.metadata);
    const cpu = cpuCores(n.status?.allocatable?.cpu);
    if (zone === undefined || cpu <= 0)
      return `Insufficient Node information: allocatable CPU or zone not specified on one or more nodes (${n.metadata.name})`;
    byZone.set(zone, (byZone.get(zone) ?? 0) + cpu);
    total += cpu;
  }
  if (total <= 0) return 'Insufficient Node information: no ready worker node';
  if (byZone.size < 2) return 'Nodes only ready in one zone';
  return new Map([...byZone].map(([z, c]) => [z, c / total]));
}

interface Allocation {
  readonly desired: number;
  readonly minimum: number;
}

/** topologycache.AddHints for one Service: proportional to CPU, with the 20 % overload rule. */
function autoHints(endpoints: readonly Endpoint[], nodes: readonly Node[]): Hinted | string {
  const shares = cpuShares(nodes);
  if (typeof shares === 'string') return shares;
  const n = endpoints.filter(ready).length;
  const zones = [...shares.keys()].sort();
  if (zones.length > n)
    return `Insufficient number of endpoints (${n} endpoints, ${zones.length} zones)`;
  const alloc = new Map<string, Allocation>();
  let remaining = n;
  for (const z of zones) {
    const desired = (shares.get(z) ?? 0) * n;
    const minimum = Math.ceil(desired * (1 / (1 + OVERLOAD)));
    alloc.set(z, { desired: Math.max(desired, minimum), minimum });
    remaining -= minimum;
    if (remaining < 0)
      return `Unable to allocate minimum required endpoints to each zone without exceeding overload threshold (${n} endpoints, ${zones.length} zones)`;
  }
  if (endpoints.some((e) => ready(e) && !e.zone))
    return 'One or more endpoints do not have a zone specified';
  // Step 1: every ready endpoint is hinted for its own zone.
  const out: Endpoint[] = endpoints.map(({ hints: _h, ...e }) =>
    ready(e) && e.zone ? { ...e, hints: { forZones: [{ name: e.zone }] } } : e,
  );
  const count = new Map<string, number>();
  for (const e of out) if (ready(e) && e.zone) count.set(e.zone, (count.get(e.zone) ?? 0) + 1);
  // Step 2: zones over their target give whole endpoints to zones under it.
  const { giving, receiving } = givingAndReceiving(alloc, count);
  // Step 3: re-hint donated endpoints for the receiving zone.
  out.forEach((e, i) => {
    if (!ready(e) || !e.zone) return;
    const give = giving.get(e.zone) ?? 0;
    if (give <= 0) return;
    const to = [...receiving.entries()].find(([, k]) => k > 0)?.[0];
    if (to === undefined) return;
    out[i] = { ...e, hints: { forZones: [{ name: to }] } };
    giving.set(e.zone, give - 1);
    receiving.set(to, (receiving.get(to) ?? 0) - 1);
    count.set(e.zone, (count.get(e.zone) ?? 0) - 1);
    count.set(to, (count.get(to) ?? 0) + 1);
  });
  const perZone = Object.fromEntries(zones.map((z) => [z, count.get(z) ?? 0]));
  return {
    endpoints: out,
    decision: {
      heuristic: 'Auto',
      enabled: true,
      reason: `TopologyAwareHintsEnabled: endpoints per zone in proportion to allocatable CPU (${zones.map((z) => `${z} ${perZone[z]}`).join(', ')})`,
      perZone,
    },
  };
}

/**
 * getGivingAndReceivingZones: the precise surplus / shortfall per zone turned into whole
 * endpoints, largest first, until a side is under half an endpoint or both are under one.
 * (Go iterates a map here; ties go to the first zone by name, for a deterministic answer.)
 */
function givingAndReceiving(
  alloc: ReadonlyMap<string, Allocation>,
  count: ReadonlyMap<string, number>,
): { giving: Map<string, number>; receiving: Map<string, number> } {
  const give = new Map<string, number>();
  const take = new Map<string, number>();
  for (const [z, a] of alloc) {
    const have = count.get(z) ?? 0;
    if (have > a.desired) give.set(z, have - a.desired);
    else if (have < a.desired) take.set(z, a.desired - have);
  }
  const giving = new Map<string, number>();
  const receiving = new Map<string, number>();
  for (;;) {
    const [gz, g] = most(give);
    const [rz, r] = most(take);
    if (gz === '' || rz === '' || (g < 1 && r < 1) || g < 0.5 || r < 0.5) break;
    giving.set(gz, (giving.get(gz) ?? 0) + 1);
    give.set(gz, g - 1);
    receiving.set(rz, (receiving.get(rz) ?? 0) + 1);
    take.set(rz, r - 1);
  }
  return { giving, receiving };
}

function most(m: ReadonlyMap<string, number>): [string, number] {
  let best: [string, number] = ['', 0];
  for (const z of [...m.keys()].sort()) {
    const v = m.get(z) ?? 0;
    if (v > best[1]) best = [z, v];
  }
  return best;
}
