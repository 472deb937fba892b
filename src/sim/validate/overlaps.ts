/**
 * `cidr-overlap`: blocks of the address plan that share addresses. Two CIDRs overlap only by
 * nesting, so the shared span is the smaller block. An object-level overlap (a node's range or
 * address, a Service's external IP) is not reported again when the settings block that holds it
 * already overlaps the same range.
 */
import {
  cidrContainsCidr,
  cidrsOverlap,
  lastIp,
  overlapSpan,
  parseCidr,
  toNetwork,
} from '../addr/cidr';
import { formatIp, parseIp } from '../addr/ip';
import { givenPodCIDRs } from '../derive/nodes';
import { keyOf } from '../model/labels';
import type { Scenario } from '../model/scenario';

import { nodeRangeField } from './nodes';
import { diagnostic, nodeRef, svcRef, type Diagnostic, type Plan, type PlanRange } from './types';

/** "<a> <value> overlaps <b> <value>: both contain <first>–<last>. <consequence>" */
export function overlapMessage(a: PlanRange, b: PlanRange, consequence: string): string {
  // A single address of an object (a node's, an external IP) is inside a range, not overlapping it.
  if (a.objects.length > 0 && a.net.prefix === (a.net.family === 4 ? 32 : 128))
    return `${a.label} ${formatIp({ family: a.net.family, n: a.net.addr })} is inside ${b.label} ${b.text}. ${consequence}`;
  const sp = overlapSpan(a.net, b.net);
  const first = sp ? formatIp(sp.first) : '';
  const last = sp ? formatIp(sp.last) : '';
  const shared = first === last ? first : `${first}–${last}`;
  return `${a.label} ${a.text} overlaps ${b.label} ${b.text}: both contain ${shared}. ${consequence}`;
}

function overlap(a: PlanRange, b: PlanRange, consequence: string): Diagnostic {
  return diagnostic('error', 'cidr-overlap', overlapMessage(a, b, consequence), {
    ranges: [a.text, b.text],
    objects: [...new Set([...a.objects, ...b.objects])],
    field: a.field ?? b.field,
  });
}

const SETTINGS_PAIRS = [
  [
    'svc',
    'pod',
    'kube-proxy would treat traffic to pod addresses there as Service traffic. Use a service range outside the pod network.',
  ],
  [
    'node',
    'pod',
    "Routes to pods there would go out eth0 to the node network instead of to cni0 or the pod's node, and node addresses could be handed to pods. Use a pod network outside the node network.",
  ],
  [
    'node',
    'svc',
    'Hosts of the node network there are unreachable from the cluster: kube-proxy captures traffic to them as ClusterIPs. Use a service range outside the node network.',
  ],
] as const;

const VS = {
  nodeRange: {
    svc: 'Pods on that node would get addresses kube-proxy treats as ClusterIPs. Use a range inside the pod network.',
    node: 'Pods on that node would get node-network addresses, and routes to them would go out eth0. Use a range inside the pod network.',
  },
  nodeAddr: {
    pod: "A pod could be given the node's address, and kube-proxy and the CNI would take the node's own traffic for pod traffic. Give the node an address outside the pod network, or move the pod network.",
    svc: 'kube-proxy would capture traffic to the node as Service traffic. Give the node an address outside the service range, or move the service range.',
  },
  external: {
    pod: 'kube-proxy would capture traffic to that pod address as Service traffic. Use an address outside the pod network.',
    svc: 'The address could also be allocated as a ClusterIP. Use an address outside the service range.',
  },
} as const;

/** A node's address inside a node's pod range: its own, or another node's. */
const ADDR_IN_RANGE = {
  own: "cni0 takes that range's first address and the CNI hands its addresses to pods, so one of them can be given the node's own address, and eth0's and cni0's routes claim the same addresses. Give the node an address outside the pod network, or its range elsewhere.",
  other:
    "That node hands the range's addresses to its pods and every other node routes them to it, so this node's own address is unreachable from the rest of the cluster. Give the node an address outside the pod network.",
} as const;

const SUBNET_VS_SUBNET =
  'A node address there would be on two subnets at once, and the router would not know which one to send it to. Make the subnets disjoint.';

const NODE_VS_NODE =
  'Both nodes would hand out the same pod addresses, and the other nodes route them to only one. Give each node its own range, or remove spec.podCIDR to let kube-controller-manager allocate one.';

