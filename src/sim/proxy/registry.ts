/**
 * Which service proxy a cluster runs, and the implementations known so far. iptables mode is
 * always here; nftables mode ships in its own chunk (it is not needed for the first screen) and
 * registers itself when `loadServiceProxy('nftables')` has brought it in.
 */
import type { Cluster } from '../derive/types';

import { iptablesProxy } from './iptables';
import type { ServiceProxy } from './types';

const proxies = new Map<string, ServiceProxy>([[iptablesProxy.mode, iptablesProxy]]);
let epoch = 0;

/** Loaders of the proxies that are not in the initial bundle. */
const LOADERS: Readonly<Record<string, () => Promise<ServiceProxy>>> = {
  nftables: () => import('../kubeproxy/nft/proxy').then((m) => m.nftablesProxy),
};

/** Makes a proxy available (idempotent); bumps serviceProxyEpoch when something changed. */
export function registerServiceProxy(p: ServiceProxy): void {
  if (proxies.get(p.mode) === p) return;
  proxies.set(p.mode, p);
  epoch++;
}

/** Counts registrations, so memoised walks computed before a proxy arrived can be redone. */
export function serviceProxyEpoch(): number {
  return epoch;
}

/** The proxy mode a cluster's nodes run (KubeProxyConfiguration `mode`). */
export function proxyModeOf(cluster: Cluster): string {
  return cluster.settings.kubeProxy.mode;
}

/** The proxy for `mode`, if it is loaded. */
export function serviceProxy(mode: string): ServiceProxy | undefined {
  return proxies.get(mode);
}

/** The cluster's proxy, if it is loaded (see loadServiceProxy). */
export function serviceProxyFor(cluster: Cluster): ServiceProxy | undefined {
  return proxies.get(proxyModeOf(cluster));
}

/** Whether some implementation of `mode` exists (loaded or loadable). */
export function isServiceProxyKnown(mode: string): boolean {
  return proxies.has(mode) || mode in LOADERS;
}

/** Whether `mode` can be used right now (no loading needed). */
export function isServiceProxyLoaded(mode: string): boolean {
  return proxies.has(mode);
}

/**
 * Brings in the proxy for `mode` (a dynamic import for nftables) and registers it; undefined for
 * a mode nothing implements.
 * @example await loadServiceProxy('nftables'); trace(cluster, walk) // now walks nft rules
 */
export async function loadServiceProxy(mode: string): Promise<ServiceProxy | undefined> {
  const hit = proxies.get(mode);
  if (hit) return hit;
  const load = LOADERS[mode];
  if (!load) return undefined;
  const p = await load();
  registerServiceProxy(p);
  return p;
}
