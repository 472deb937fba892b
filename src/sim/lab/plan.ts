/**
 * What a Linux lab of a cluster consists of, as data: one network namespace per node and per
 * pod, the node network (a bridge in a "LAN" namespace whose address is the nodes' gateway, the
 * router), an outside client on that network, the listeners every pod and node runs, and the
 * refs a probe may name. The script renderer turns this into bash; nothing here is bash.
 */
import { cidrSize, nthIp, parseCidr, toNetwork } from '../addr/cidr';
import { formatIp } from '../addr/ip';
import type { Cluster, DerivedNode, DerivedPod, Route } from '../derive/types';
import { gatewayOf } from '../trace/gateway';
import { hostListeners } from '../trace/edges';

import { nameSlug, uniqueNames } from './shell';

const v4 = (ip: string): boolean => !ip.includes(':');

export interface LabListener {
  readonly protocol: 'TCP' | 'UDP';
  readonly port: number;
  /** The address the listener reports as its own (UDP answers cannot tell). */
  readonly ip: string;
  /** Who listens, for the comment: "web/nginx (http)". */
  readonly who: string;
}

/** One subnet of the node network: a bridge in the router's namespace, which holds its gateway. */
export interface LabLan {
  readonly cidr: string;
  readonly prefix: number;
  readonly gateway: string;
  /** The router's bridge for it, named as the explorer names the router's interfaces ("net0"). */
  readonly bridge: string;
  /** The graph element of its bus. */
  readonly id: string;
}

export interface LabNode {
  readonly node: DerivedNode;
  /** The subnet its eth0 is on. */
  readonly lan: LabLan;
  /** Namespace name after the prefix: "node-node-1". */
  readonly ns: string;
  readonly ip: string;
  readonly prefix: number;
  /** Its port on the LAN bridge ("n1"). */
  readonly lanPort: string;
  readonly routes: readonly Route[];
  readonly listeners: readonly LabListener[];
}

export interface LabPod {
  readonly pod: DerivedPod;
  readonly node: LabNode;
  readonly ns: string;
  readonly ip: string;
  readonly prefix: number;
  readonly routes: readonly Route[];
  readonly listeners: readonly LabListener[];
}

export interface LabPlan {
  readonly cluster: Cluster;
  /** The node network's IPv4 subnets, joined by the router; the outside client sits on the first. */
  readonly lans: readonly LabLan[];
  readonly client: { readonly ip: string; readonly lan: LabLan };
  /** Routes the router holds to the nodes' pod ranges (cloud-routes), IPv4. */
  readonly routerRoutes: readonly {
    readonly dst: string;
    readonly via: string;
    readonly node: string;
  }[];
  readonly nodes: readonly LabNode[];
  readonly pods: readonly LabPod[];
  /** Pods that get no namespace, and why (no IPv4 address, not on a node …). */
  readonly skipped: readonly { readonly key: string; readonly why: string }[];
}

