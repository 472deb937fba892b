/**
 * How much the address plan holds, and `capacity` diagnostics where the scenario needs more:
 * node ranges in the pod network (kube-controller-manager's range allocator), pod addresses in
 * each node's range (host-local IPAM), ClusterIPs in the service range (kube-apiserver's
 * allocator). Counts are bigints inside; `capacitySummary` returns them as `Count`s.
 */
import {
  cidrContainsCidr,
  cidrSize,
  parseCidr,
  subnetCount,
  toNetwork,
  type Cidr,
} from '../addr/cidr';
import { type Family } from '../addr/ip';
import { deriveCluster } from '../derive/cluster';
import { serviceFamilies as familiesOf } from '../derive/services';
import type { Scenario } from '../model/scenario';

import { familyName, parsePlan } from './cidr';
import { nodeRangeField } from './nodes';
import { nodeMaskFor } from './masks';
import {
  diagnostic,
  listNames,
  nodeRef,
  plural,
  podRef,
  type Diagnostic,
  type Plan,
  type ValidateContext,
} from './types';

/** A count: a number when it is at most Number.MAX_SAFE_INTEGER, else its exact decimal string. */
export type Count = number | string;

/** A bigint as a Count (see `Count`). */
export const toCount = (n: bigint): Count =>
  n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();

const clamp0 = (n: bigint): bigint => (n < 0n ? 0n : n);

/**
 * Pod addresses host-local hands out in a node range: all but the network address and the cni0
 * gateway (.1), and for IPv4 the broadcast address — a /24 holds 253 pods.
 */
export const usablePodIps = (net: Cidr): bigint =>
  clamp0(cidrSize(net) - (net.family === 4 ? 3n : 2n));

/** ClusterIPs in a service range: kube-apiserver's allocator reserves the network address and, for IPv4, the broadcast. */
export const usableServiceIps = (net: Cidr): bigint =>
  clamp0(cidrSize(net) - (net.family === 4 ? 2n : 1n));

const WARN_RATIO_PERCENT = 90n;
const above90 = (used: bigint, cap: bigint): boolean =>
  cap > 0n && used * 100n > cap * WARN_RATIO_PERCENT;
const percent = (used: bigint, cap: bigint): string => `${cap > 0n ? (used * 100n) / cap : 0n}%`;
const MASK_KEY = { 4: 'nodeCIDRMaskSize', 6: 'nodeCIDRMaskSizeIPv6' } as const;

/** The families each Service needing a ClusterIP asks for (ipFamilies, given IPs, else the primary range's). */
function serviceFamilies(ctx: ValidateContext): Family[][] {
  const primary = ctx.plan.svc[0]?.net.family;
  return ctx.cluster.services.map((s, i) => {
    if (s.headless || s.type === 'ExternalName') return [];
    const spec = ctx.scenario.services[i]?.spec;
    if (spec?.ipFamilies?.length || spec?.ipFamilyPolicy)
      return familiesOf(
        spec,
        ctx.plan.svc.map((r) => r.net.family),
      );
    if (s.clusterIPs.length > 0) return s.clusterIPs.map((t) => (t.includes(':') ? 6 : 4));
    return primary ? [primary] : [];
  });
}

