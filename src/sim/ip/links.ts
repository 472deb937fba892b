/**
 * The links of one network namespace as iproute2 sees them, read off the derived cluster (the same
 * devices, addresses and MTUs the walk and `k8snet routes` use): a node's lo, eth0, the CNI's
 * devices (cni0, flannel.1, tunl0, vxlan.calico, cilium_host/cilium_net, cilium_vxlan…) and the
 * host ends of its pods' veths; a pod's lo and eth0. What the kernel adds on its own is added here
 * too: lo's addresses and every Ethernet-like link's IPv6 link-local address (addrgenmode eui64).
 */
import type { Cluster, DerivedNode, DerivedPod, IfaceAddr, NetDevice } from '../derive/types';
import { hexDigest } from '../util/hash';

import { nodeIfindexes, POD_ETH0_IFINDEX } from './ifindex';

export interface LinkAddr extends IfaceAddr {
  readonly family: 4 | 6;
}

export interface LinkView {
  readonly index: number;
  readonly name: string;
  /** `@if7` (a veth whose peer is in another namespace), `@cilium_net`, `@NONE` (tunl0). */
  readonly at?: string;
  readonly flags: readonly string[];
  readonly mtu: number;
  readonly qdisc: string;
  readonly master?: string;
  readonly state: 'UP' | 'DOWN' | 'UNKNOWN';
  readonly qlen?: number;
  readonly linkType: 'loopback' | 'ether' | 'ipip';
  readonly mac: string;
  /** `link-netns cni-…` (host end of a pod's veth) or `link-netnsid 0` (pod's eth0). */
  readonly linkNetns?: string;
  /** `ip -d link` lines after the link line ("veth", "vxlan id 1 …", "bridge_slave …"). */
  readonly details: readonly string[];
  readonly addrs: readonly LinkAddr[];
}

const UP = ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];

const famOf = (ip: string): 4 | 6 => (ip.includes(':') ? 6 : 4);

/** The EUI-64 link-local address the kernel gives a link with this MAC (RFC 4291 appendix A). */
export function linkLocal(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0] = b;
  const words = [((b0 ^ 2) << 8) | b1, (b2 << 8) | 0xff, 0xfe00 | b3, (b4 << 8) | b5];
  return `fe80::${words.map((w) => w.toString(16)).join(':')}`;
}

/** The name containerd gives a pod's network namespace (`cni-` + a UUID; here derived from the pod). */
export function podNetnsName(key: string): string {
  const h = hexDigest(`netns:${key}`, 16) + hexDigest(`netns2:${key}`, 16);
  return `cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const LO: LinkView = {
  index: 1,
  name: 'lo',
  flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
  mtu: 65536,
  qdisc: 'noqueue',
  state: 'UNKNOWN',
  qlen: 1000,
  linkType: 'loopback',
  mac: '00:00:00:00:00:00',
  details: [],
  addrs: [
    { family: 4, ip: '127.0.0.1', prefix: 8, scope: 'host' },
    { family: 6, ip: '::1', prefix: 128, scope: 'host' },
  ],
};

function withLinkLocal(addrs: readonly IfaceAddr[], mac: string): LinkAddr[] {
  const list: LinkAddr[] = addrs.map((a) => ({ ...a, family: famOf(a.ip) }));
  if (mac) list.push({ family: 6, ip: linkLocal(mac), prefix: 64, scope: 'link' });
  return list;
}

function deviceLink(d: NetDevice, index: number, hasPorts: boolean): LinkView {
  const ipip = d.type === 'ipip';
  const tunnel = d.type === 'vxlan' || d.type === 'geneve' || ipip;
  // A bridge without ports has no carrier (br_port_carrier_check): `NO-CARRIER … state DOWN`.
  const noCarrier = d.type === 'bridge' && !hasPorts;
  const flags = noCarrier ? ['NO-CARRIER', ...d.flags.filter((f) => f !== 'LOWER_UP')] : d.flags;
  return {
    index,
    name: d.name,
    ...(ipip ? { at: '@NONE' } : d.type === 'veth' && d.peer ? { at: `@${d.peer}` } : {}),
    flags,
    mtu: d.mtu,
    qdisc: 'noqueue',
    // Tunnels have no carrier of their own: the kernel reports their operstate as UNKNOWN.
    state: tunnel ? 'UNKNOWN' : noCarrier ? 'DOWN' : 'UP',
    ...(d.type === 'vxlan' || d.type === 'geneve' ? {} : { qlen: 1000 }),
    linkType: ipip ? 'ipip' : 'ether',
    mac: d.mac,
    details: [d.type === 'veth' ? 'veth' : (d.details ?? d.type)],
    addrs: ipip
      ? d.addrs.map((a) => ({ ...a, family: famOf(a.ip) }))
      : withLinkLocal(d.addrs, d.mac),
  };
}

/** The links of a node's root namespace, in ifindex order. */
export function nodeLinks(cluster: Cluster, node: DerivedNode): LinkView[] {
  const index = nodeIfindexes(node, cluster.pods);
  const pods = node.podKeys
    .map((k) => cluster.podByKey.get(k))
    .filter((p): p is DerivedPod => p?.vethHost !== undefined);
  const bridge = node.podAttach.style === 'bridge' ? node.podAttach.dev : undefined;
  const links: LinkView[] = [
    LO,
    {
      index: 2,
      name: 'eth0',
      flags: UP,
      mtu: node.eth0.mtu,
      qdisc: 'fq_codel',
      state: 'UP',
      qlen: 1000,
      linkType: 'ether',
      mac: node.eth0.mac,
      details: [],
      addrs: withLinkLocal(node.eth0.addrs, node.eth0.mac),
    },
    ...node.devices.map((d) =>
      deviceLink(d, index.get(d.name) ?? 0, d.name === bridge && pods.length > 0),
    ),
  ];
  for (const p of pods) {
    const host = p.vethHost;
    if (!host) continue;
    links.push({
      index: index.get(`veth:${p.key}`) ?? 0,
      name: host.name,
      at: `@if${POD_ETH0_IFINDEX}`,
      flags: UP,
      mtu: host.mtu,
      qdisc: 'noqueue',
      ...(bridge ? { master: bridge } : {}),
      state: 'UP',
      linkType: 'ether',
      mac: host.mac,
      linkNetns: `link-netns ${podNetnsName(p.key)}`,
      // flannel's bridge plugin config sets hairpinMode: true (kube-flannel.yml).
      details: bridge
        ? ['veth', 'bridge_slave state forwarding priority 32 cost 2 hairpin on guard off']
        : ['veth'],
      addrs: withLinkLocal(host.addrs, host.mac),
    });
  }
  return links;
}

/** The links of a pod's network namespace: lo and eth0 (the pod end of the veth). */
export function podLinks(cluster: Cluster, pod: DerivedPod): LinkView[] {
  const eth0 = pod.eth0;
  const node = pod.nodeName !== undefined ? cluster.nodeByName.get(pod.nodeName) : undefined;
  if (!eth0 || !node) return [LO];
  const hostIndex = nodeIfindexes(node, cluster.pods).get(`veth:${pod.key}`) ?? 0;
  return [
    LO,
    {
      index: POD_ETH0_IFINDEX,
      name: 'eth0',
      at: `@if${hostIndex}`,
      flags: UP,
      mtu: eth0.mtu,
      qdisc: 'noqueue',
      state: 'UP',
      linkType: 'ether',
      mac: eth0.mac,
      linkNetns: 'link-netnsid 0',
      details: ['veth'],
      addrs: withLinkLocal(eth0.addrs, eth0.mac),
    },
  ];
}