/** Given node ranges, node addresses and Service external / load-balancer IPs, parsed. */
export function objectRanges(scenario: Scenario): {
  nodeRanges: (PlanRange & { node: number })[];
  nodeAddrs: PlanRange[];
  externals: PlanRange[];
} {
  const nodeRanges: (PlanRange & { node: number })[] = [];
  const nodeAddrs: PlanRange[] = [];
  const externals: PlanRange[] = [];
  const single = (text: string) => {
    const r = parseIp(text);
    if (!r.ok) return undefined;
    const bits = r.value.family === 4 ? 32 : 128;
    return {
      text: `${formatIp(r.value)}/${bits}`,
      net: { family: r.value.family, addr: r.value.n, prefix: bits },
    };
  };
  (scenario.nodes ?? []).forEach((n, i) => {
    const name = n.metadata.name;
    givenPodCIDRs(n).forEach((text, j) => {
      const r = parseCidr(text.trim());
      if (!r.ok) return;
      nodeRanges.push({
        label: `Node ${name}'s pod range`,
        text: text.trim(),
        net: toNetwork(r.value),
        field: nodeRangeField(n, i, j),
        objects: [nodeRef(name)],
        node: i,
      });
    });
    (n.status?.addresses ?? []).forEach((a, j) => {
      const s = a.type === 'InternalIP' || a.type === 'ExternalIP' ? single(a.address) : undefined;
      if (s)
        nodeAddrs.push({
          label: `Node ${name}'s address`,
          ...s,
          field: `nodes[${i}].status.addresses[${j}].address`,
          objects: [nodeRef(name)],
        });
    });
  });
  (scenario.services ?? []).forEach((svc, i) => {
    const key = keyOf(svc.metadata);
    (svc.spec.externalIPs ?? []).forEach((t, j) => {
      const s = single(t);
      if (s)
        externals.push({
          label: `Service ${key}'s external IP`,
          ...s,
          field: `services[${i}].spec.externalIPs[${j}]`,
          objects: [svcRef(key)],
        });
    });
    (svc.status?.loadBalancer?.ingress ?? []).forEach((ing, j) => {
      const s = ing.ip !== undefined ? single(ing.ip) : undefined;
      if (s)
        externals.push({
          label: `Service ${key}'s load-balancer IP`,
          ...s,
          field: `services[${i}].status.loadBalancer.ingress[${j}].ip`,
          objects: [svcRef(key)],
        });
    });
  });
  return { nodeRanges, nodeAddrs, externals };
}

/** Every `cidr-overlap` diagnostic, settings pairs first, then node ranges, then addresses. */
export function checkOverlaps(scenario: Scenario, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported: [PlanRange, PlanRange][] = [];
  for (const [ka, kb, consequence] of SETTINGS_PAIRS)
    for (const a of plan[ka])
      for (const b of plan[kb])
        if (cidrsOverlap(a.net, b.net)) {
          out.push(overlap(a, b, consequence));
          reported.push([a, b]);
        }
  // An object inside a settings block that already overlaps `target` adds nothing new.
  const covered = (obj: PlanRange, parents: readonly PlanRange[], target: PlanRange): boolean =>
    parents.some(
      (p) =>
        cidrContainsCidr(p.net, obj.net) &&
        reported.some(([x, y]) => (x === p && y === target) || (x === target && y === p)),
    );
  const { nodeRanges, nodeAddrs, externals } = objectRanges(scenario);

  out.push(...nodeRangeOverlaps(nodeRanges));
  plan.node.forEach((a, i) => {
    for (const b of plan.node.slice(i + 1))
      if (a.net.family === b.net.family && cidrsOverlap(a.net, b.net))
        out.push(overlap(a, b, SUBNET_VS_SUBNET));
  });
  for (const r of nodeRanges)
    for (const kind of ['svc', 'node'] as const)
      for (const t of plan[kind])
        if (cidrsOverlap(r.net, t.net) && !covered(r, plan.pod, t))
          out.push(overlap(r, t, VS.nodeRange[kind]));
  for (const a of nodeAddrs)
    for (const kind of ['pod', 'svc'] as const)
      for (const t of plan[kind])
        if (cidrsOverlap(a.net, t.net) && !covered(a, plan.node, t))
          out.push(overlap(a, t, VS.nodeAddr[kind]));
  for (const a of nodeAddrs)
    for (const r of nodeRanges)
      if (cidrsOverlap(a.net, r.net) && !covered(a, plan.node, r))
        out.push(
          a.objects[0] === r.objects[0]
            ? overlap(a, { ...r, label: 'its own pod range' }, ADDR_IN_RANGE.own)
            : overlap(a, { ...r, label: r.label.replace(/^Node /, 'node ') }, ADDR_IN_RANGE.other),
        );
  for (const e of externals)
    for (const kind of ['pod', 'svc'] as const)
      for (const t of plan[kind])
        if (cidrsOverlap(e.net, t.net)) out.push(overlap(e, t, VS.external[kind]));
  return out;
}

/**
 * Overlapping pod ranges of different nodes, by a sweep over ranges sorted by start address:
 * blocks nest or are disjoint, so the open blocks form a chain that contains the current one.
 */
function nodeRangeOverlaps(ranges: readonly (PlanRange & { node: number })[]): Diagnostic[] {
  const sorted = [...ranges].sort(
    (a, b) =>
      a.net.family - b.net.family ||
      (a.net.addr < b.net.addr ? -1 : a.net.addr > b.net.addr ? 1 : 0) ||
      a.net.prefix - b.net.prefix ||
      a.node - b.node,
  );
  const pairs: [PlanRange & { node: number }, PlanRange & { node: number }][] = [];
  const open: (PlanRange & { node: number })[] = [];
  for (const r of sorted) {
    while (open.length > 0) {
      const top = open[open.length - 1];
      if (top && top.net.family === r.net.family && lastIp(top.net).n >= r.net.addr) break;
      open.pop();
    }
    for (const o of open) if (o.node !== r.node) pairs.push(o.node < r.node ? [o, r] : [r, o]);
    open.push(r);
  }
  pairs.sort((x, y) => x[0].node - y[0].node || x[1].node - y[1].node);
  return pairs.map(([a, b]) => overlap(a, b, NODE_VS_NODE));
}
