/**
 * Plain-words names of graph elements (the ids of model/ids.ts that hops carry in `at`), and the
 * elements a packet could plausibly reach next from one of them: what predict mode offers as
 * choices. Only ids are parsed here, so a datapath that adds devices (a tunnel, another bridge)
 * gets a generic but correct name without changes.
 */
import { podBridge } from '../derive/devices';
import { subnetOfNode } from '../derive/subnets';
import type { Cluster } from '../derive/types';
import { ids } from '../model/ids';

/** "eth0 of node-1 (192.168.1.11)", "cni0 bridge on node-1", "container shell of default/client"… */
export function elementLabel(cluster: Cluster, id: string): string {
  const [kind, rest = ''] = splitId(id);
  if (kind === 'node') {
    const [node = '', dev] = splitFirst(rest, '/');
    const n = cluster.nodeByName.get(node);
    if (dev === undefined) return `node ${node}`;
    if (dev === 'eth0') return `eth0 of ${node}${n?.ips[0] ? ` (${n.ips[0]})` : ''}`;
    if (dev === 'routes') return `${node}'s route table`;
    if (dev === 'iptables') return `${node}'s iptables (kube-proxy's rules)`;
    if (dev === (n && podBridge(n))?.name || dev === 'cni0') return `the ${dev} bridge on ${node}`;
    return `${dev} on ${node}`;
  }
  if (kind === 'pod') {
    const m = /^(.+?)\/(eth0|lo|pause|c\/(.+))$/.exec(rest);
    if (!m) return `pod ${rest}`;
    if (m[2] === 'eth0') return `eth0 inside pod ${m[1]}`;
    if (m[2] === 'lo') return `lo inside pod ${m[1]}`;
    if (m[2] === 'pause') return `the pause container of ${m[1]}`;
    return `container ${m[3]} of ${m[1]}`;
  }
  if (kind === 'svc') return `the Service ${rest} itself`;
  if (kind === 'lb') return `the load balancer of ${rest}`;
  if (kind === 'veth') return `the veth pair of ${rest}`;
  if (ids.isSubnet(id))
    return cluster.subnets.length > 1
      ? `the node subnet ${id.slice('net:nodes/'.length)} (a wire to the router)`
      : 'the node network (the wire between nodes)';
  if (id === ids.external()) return 'outside the cluster';
  if (kind === 'link') return `the cable of ${rest}`;
  return id;
}

/** The node a graph element belongs to, if any. */
export function nodeOfElement(cluster: Cluster, id: string): string | undefined {
  const [kind, rest = ''] = splitId(id);
  if (kind === 'node') return splitFirst(rest, '/')[0];
  if (kind === 'pod' || kind === 'veth') {
    const key = /^([^/]+\/[^/]+)/.exec(rest)?.[1];
    return key ? cluster.podByKey.get(key)?.nodeName : undefined;
  }
  return undefined;
}

/** The pod ("ns/name") a pod element (box, eth0, container) belongs to. */
export function podOfElement(id: string): string | undefined {
  const [kind, rest = ''] = splitId(id);
  return kind === 'pod' ? /^([^/]+\/[^/]+)/.exec(rest)?.[1] : undefined;
}

/**
 * Elements a packet at `id` could go to next, as a learner might think: the devices it is wired
 * to, plus the places people wrongly expect (the Service object, the node's eth0 for same-node
 * traffic). Deterministic order.
 */
export function neighbours(cluster: Cluster, id: string): string[] {
  const node = nodeOfElement(cluster, id);
  const n = node ? cluster.nodeByName.get(node) : undefined;
  const host = (name: string): string[] =>
    n ? [ids.nodeEth0(name), ids.nodeRoutes(name), ids.nodeNetfilter(name), n.podAttach.id] : [];
  const pod = podOfElement(id);
  const out: string[] = [];
  if (pod) {
    const p = cluster.podByKey.get(pod);
    if (p?.eth0) out.push(p.eth0.id);
    for (const c of p?.containers ?? []) out.push(ids.container(pod, c.name));
    if (node) out.push(...host(node));
  } else if (node && n) {
    out.push(...host(node));
    for (const d of n.devices) if (d.id !== n.podAttach.id) out.push(d.id);
    const sub = subnetOfNode(cluster, n.name);
    if (sub) out.push(sub.id);
    for (const k of n.podKeys.slice(0, 3)) {
      const p = cluster.podByKey.get(k);
      if (p?.eth0) out.push(p.eth0.id);
    }
  } else {
    out.push(
      ...cluster.nodes.map((x) => x.eth0.id),
      ids.external(),
      ...cluster.subnets.map((x) => x.id),
    );
  }
  return [...new Set(out)].filter((x) => x !== id);
}

function splitId(id: string): [string, string | undefined] {
  const i = id.indexOf(':');
  return i < 0 ? [id, undefined] : [id.slice(0, i), id.slice(i + 1)];
}

function splitFirst(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