function nodeRangeCapacity(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const nodes = ctx.cluster.nodes;
  for (const pod of ctx.plan.pod) {
    const f = pod.net.family;
    const mask = nodeMaskFor(ctx.scenario.cluster ?? {}, f);
    if (mask === undefined || mask < pod.net.prefix) continue; // mask-size reports it
    const count = subnetCount(pod.net, mask);
    const hasFamily = (t: string): boolean => (t.includes(':') ? 6 : 4) === f;
    const lacking = nodes.filter((n) => n.podCIDRsAllocated && !n.podCIDRs.some(hasFamily));
    const field = pod.field;
    const nodesText = plural(nodes.length, 'node');
    const holds = `Pod CIDR ${pod.text} holds ${plural(count, 'node range')} of /${mask}`;
    if (lacking.length > 0) {
      const names = lacking.map((n) => n.name);
      out.push(
        diagnostic(
          'error',
          'capacity',
          `${holds}, but there are ${nodesText}: ${listNames(names)} ${names.length === 1 ? 'gets' : 'get'} no pod range, so ${names.length === 1 ? 'its' : 'their'} pods get no IP. Widen the pod network or use a longer node mask (${MASK_KEY[f]}).`,
          {
            ranges: [pod.text],
            objects: lacking.map((n) => nodeRef(n.name)),
            field,
          },
        ),
      );
      continue;
    }
    const used = BigInt(
      nodes.filter((n) =>
        n.podCIDRs.some((t) => {
          const r = parseCidr(t);
          return r.ok && cidrContainsCidr(pod.net, r.value);
        }),
      ).length,
    );
    if (above90(used, count))
      out.push(
        diagnostic(
          'warning',
          'capacity',
          `${holds} and ${used} are in use (${percent(used, count)}): room for only ${plural(count - used, 'more node')}. Widen the pod network or use a longer node mask (${MASK_KEY[f]}).`,
          { ranges: [pod.text], field },
        ),
      );
  }
  return out;
}

function podsPerNodeCapacity(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  ctx.cluster.nodes.forEach((node, i) => {
    const pods = node.podKeys
      .map((k) => ctx.cluster.podByKey.get(k))
      .filter((p) => p !== undefined && !p.hostNetwork);
    const n = BigInt(pods.length);
    node.podCIDRs.forEach((t, j) => {
      const r = parseCidr(t);
      if (!r.ok || n === 0n) return;
      const net = toNetwork(r.value);
      const cap = usablePodIps(net);
      const given = ctx.scenario.nodes[i];
      const field =
        !node.podCIDRsAllocated && given
          ? nodeRangeField(given, i, j)
          : `cluster.${MASK_KEY[net.family]}`;
      const why =
        net.family === 4
          ? `a /${net.prefix} less its network, broadcast and cni0 gateway addresses`
          : `a /${net.prefix} less its network and cni0 gateway addresses`;
      const holds = `Node ${node.name}'s pod range ${t} holds ${plural(cap, 'pod address', 'pod addresses')} (${why})`;
      if (n > cap) {
        const without = pods.filter(
          (p) => p?.ipAllocated && !p.ips.some((x) => (x.includes(':') ? 6 : 4) === net.family),
        );
        out.push(
          diagnostic(
            'error',
            'capacity',
            `${holds}, but ${plural(n, 'pod')} run there: ${plural(n - cap, 'pod')} get no IP. Use a shorter node mask (${MASK_KEY[net.family]}) or move pods to other nodes.`,
            {
              ranges: [t],
              objects: [nodeRef(node.name), ...without.map((p) => podRef(p?.key ?? ''))],
              field,
            },
          ),
        );
      } else if (above90(n, cap)) {
        out.push(
          diagnostic(
            'warning',
            'capacity',
            `${holds} and ${n} are in use (${percent(n, cap)}): the next pods scheduled there may get no IP. Use a shorter node mask (${MASK_KEY[net.family]}) or spread the pods.`,
            { ranges: [t], objects: [nodeRef(node.name)], field },
          ),
        );
      }
    });
  });
  return out;
}

function serviceCapacity(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const wants = serviceFamilies(ctx);
  for (const svc of ctx.plan.svc) {
    const need = BigInt(wants.filter((fs) => fs.includes(svc.net.family)).length);
    const cap = usableServiceIps(svc.net);
    if (need === 0n) continue;
    const holds = `Service CIDR ${svc.text} holds ${plural(cap, 'ClusterIP')}`;
    if (need > cap)
      out.push(
        diagnostic(
          'error',
          'capacity',
          `${holds}, but ${plural(need, 'Service')} need one: ${need - cap} get none. Use a larger service range (a shorter prefix).`,
          { ranges: [svc.text], field: svc.field },
        ),
      );
    else if (above90(need, cap))
      out.push(
        diagnostic(
          'warning',
          'capacity',
          `${holds} and ${need} are in use (${percent(need, cap)}): new Services will soon fail to get one. Use a larger service range.`,
          { ranges: [svc.text], field: svc.field },
        ),
      );
  }
  return out;
}

