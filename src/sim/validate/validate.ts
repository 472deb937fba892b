/**
 * Validation: everything wrong with a scenario's address plan and objects, as diagnostics.
 * Pure and deterministic. A scenario with errors still derives and traces (DESIGN.md §2: values
 * given explicitly are kept as given, and validation says what is wrong with them).
 */
import { deriveCluster } from '../derive/cluster';
import type { Cluster } from '../derive/types';
import type { Scenario } from '../model/scenario';

import { checkCapacity } from './capacity';
import { parsePlan } from './cidr';
import { checkOtherCidrLists } from './cidrLists';
import { checkDuplicateIps } from './duplicates';
import { checkClusterCidr } from './kubeProxy';
import { checkProxyMode } from './proxyMode';
import { checkNodeMasks, checkServiceRangeSize } from './masks';
import { checkNames } from './names';
import { checkNetworkPolicies } from './netpol';
import { checkNodeAddresses, checkNodeRanges } from './nodes';
import { checkPodIps, checkServiceIps } from './objects';
import { checkOverlaps } from './overlaps';
import { checkCrossSubnetRoutes, checkSubnetGateways } from './subnets';
import { checkTopology } from './topology';
import { checkNodePortDuplicates, checkNodePortRange, checkPortConflicts } from './ports';
import { checkEndpointSlices, checkOtherKinds, checkTargetPorts, mapNotes } from './references';
import type { Diagnostic, ValidateContext } from './types';

const memo = new WeakMap<Scenario, { cluster: Cluster; list: Diagnostic[] }>();

/**
 * Every diagnostic for a scenario: errors first, then warnings; within each, settings, then the
 * address plan (overlaps, capacity), then objects in document order. Never throws on content.
 * Memoised on the scenario object like `deriveCluster`: treat the returned list as read-only.
 * @example validate(DEFAULT_SCENARIO) // []
 */
export function validate(scenario: Scenario): Diagnostic[] {
  const hit = memo.get(scenario);
  // Redone when the derivation is (a CNI datapath loaded on demand has arrived).
  const cluster = deriveCluster(scenario);
  if (hit?.cluster === cluster) return hit.list;
  const list = compute(scenario);
  memo.set(scenario, { cluster, list });
  return list;
}

function compute(scenario: Scenario): Diagnostic[] {
  const { plan, diagnostics: settings } = parsePlan(scenario);
  const cluster = deriveCluster(scenario);
  const ctx: ValidateContext = { scenario, cluster, plan };
  const out: Diagnostic[] = [
    ...settings,
    ...checkNodeMasks(scenario.cluster ?? {}, plan),
    ...checkServiceRangeSize(plan),
    ...checkOtherCidrLists(scenario),
    ...checkClusterCidr(ctx),
    ...checkProxyMode(ctx),
    ...checkOverlaps(scenario, plan),
    ...checkNames(ctx),
    ...checkNodeRanges(ctx),
    ...checkNodeAddresses(ctx),
    ...checkSubnetGateways(ctx),
    ...checkCrossSubnetRoutes(ctx),
    ...checkTopology(ctx),
    ...checkPodIps(ctx),
    ...checkServiceIps(ctx),
    ...checkDuplicateIps(ctx),
    ...checkCapacity(ctx),
    ...checkNodePortRange(ctx),
    ...checkNodePortDuplicates(ctx),
    ...checkPortConflicts(ctx),
    ...checkTargetPorts(ctx),
    ...checkEndpointSlices(ctx),
    ...checkNetworkPolicies(ctx),
  ];
  out.push(...mapNotes(ctx, cluster.notes, out), ...checkOtherKinds(ctx));
  const rank = (d: Diagnostic): number => (d.severity === 'error' ? 0 : 1);
  return out
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .map((x) => x.d);
}

/** True when any diagnostic is an error (`k8snet validate` exits 1). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
