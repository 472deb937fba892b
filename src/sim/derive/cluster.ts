/**
 * Scenario → Cluster: everything a running cluster would have filled in, and each node's Linux
 * datapath (eth0, the cni0 bridge, flannel.1 in vxlan mode, veth pairs, routing tables).
 * Memoised on the scenario object, so every caller of the same document shares one derivation.
 */
import { parseCidr, toNetwork } from '../addr/cidr';
import { formatIp, parseIp } from '../addr/ip';
import { derivedMac } from '../addr/mac';
import { ids } from '../model/ids';
import { namespaceOf } from '../model/labels';
import type { Scenario } from '../model/scenario';
import { zoneOf } from '../model/topology';
import { routerPodRoutesFor } from '../cni/peerRoutes';

import { deriveEndpointSlices } from './endpoints';
import { addressNodes, type NodeAddressing } from './nodes';
import { bridgeGateway, type Gateway } from './gateway';
import { derivePods, explicitPodIps, type PodInput } from './pods';
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
  VxlanDevice,
} from './types';
import { expandWorkloads } from './workloads';

export const VXLAN_PORT = 8472;
export const VXLAN_VNI = 1;
export const VXLAN_MTU = 1450;
export const ETH_MTU = 1500;

const memo = new WeakMap<Scenario, Cluster>();

/** Derives the running cluster from a scenario (memoised by identity). Never throws on content. */
export function deriveCluster(scenario: Scenario): Cluster {
  const hit = memo.get(scenario);
  if (hit) return hit;
  const c = build(scenario);
  memo.set(scenario, c);
  return c;
}

function build(scenario: Scenario): Cluster {
  const notes: DeriveNote[] = [];
  const settings = scenario.cluster;
  const parsed = parseSettings(settings);
  const vxlan = settings.cni.mode === 'vxlan';
  const podMtu = vxlan ? VXLAN_MTU : ETH_MTU;

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
  // are never the bridge's.
  const explicitIps = new Set([
    ...inputs.flatMap(({ pod }) => explicitPodIps(pod)),
    ...scenario.endpointSlices.flatMap((e) => e.endpoints.flatMap((ep) => ep.addresses)),
  ]);
  const gatewayMap = new Map(
    addressing.map((a) => [a.name, a.podCIDRs.map((c) => bridgeGateway(c, explicitIps))]),
  );
  const gatewaysOf = (node: string): readonly (Gateway | undefined)[] => gatewayMap.get(node) ?? [];
  const pods = derivePods(inputs, addressing, podMtu, notes, gatewaysOf);
  const subnets = deriveSubnets(parsed.nodeSubnets, addressing);
  const nodes = deriveNodes(scenario, addressing, pods, subnets, vxlan, gatewaysOf);
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
    for (const a of n.bridge.addrs) own(a.ip, { kind: 'bridge', node: n.name });
    for (const a of n.vxlan?.addrs ?? []) own(a.ip, { kind: 'vxlan', node: n.name });
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
    parsed,
    namespaces,
    nodes,
    subnets,
    router: { podRoutes: routerPodRoutesFor(settings.cni.mode, addressing) },
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
  addressing: readonly NodeAddressing[],
  pods: readonly DerivedPod[],
  subnets: readonly DerivedSubnet[],
  vxlan: boolean,
  gatewaysOf: (node: string) => readonly (Gateway | undefined)[],
): DerivedNode[] {
  const addrBlock = (ip: string): AddrBlock => {
    const b = blockOf(subnets, ip);
    return b
      ? { prefix: b.cidr.prefix, gateway: b.gateway }
      : { prefix: ip.includes(':') ? 128 : 32, gateway: '' };
  };
  const flannelAddr = (podCIDR: string): string | undefined => {
    const r = parseCidr(podCIDR);
    return r.ok && r.value.family === 4
      ? formatIp({ family: 4, n: toNetwork(r.value).addr })
      : undefined;
  };
  const vtepMac = (name: string): string => derivedMac(`flannel.1:${name}`);
  return addressing.map((a, i) => {
    const node = scenario.nodes[i];
    const gateways = gatewaysOf(a.name);
    const eth0: Iface = {
      id: ids.nodeEth0(a.name),
      name: 'eth0',
      mac: derivedMac(`node-eth0:${a.name}`),
      addrs: a.ips.map((ip) => ({ ip, prefix: addrBlock(ip).prefix })),
      mtu: ETH_MTU,
    };
    const bridge: Iface = {
      id: ids.nodeBridge(a.name),
      name: 'cni0',
      mac: derivedMac(`cni0:${a.name}`),
      addrs: gateways.filter((g): g is { ip: string; prefix: number } => g !== undefined),
      mtu: vxlan ? VXLAN_MTU : ETH_MTU,
    };
    let vx: VxlanDevice | undefined;
    if (vxlan) {
      const own = a.podCIDRs.map(flannelAddr).find((x) => x !== undefined);
      const peers = addressing.filter((p) => p.name !== a.name);
      const fdb: VxlanDevice['fdb'][number][] = [];
      const neigh: VxlanDevice['neigh'][number][] = [];
      for (const p of peers) {
        const peerIp = p.ips.find((t) => parseIp(t).ok && !t.includes(':'));
        const peerAddr = p.podCIDRs.map(flannelAddr).find((x) => x !== undefined);
        if (!peerIp || !peerAddr) continue;
        const mac = vtepMac(p.name);
        fdb.push({
          mac,
          dst: peerIp,
          node: p.name,
          text: `${mac} dev flannel.1 dst ${peerIp} self permanent`,
        });
        neigh.push({
          ip: peerAddr,
          mac,
          text: `${peerAddr} dev flannel.1 lladdr ${mac} PERMANENT`,
        });
      }
      vx = {
        id: ids.nodeVxlan(a.name),
        name: 'flannel.1',
        mac: vtepMac(a.name),
        addrs: own ? [{ ip: own, prefix: 32 }] : [],
        mtu: VXLAN_MTU,
        vni: VXLAN_VNI,
        port: VXLAN_PORT,
        fdb,
        neigh,
      };
    }
    const table = nodeRouteTable(
      a,
      addressing,
      addrBlock,
      scenario.cluster.cni.mode,
      gateways.map((g) => g?.ip ?? ''),
    );
    const zone = zoneOf(node?.metadata);
    const subnet = a.ips[0] !== undefined ? blockOf(subnets, a.ips[0])?.subnet.id : undefined;
    const localIps = [
      ...a.ips,
      ...a.externalIps,
      ...bridge.addrs.map((x) => x.ip),
      ...(vx?.addrs.map((x) => x.ip) ?? []),
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
      eth0,
      bridge,
      ...(vx ? { vxlan: vx } : {}),
      routes: table.routes,
      rejectedRoutes: table.rejected,
      localIps,
      podKeys: pods.filter((p) => p.nodeName === a.name).map((p) => p.key),
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