/** Every `capacity` diagnostic: node ranges, then pods per node, then ClusterIPs. */
export function checkCapacity(ctx: ValidateContext): Diagnostic[] {
  return [...nodeRangeCapacity(ctx), ...podsPerNodeCapacity(ctx), ...serviceCapacity(ctx)];
}

/** One family's numbers. Absent blocks count as 0. */
export interface FamilyCapacity {
  readonly family: 'IPv4' | 'IPv6';
  /** The pod network block of this family, as written. */
  readonly podNetwork?: string;
  readonly nodeMask?: number;
  /** Node ranges of /nodeMask in the pod network. */
  readonly maxNodes: Count;
  /** Pod addresses per node range (host-local: less network, gateway and IPv4 broadcast). */
  readonly podsPerNode: Count;
  readonly totalPodIPs: Count;
  readonly serviceRange?: string;
  /** Allocatable ClusterIPs (less network and IPv4 broadcast). */
  readonly serviceIPs: Count;
}

/** What the UI's compact capacity line shows (see `capacitySummary`). */
export interface CapacitySummary {
  /** Nodes, pods with their own IP (not hostNetwork) and Services needing a ClusterIP, as in the scenario. */
  readonly nodes: number;
  readonly pods: number;
  readonly services: number;
  /** The primary family's numbers (the first pod network block's family), repeated from `families`. */
  readonly maxNodes: Count;
  readonly podsPerNode: Count;
  readonly totalPodIPs: Count;
  readonly serviceIPs: Count;
  /** One entry per family present in podSubnet or serviceSubnet, IPv4 first. */
  readonly families: readonly FamilyCapacity[];
}

function familyCapacity(scenario: Scenario, plan: Plan, f: Family): FamilyCapacity {
  const pod = plan.pod.find((p) => p.net.family === f);
  const svc = plan.svc.find((p) => p.net.family === f);
  const mask = nodeMaskFor(scenario.cluster ?? {}, f);
  const maxNodes = pod && mask !== undefined ? subnetCount(pod.net, mask) : 0n;
  const perNode =
    maxNodes > 0n && mask !== undefined ? usablePodIps({ family: f, addr: 0n, prefix: mask }) : 0n;
  return {
    family: familyName(f) as 'IPv4' | 'IPv6',
    ...(pod ? { podNetwork: pod.text } : {}),
    ...(pod && mask !== undefined ? { nodeMask: mask } : {}),
    maxNodes: toCount(maxNodes),
    podsPerNode: toCount(perNode),
    totalPodIPs: toCount(maxNodes * perNode),
    ...(svc ? { serviceRange: svc.text } : {}),
    serviceIPs: toCount(svc ? usableServiceIps(svc.net) : 0n),
  };
}

/**
 * The plan's capacity for the UI's compact summary. Counts are numbers up to
 * Number.MAX_SAFE_INTEGER and exact decimal strings beyond (IPv6 ranges).
 * @example capacitySummary(DEFAULT_SCENARIO) // { maxNodes: 256, podsPerNode: 253, totalPodIPs: 64768, serviceIPs: 1048574, … }
 */
export function capacitySummary(scenario: Scenario): CapacitySummary {
  const { plan } = parsePlan(scenario);
  const cluster = deriveCluster(scenario);
  const fams = ([4, 6] as const).filter(
    (f) => plan.pod.some((p) => p.net.family === f) || plan.svc.some((p) => p.net.family === f),
  );
  const families = fams.map((f) => familyCapacity(scenario, plan, f));
  const primaryFamily = plan.pod[0]?.net.family ?? plan.svc[0]?.net.family;
  const primary = families.find((x) => x.family === (primaryFamily === 6 ? 'IPv6' : 'IPv4'));
  const services = serviceFamilies({ scenario, cluster, plan }).filter(
    (fs) => fs.length > 0,
  ).length;
  return {
    nodes: cluster.nodes.length,
    pods: cluster.pods.filter((p) => !p.hostNetwork).length,
    services,
    maxNodes: primary?.maxNodes ?? 0,
    podsPerNode: primary?.podsPerNode ?? 0,
    totalPodIPs: primary?.totalPodIPs ?? 0,
    serviceIPs: primary?.serviceIPs ?? 0,
    families,
  };
}
