/**
 * Longest-prefix-match route lookup over a table as `ip route` prints it. The kernel's FIB picks
 * the most specific matching prefix; ties (same prefix) go to the first entry, which is what the
 * lowest metric would give for the tables the explorer builds.
 */
import { cidrContainsIp, parseCidr } from '../addr/cidr';
import type { Ip } from '../addr/ip';
import type { Route } from '../derive/types';

export interface RouteMatch {
  readonly route: Route;
  readonly prefix: number;
}

const compiled = new WeakMap<Route, { prefix: number; matches: (a: Ip) => boolean }>();

function compile(r: Route): { prefix: number; matches: (a: Ip) => boolean } {
  const hit = compiled.get(r);
  if (hit) return hit;
  let c: { prefix: number; matches: (a: Ip) => boolean };
  if (r.dst === 'default') c = { prefix: 0, matches: (a) => a.family === r.family };
  else {
    const p = parseCidr(r.dst, { allowBareIp: true });
    c = p.ok
      ? { prefix: p.value.prefix, matches: (a) => cidrContainsIp(p.value, a) }
      : { prefix: -1, matches: () => false };
  }
  compiled.set(r, c);
  return c;
}

/** The route the kernel would use for `dst`, or undefined ("Network is unreachable"). */
export function lookupRoute(routes: readonly Route[], dst: Ip): RouteMatch | undefined {
  let best: RouteMatch | undefined;
  for (const r of routes) {
    const c = compile(r);
    if (c.matches(dst) && (!best || c.prefix > best.prefix)) best = { route: r, prefix: c.prefix };
  }
  return best;
}
