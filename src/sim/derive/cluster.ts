/**
 * Scenario → Cluster: everything a running cluster would have filled in, and each node's Linux
 * datapath as its CNI builds it (eth0, the CNI's devices, veth pairs, routing tables). Memoised on
 * the scenario object, so every caller of the same document shares one derivation.
 */
import { derivedMac } from '../addr/mac';
import { cniKindOf, datapathGeneration, pluginFor } from '../cni/registry';
import { bridgePlugin } from '../cni/bridge/plugin';
import { ETH_MTU } from '../cni/bridge/node';
import type { CniDatapath, NodePlan } from '../cni/types';
import { ids } from '../model/ids';
import { namespaceOf } from '../model/labels';
import type { Scenario } from '../model/scenario';
import { zoneOf } from '../model/topology';

import { deriveEndpointSlices } from './endpoints';
import { addressNodes } from './nodes';
import { derivePods, explicitPodIps, placePods, type PodInput } from './pods';
import { nodeRouteTable, type AddrBlock } from './routes';
import { deriveServices } from './services';
import { parseSettings } from './settings';
import { blockOf, deriveSubnets } from './subnets';
import type {
  Cluster,
  DerivedNamespace,
  DerivedNode,
  DerivedPod,
  DerivedSubnet,
  DeriveNote,
  HintsDecision,
  Iface,
  IpOwner,
  ParsedSettings,
} from './types';
import { expandWorkloads } from './workloads';

const memo = new WeakMap<Scenario, { cluster: Cluster; generation: number }>();

/** Derives the running cluster from a scenario (memoised by identity). Never throws on content. */
export function deriveCluster(scenario: Scenario): Cluster {
  const hit = memo.get(scenario);
  // A derivation made before the scenario's datapath was loaded is redone once it is.
  if (
    hit &&
    (hit.generation === datapathGeneration() ||
      hit.cluster.datapath.kind === cniKindOf(scenario.cluster.cni.mode))
  )
    return hit.cluster;
  const cluster = build(scenario);
  memo.set(scenario, { cluster, generation: datapathGeneration() });
  return cluster;
}

function configureDatapath(
  scenario: Scenario,
  parsed: ParsedSettings,
  notes: DeriveNote[],
): CniDatapath {
  const kind = cniKindOf(scenario.cluster.cni.mode);
  const plugin = pluginFor(kind);
  if (plugin) return plugin.configure({ scenario, parsed, notes });
  notes.push({
    code: 'cni-loading',
    message: `The ${kind} datapath is still loading: the cluster is drawn with flannel's bridge datapath until it is.`,
    objects: [],
  });
  return bridgePlugin.configure({
    scenario: { ...scenario, cluster: { ...scenario.cluster, cni: { mode: 'routes' } } },
    parsed,
    notes,
  });
}

function build(scenario: Scenario): Cluster {
  const notes: DeriveNote[] = [];
  const settings = scenario.cluster;
  const parsed = parseSettings(settings);
  const datapath = configureDatapath(scenario, parsed, notes);

  const addressing = addressNodes(scenario.nodes, parsed, notes);
  const nodeNames = scenario.nodes.map((n) => n.metadata.name);
  const inputs: PodInput[] = [
    ...scenario.pods.map((pod) => ({ pod })),
    ...expandWorkloads(scenario.workloads, nodeNames).map(({ pod, workload }) => ({
      pod,
      workload: { kind: workload.kind, name: workload.metadata.name },
    })),
  ];
  // Addresses known to belong to pods — given pod IPs and the addresses of given EndpointSlices —
  // are never the CNI's own.
  const explicitIps = new Set([
    ...inputs.flatMap(({ pod }) => explicitPodIps(pod)),
    ...scenario.endpointSlices.flatMap((e) => e.endpoints.flatMap((ep) => ep.addresses)),
  ]);
  const placed = placePods(inputs, addressing, notes);
  const ipam = datapath.ipam({
    scenario,
    parsed,
    nodes: addressing,
    pods: placed,
    explicitIps,
    notes,
  });
  const plans: NodePlan[] = addressing.map((a) => ({
    ...a,
    podRanges: ipam.podRanges.get(a.name) ?? [],
    deviceAddrs: ipam.deviceAddrs.get(a.name) ?? [],
  }));
  const pods = derivePods(inputs, placed, plans, ipam, datapath);
  const subnets = deriveSubnets(parsed.nodeSubnets, addressing);
  const nodes = deriveNodes(scenario, plans, pods, subnets, parsed, datapath);
  const services = deriveServices(scenario.services, parsed);
  const hints = new Map<string, HintsDecision>();
  const endpointSlices = deriveEndpointSlices(
    scenario.endpointSlices,
    services,
    pods,
    scenario.nodes,
    hints,
  );
  const namespaces = deriveNamespaces(scenario);

  const ipOwners = new Map<string, IpOwner[]>();
  const own = (ip: string, o: IpOwner): void => {
    const list = ipOwners.get(ip);
    if (list) list.push(o);
    else ipOwners.set(ip, [o]);
  };
  for (const n of nodes) {
    for (const ip of [...n.ips, ...n.externalIps]) own(ip, { kind: 'node', name: n.name });
    for (const d of n.devices)
      for (const a of d.addrs) own(a.ip, { kind: 'device', node: n.name, dev: d.name });
  }
  for (const p of pods)
    if (!p.hostNetwork) for (const ip of p.ips) own(ip, { kind: 'pod', key: p.key });
  for (const s of services) {
    for (const ip of s.clusterIPs) own(ip, { kind: 'service', key: s.key, role: 'clusterIP' });
    for (const ip of s.externalIPs) own(ip, { kind: 'service', key: s.key, role: 'externalIP' });
    for (const ip of s.loadBalancerIPs)
      own(ip, { kind: 'service', key: s.key, role: 'loadBalancer' });
  }

  return {
    scenario,
    settings,
    datapath,
    parsed,
    namespaces,
    nodes,
    subnets,
    router: { podRoutes: datapath.routerPodRoutes(plans) },
    pods,
    services,
    endpointSlices,
    hints,
    networkPolicies: scenario.networkPolicies,
    nodeByName: new Map(nodes.map((n) => [n.name, n])),
    podByKey: new Map(pods.map((p) => [p.key, p])),
    serviceByKey: new Map(services.map((s) => [s.key, s])),
    namespaceByName: new Map(namespaces.map((n) => [n.name, n])),
    ipOwners,
    notes,
  };
}