/** Builds the plan, or says why this cluster cannot become a lab. */
export function labPlan(
  cluster: Cluster,
): { ok: true; plan: LabPlan } | { ok: false; error: string } {
  const lans = labLans(cluster);
  const firstLan = lans[0];
  if (!firstLan)
    return {
      ok: false,
      error: `the lab builds IPv4 clusters, and this cluster's node network (${cluster.settings.nodeNetwork.map((n) => n.cidr).join(' + ') || 'none given'}) has no IPv4 range`,
    };
  const names = uniqueNames();
  const nodes: LabNode[] = [];
  for (const [i, n] of cluster.nodes.entries()) {
    const ip = n.eth0.addrs.find((a) => v4(a.ip));
    if (!ip) return { ok: false, error: `node ${n.name} has no IPv4 address on eth0` };
    const lan = lans.find((l) => l.id === n.subnet) ?? firstLan;
    if (!gatewayOf(n, 4))
      return {
        ok: false,
        error: `node ${n.name} has no IPv4 default route (its subnet has no router address)`,
      };
    nodes.push({
      node: n,
      lan,
      ns: names(`node-${nameSlug(n.name)}`),
      ip: ip.ip,
      prefix: ip.prefix,
      lanPort: `n${i + 1}`,
      routes: n.routes.filter((r) => r.family === 4),
      listeners: hostListeners(cluster, n)
        .filter((l) => l.protocol === 'TCP' || l.protocol === 'UDP')
        .map((l) => ({
          protocol: l.protocol as 'TCP' | 'UDP',
          port: l.port,
          ip: ip.ip,
          who: l.who,
        })),
    });
  }
  const byName = new Map(nodes.map((n) => [n.node.name, n]));
  const pods: LabPod[] = [];
  const skipped: { key: string; why: string }[] = [];
  for (const p of cluster.pods) {
    const node = p.nodeName !== undefined ? byName.get(p.nodeName) : undefined;
    const addr = p.eth0?.addrs.find((a) => v4(a.ip));
    if (p.hostNetwork) continue; // its listeners are the node's (hostListeners)
    if (!node || !addr || !p.vethHost) {
      skipped.push({ key: p.key, why: !node ? 'not running on a node' : 'no IPv4 address' });
      continue;
    }
    pods.push({
      pod: p,
      node,
      ns: names(`pod-${nameSlug(p.namespace, 20)}-${nameSlug(p.name)}`),
      ip: addr.ip,
      prefix: addr.prefix,
      routes: p.routes.filter((r) => r.family === 4),
      listeners: podListeners(p, addr.ip),
    });
  }
  const client = clientAddress(cluster, firstLan);
  if (client === undefined)
    return {
      ok: false,
      error: `the node network ${firstLan.cidr} has no free address for the outside client`,
    };
  return {
    ok: true,
    plan: {
      cluster,
      lans,
      client: { ip: client, lan: firstLan },
      routerRoutes: cluster.router.podRoutes.filter((r) => v4(r.dst)),
      nodes,
      pods,
      skipped,
    },
  };
}

/** The IPv4 block of every subnet that has a router address on it. */
function labLans(cluster: Cluster): LabLan[] {
  const out: LabLan[] = [];
  cluster.subnets.forEach((s, i) => {
    const j = s.cidrs.findIndex(v4);
    const cidr = s.cidrs[j];
    const gateway = s.gateways[j];
    const parsed = cidr !== undefined ? parseCidr(cidr) : undefined;
    if (cidr !== undefined && gateway && parsed?.ok)
      out.push({ cidr, prefix: parsed.value.prefix, gateway, bridge: `net${i}`, id: s.id });
  });
  return out;
}

function podListeners(p: DerivedPod, ip: string): LabListener[] {
  const seen = new Set<string>();
  const out: LabListener[] = [];
  for (const port of p.ports) {
    if (port.protocol !== 'TCP' && port.protocol !== 'UDP') continue;
    const key = `${port.protocol}/${port.port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      protocol: port.protocol,
      port: port.port,
      ip,
      who: `${p.name}/${port.container}${port.name ? ` (${port.name})` : ''}`,
    });
  }
  return out;
}

/**
 * The outside client's address on the node network: .100 when it is free (as in the explorer's
 * examples), else the highest free host address.
 */
function clientAddress(cluster: Cluster, lan: LabLan): string | undefined {
  const r = parseCidr(lan.cidr);
  if (!r.ok) return undefined;
  const net = toNetwork(r.value);
  const size = cidrSize(net);
  const free = (i: bigint): string | undefined => {
    const a = nthIp(net, i);
    const t = a ? formatIp(a) : undefined;
    return t !== undefined && t !== lan.gateway && !(cluster.ipOwners.get(t) ?? []).length
      ? t
      : undefined;
  };
  if (size > 102n && free(100n)) return free(100n);
  for (let i = size - 2n; i >= 1n; i--) if (free(i)) return free(i);
  return undefined;
}
