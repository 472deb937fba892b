/**
 * flannel's bridge datapath in a lab: the `cni0` bridge with the node range's gateway address,
 * one veth per pod plugged into it (hairpin on, as the bridge plugin sets it), and in VXLAN mode
 * the `flannel.1` device with its static neighbour and FDB entries for every other node
 * (flannel's own `ip neigh` / `bridge fdb` writes, reference/linux-lab.md §4).
 */
import { podBridge, tunnelDevice } from '../derive/devices';
import type { Cluster } from '../derive/types';

import type { LabDatapath } from './datapath';
import type { LabNode, LabPlan, LabPod } from './plan';
import { commentText, shq } from './shell';

/** `ip -n "$P-<ns>"`: the namespace names are slugs, safe inside double quotes. */
export const ipn = (ns: string): string => `ip -n "$P-${ns}"`;

export function bridgeDatapath(cluster: Cluster, name: string): LabDatapath {
  const vxlan = cluster.settings.cni.mode === 'vxlan';
  return {
    name,
    kernel: [
      { linkType: 'bridge', what: 'Linux bridges (CONFIG_BRIDGE)' },
      { linkType: 'veth', what: 'veth pairs (CONFIG_VETH)' },
      ...(vxlan ? [{ linkType: 'vxlan id 1 dstport 8472', what: 'VXLAN (CONFIG_VXLAN)' }] : []),
    ],
    nodeDevices: (plan, node) => [...bridge(node), ...(vxlan ? tunnel(plan, node) : [])],
    podLink: (_plan, pod) => podVeth(pod),
  };
}

function bridge(n: LabNode): string[] {
  const br = podBridge(n.node);
  if (!br) return [];
  const addr = br.addrs.find((a) => !a.ip.includes(':'));
  const ip = ipn(n.ns);
  return [
    `# ${commentText(n.node.name)}: cni0, the bridge its pods plug into${addr ? `, and their gateway ${addr.ip}` : ''} (graph: ${commentText(br.id)})`,
    `${ip} link add cni0 address ${shq(br.mac)} mtu ${br.mtu} type bridge`,
    ...(addr ? [`${ip} addr add ${shq(`${addr.ip}/${addr.prefix}`)} dev cni0`] : []),
    `${ip} link set cni0 up`,
  ];
}

function tunnel(plan: LabPlan, n: LabNode): string[] {
  const vx = tunnelDevice(n.node);
  if (!vx) return [];
  const vni = vx.tunnel?.vni ?? 1;
  const port = vx.tunnel?.port ?? 8472;
  const ip = ipn(n.ns);
  const addrs = vx.addrs.filter((a) => !a.ip.includes(':'));
  const out = [
    `# ${commentText(n.node.name)}: flannel.1, the VXLAN tunnel (VNI ${vni}, UDP ${port}) to the other nodes; its address is the pod range's network address (graph: ${commentText(vx.id)})`,
    `${ip} link add flannel.1 address ${shq(vx.mac)} type vxlan id ${vni} local ${shq(n.ip)} dev eth0 dstport ${port} nolearning`,
    ...addrs.map((a) => `${ip} addr add ${shq(`${a.ip}/${a.prefix}`)} dev flannel.1`),
    `${ip} link set flannel.1 mtu ${vx.mtu} up`,
  ];
  for (const f of n.node.fdb.filter((x) => x.dev === vx.name)) {
    const peer = plan.nodes.find((x) => x.node.name === f.node);
    const neigh = n.node.neigh.find(
      (x) => x.dev === vx.name && x.mac === f.mac && !x.ip.includes(':'),
    );
    out.push(
      `# ${commentText(n.node.name)}: ${commentText(f.node ?? '')}'s VTEP — flannel.1 MAC ${f.mac} lives at ${f.dst ?? ''}${neigh ? `, and answers for ${neigh.ip}` : ''}`,
    );
    if (neigh)
      out.push(
        `${ip} neigh add ${shq(neigh.ip)} lladdr ${shq(neigh.mac)} dev flannel.1 nud permanent`,
      );
    out.push(
      `bridge -n "$P-${n.ns}" fdb append ${shq(f.mac)} dev flannel.1 dst ${shq(f.dst ?? '')}`,
    );
    if (!peer) out.push(`# (${commentText(f.node ?? '')} is not part of this lab)`);
  }
  return out;
}

function podVeth(p: LabPod): string[] {
  const eth0 = p.pod.eth0;
  const host = p.pod.vethHost;
  if (!eth0 || !host) return [];
  const node = ipn(p.node.ns);
  const pod = ipn(p.ns);
  const v = shq(host.name);
  return [
    `# ${commentText(p.pod.key)}: eth0 ${p.ip}/${p.prefix}, the pod end of a veth pair whose host end ${host.name} is a port of ${commentText(p.node.node.name)}'s cni0 (graph: ${commentText(eth0.id)})`,
    `${node} link add ${v} address ${shq(host.mac)} mtu ${host.mtu} type veth peer name eth0 address ${shq(eth0.mac)} mtu ${eth0.mtu} netns "$P-${p.ns}"`,
    `${node} link set ${v} master cni0 up`,
    `${node} link set ${v} type bridge_slave hairpin on`,
    `${pod} addr add ${shq(`${p.ip}/${p.prefix}`)} dev eth0`,
    `${pod} link set eth0 up`,
  ];
}
