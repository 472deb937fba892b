/**
 * `ip addr` and `ip -d link` text, field for field as iproute2 prints it (ip/ipaddress.c
 * print_linkinfo and print_addrinfo): the link line (`N: name@peer: <FLAGS> mtu M qdisc Q [master
 * B] state S [mode DEFAULT] group default [qlen L]`), the link-layer line (`link/ether MAC brd
 * ff:ff:ff:ff:ff:ff [link-netns …]`), with -d the promiscuity/MTU bounds and the type's details,
 * then each address (`inet A/P [brd B] scope S label`, IPv4 before IPv6) with its lifetimes.
 */
import { lastIp, parseCidr } from '../addr/cidr';
import { formatIp } from '../addr/ip';

import type { LinkAddr, LinkView } from './links';

function header(l: LinkView, link: boolean): string {
  const parts = [`${l.index}: ${l.name}${l.at ?? ''}: <${l.flags.join(',')}> mtu ${l.mtu}`];
  parts.push(`qdisc ${l.qdisc}`);
  if (l.master) parts.push(`master ${l.master}`);
  parts.push(`state ${l.state}`);
  if (link) parts.push('mode DEFAULT');
  parts.push('group default');
  if (l.qlen !== undefined) parts.push(`qlen ${l.qlen}`);
  return parts.join(' ');
}

function linkLayer(l: LinkView, detailed: boolean): string {
  let s =
    l.linkType === 'loopback'
      ? '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00'
      : l.linkType === 'ipip'
        ? '    link/ipip 0.0.0.0 brd 0.0.0.0'
        : `    link/ether ${l.mac} brd ff:ff:ff:ff:ff:ff`;
  if (l.linkNetns) s += ` ${l.linkNetns}`;
  if (detailed) {
    // Bounds the drivers set: none for lo; IP_MAX_MTU − 20 for ipip; 68…65535 for veth, bridge, vxlan.
    const bounds =
      l.linkType === 'loopback'
        ? 'minmtu 0 maxmtu 0'
        : l.linkType === 'ipip'
          ? 'minmtu 68 maxmtu 65515'
          : 'minmtu 68 maxmtu 65535';
    s += ` promiscuity 0 allmulti 0 ${bounds}`;
  }
  return s;
}

/** The IPv4 broadcast address the kernel is given for a prefix shorter than /31 (netlink AddrAdd). */
function broadcast(a: LinkAddr): string | undefined {
  if (a.family !== 4 || a.prefix >= 31) return undefined;
  const c = parseCidr(`${a.ip}/${a.prefix}`);
  return c.ok ? formatIp(lastIp(c.value)) : undefined;
}

function addrLines(l: LinkView, a: LinkAddr): string[] {
  const scope = a.scope ?? 'global';
  const brd = scope === 'host' ? undefined : broadcast(a);
  const line =
    a.family === 4
      ? `    inet ${a.ip}/${a.prefix}${brd ? ` brd ${brd}` : ''} scope ${scope} ${l.name}`
      : `    inet6 ${a.ip}/${a.prefix} scope ${scope}`;
  return [line, '       valid_lft forever preferred_lft forever'];
}

/** `ip addr` (optionally one family: `ip -4 addr`, `ip -6 addr`). */
export function formatAddr(links: readonly LinkView[], family?: 4 | 6): string[] {
  const out: string[] = [];
  for (const l of links) {
    const addrs = [...l.addrs]
      .filter((a) => family === undefined || a.family === family)
      .sort((a, b) => a.family - b.family);
    // With a family filter, links without an address of it are not printed.
    if (family !== undefined && addrs.length === 0) continue;
    out.push(header(l, false));
    if (family === undefined) out.push(linkLayer(l, false));
    for (const a of addrs) out.push(...addrLines(l, a));
  }
  return out;
}

/** `ip -d link`: every link with its type's details (tunnel ids, ports, bridge port state). */
export function formatLink(links: readonly LinkView[]): string[] {
  const out: string[] = [];
  for (const l of links) {
    out.push(header(l, true), linkLayer(l, true));
    for (const d of l.details) out.push(`    ${d}`);
  }
  return out;
}
