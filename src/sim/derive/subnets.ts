/**
 * The node network as the nodes' eth0 see it: each subnet a LAN segment with one router address
 * on it, all subnets joined by that router (DESIGN.md §3). A subnet comes from `nodeNetwork` —
 * given by the user, or inferred by an import from the nodes' addresses — or, for a node whose
 * address lies in none of them, is implicit: the /24 (/64) around the address, as a DHCP-configured
 * interface would most likely have it.
 */
import { cidrContainsIp, formatCidr, nthIp, parseCidr, toNetwork, type Cidr } from '../addr/cidr';
import { canonicalIp, formatIp, parseIp, type Family } from '../addr/ip';
import { derivedMac } from '../addr/mac';
import { ids } from '../model/ids';
import type { NodeSubnet } from '../model/scenario';

import type { DerivedSubnet } from './types';

/** One nodeNetwork entry, parsed: its valid blocks and their gateways (same order). */
export interface ParsedSubnet {
  readonly index: number;
  readonly blocks: readonly Cidr[];
  readonly gateways: readonly (string | undefined)[];
  readonly inferred: boolean;
}

const IMPLICIT_PREFIX: Readonly<Record<Family, number>> = { 4: 24, 6: 64 };

/** Parses nodeNetwork; invalid blocks are left out (validation reports them). */
export function parseSubnets(list: readonly NodeSubnet[]): ParsedSubnet[] {
  return list.map((s, index) => {
    const blocks: Cidr[] = [];
    for (const t of splitList(s.cidr)) {
      const r = parseCidr(t);
      if (r.ok && !blocks.some((b) => b.family === r.value.family)) blocks.push(toNetwork(r.value));
    }
    const given = splitList(s.gateway ?? '');
    const gateways = blocks.map((b) => {
      const g = given.find((t) => {
        const r = parseIp(t);
        return r.ok && r.value.family === b.family;
      });
      return g !== undefined ? canonicalIp(g) : defaultGateway(b);
    });
    return { index, blocks, gateways, inferred: s.inferred === true };
  });
}

const splitList = (t: string): string[] =>
  t
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/** The first host address of a block: where clouds and most LANs put the router (.1 / ::1). */
export function defaultGateway(block: Cidr): string | undefined {
  const bits = block.family === 4 ? 32 : 128;
  if (block.prefix >= bits - 1) return undefined; // /31, /32: no room for a router
  const a = nthIp(block, 1n);
  return a ? formatIp(a) : undefined;
}

export interface NodeAddrs {
  readonly name: string;
  readonly ips: readonly string[];
}

/**
 * Every subnet the nodes use: the nodeNetwork entries in order (even without nodes, so a
 * subnet being planned is drawn), then one implicit subnet per /24 (/64) holding addresses no
 * entry holds.
 */
export function deriveSubnets(
  parsed: readonly ParsedSubnet[],
  nodes: readonly NodeAddrs[],
): DerivedSubnet[] {
  const members = new Map<number, string[]>();
  const implicit = new Map<string, { block: Cidr; nodes: string[] }>();
  for (const n of nodes) {
    const first = n.ips.map((t) => parseIp(t)).find((r) => r.ok);
    if (!first?.ok) continue;
    const a = first.value;
    const s = parsed.find((p) => p.blocks.some((b) => cidrContainsIp(b, a)));
    if (s) {
      members.set(s.index, [...(members.get(s.index) ?? []), n.name]);
      continue;
    }
    const block = toNetwork({ family: a.family, addr: a.n, prefix: IMPLICIT_PREFIX[a.family] });
    const key = formatCidr(block);
    const g = implicit.get(key) ?? { block, nodes: [] };
    g.nodes.push(n.name);
    implicit.set(key, g);
  }
  const out: DerivedSubnet[] = [];
  for (const p of parsed) {
    if (p.blocks.length === 0) continue;
    const cidrs = p.blocks.map(formatCidr);
    out.push({
      id: ids.subnet(cidrs[0] ?? String(p.index)),
      cidrs,
      gateways: p.gateways.map((g) => g ?? ''),
      source: p.inferred ? 'inferred' : 'given',
      index: p.index,
      nodes: members.get(p.index) ?? [],
      routerMac: derivedMac(`router:${cidrs[0] ?? ''}`),
    });
  }
  for (const [key, g] of implicit)
    out.push({
      id: ids.subnet(key),
      cidrs: [key],
      gateways: [defaultGateway(g.block) ?? ''],
      source: 'implicit',
      nodes: g.nodes,
      routerMac: derivedMac(`router:${key}`),
    });
  return out;
}

/** The subnet block holding `ip`, with the router address on it. */
export function blockOf(
  subnets: readonly DerivedSubnet[],
  ipText: string,
): { readonly subnet: DerivedSubnet; readonly cidr: Cidr; readonly gateway: string } | undefined {
  const a = parseIp(ipText);
  if (!a.ok) return undefined;
  for (const s of subnets)
    for (const [i, t] of s.cidrs.entries()) {
      const c = parseCidr(t);
      if (c.ok && cidrContainsIp(c.value, a.value))
        return { subnet: s, cidr: c.value, gateway: s.gateways[i] ?? '' };
    }
  return undefined;
}

/**
 * The subnet a node's primary address is on (a clean query for views that group nodes by subnet).
 * @example subnetOfNode(cluster, 'node-1')?.cidrs // ['192.168.1.0/24']
 */
export function subnetOfNode(
  cluster: {
    readonly subnets: readonly DerivedSubnet[];
    readonly nodeByName: ReadonlyMap<string, { readonly subnet?: string }>;
  },
  name: string,
): DerivedSubnet | undefined {
  const id = cluster.nodeByName.get(name)?.subnet;
  return id === undefined ? undefined : cluster.subnets.find((s) => s.id === id);
}
