/**
 * Routes as iproute2 prints them. `ip route` writes a route's fields in a fixed order
 * (iproute2 ip/iproute.c print_route): the type when not unicast, the destination, `via`, `dev`,
 * `proto` (not for "boot", the default), `scope` (not for universe), `src`, `metric`, flags
 * (`onlink`), IPv6 `pref`, then route metrics (`mtu`).
 */
import { compareIp, parseIp, type Family } from '../addr/ip';
import { parseCidr, type Cidr } from '../addr/cidr';

import type { Route } from './types';

export type RouteFields = Omit<Route, 'text'>;

/** The `ip route` line of a route. */
export function routeLine(r: RouteFields): string {
  const parts: string[] = [];
  if (r.type) parts.push(r.type);
  parts.push(r.dst);
  if (r.via !== undefined) parts.push('via', r.via);
  if (!r.type) parts.push('dev', r.dev);
  if (r.proto !== undefined && r.proto !== 'boot') parts.push('proto', r.proto);
  if (r.scope) parts.push('scope', r.scope);
  if (r.src !== undefined && r.family === 4) parts.push('src', r.src);
  const metric = r.metric ?? (r.family === 6 ? (r.proto === 'kernel' ? 256 : 1024) : undefined);
  if (metric !== undefined) parts.push('metric', String(metric));
  if (r.onlink) parts.push('onlink');
  if (r.family === 6) parts.push('pref', 'medium');
  if (r.mtu !== undefined) parts.push('mtu', String(r.mtu));
  return parts.join(' ');
}

/** A route with its printed line. */
export function route(r: RouteFields): Route {
  return { ...r, text: routeLine(r) };
}

/** A connected route (`proto kernel scope link src …`), added when an address is configured. */
export function kernelRoute(family: Family, dst: string, dev: string, src: string): Route {
  return route({ family, dst, dev, proto: 'kernel', scope: 'link', src });
}

/** An on-link route without a gateway (`dev … scope link`). */
export function linkRoute(family: Family, dst: string, dev: string): Route {
  return route({ family, dst, dev, scope: 'link' });
}

/** A route via a gateway, as `ip route add … via …` (optionally `proto static`, `onlink`). */
export function staticRoute(
  family: Family,
  dst: string,
  via: string,
  dev: string,
  onlink: boolean,
  protoStatic: boolean,
): Route {
  return route({
    family,
    dst,
    via,
    dev,
    ...(protoStatic ? { proto: 'static' as const } : {}),
    ...(onlink ? { onlink: true } : {}),
  });
}

export function familyOfText(t: string): Family | undefined {
  const r = parseIp(t);
  return r.ok ? r.value.family : undefined;
}

/**
 * `ip route` prints the main table in FIB (LC-trie) order: by network address, and for one address
 * the longest prefix first (fib_insert_alias keeps a leaf's aliases by ascending suffix length).
 */
export function sortRoutes(routes: readonly Route[]): Route[] {
  const key = (r: Route): Cidr => {
    if (r.dst === 'default') return { family: r.family, addr: 0n, prefix: 0 };
    const c = parseCidr(r.dst, { allowBareIp: true });
    return c.ok ? c.value : { family: r.family, addr: 0n, prefix: 0 };
  };
  return [...routes].sort((a, b) => {
    if (a.family !== b.family) return a.family - b.family;
    const ka = key(a);
    const kb = key(b);
    const c = compareIp({ family: ka.family, n: ka.addr }, { family: kb.family, n: kb.addr });
    return c !== 0 ? c : kb.prefix - ka.prefix;
  });
}