function deriveNodes(
  scenario: Scenario,
  plans: readonly NodePlan[],
  pods: readonly DerivedPod[],
  subnets: readonly DerivedSubnet[],
  parsed: ParsedSettings,
  datapath: CniDatapath,
): DerivedNode[] {
  const addrBlock = (ip: string): AddrBlock => {
    const b = blockOf(subnets, ip);
    return b
      ? { prefix: b.cidr.prefix, gateway: b.gateway }
      : { prefix: ip.includes(':') ? 128 : 32, gateway: '' };
  };
  return plans.map((a, i) => {
    const node = scenario.nodes[i];
    const eth0: Iface = {
      id: ids.nodeEth0(a.name),
      name: 'eth0',
      mac: derivedMac(`node-eth0:${a.name}`),
      addrs: a.ips.map((ip) => ({ ip, prefix: addrBlock(ip).prefix })),
      mtu: ETH_MTU,
    };
    const mine = pods.filter((p) => p.nodeName === a.name);
    const cni = datapath.node({
      self: a,
      nodes: plans,
      parsed,
      subnetOf: (ip) => blockOf(subnets, ip)?.subnet.id,
      pods: mine.flatMap((p) =>
        p.eth0 && p.vethHost
          ? [{ key: p.key, ips: p.ips, eth0: p.eth0, vethHost: p.vethHost }]
          : [],
      ),
    });
    const table = nodeRouteTable(a.ips, addrBlock, cni.routes);
    const zone = zoneOf(node?.metadata);
    const subnet = a.ips[0] !== undefined ? blockOf(subnets, a.ips[0])?.subnet.id : undefined;
    const localIps = [
      ...a.ips,
      ...a.externalIps,
      ...cni.devices.flatMap((d) => d.addrs.map((x) => x.ip)),
      '127.0.0.1',
      '::1',
    ];
    return {
      name: a.name,
      id: ids.node(a.name),
      labels: node?.metadata.labels ?? {},
      ...(zone !== undefined ? { zone } : {}),
      ...(subnet !== undefined ? { subnet } : {}),
      ips: a.ips,
      externalIps: a.externalIps,
      podCIDRs: a.podCIDRs,
      podCIDRsAllocated: a.podCIDRsAllocated,
      podRanges: a.podRanges,
      eth0,
      devices: cni.devices,
      podAttach: cni.podAttach,
      neigh: cni.neigh,
      fdb: cni.fdb,
      routes: table.routes,
      rejectedRoutes: table.rejected,
      localIps,
      podKeys: mine.map((p) => p.key),
    };
  });
}

function deriveNamespaces(scenario: Scenario): DerivedNamespace[] {
  const out = new Map<string, DerivedNamespace>();
  for (const ns of scenario.namespaces) {
    const name = ns.metadata.name;
    out.set(name, {
      name,
      labels: { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name },
      declared: true,
    });
  }
  const implicit = (name: string): void => {
    if (!out.has(name))
      out.set(name, { name, labels: { 'kubernetes.io/metadata.name': name }, declared: false });
  };
  implicit('default');
  for (const list of [
    scenario.pods,
    scenario.workloads,
    scenario.services,
    scenario.endpointSlices,
    scenario.networkPolicies,
  ])
    for (const o of list) implicit(namespaceOf(o.metadata));
  return [...out.values()];
}
