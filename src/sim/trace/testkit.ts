/** Helpers shared by the tracer's tests: CNI modes and compact views of a walk's hops. */
import type { DerivedNode, NetDevice } from '../derive/types';
import type { CniMode, Scenario } from '../model/scenario';

import type { Hop, Trace } from './types';

export const MODES: readonly CniMode[] = ['routes', 'vxlan'];

/** The scenario with another CNI mode. */
export const withMode = (s: Scenario, mode: CniMode): Scenario => ({
  ...s,
  cluster: { ...s.cluster, cni: { ...s.cluster.cni, mode } },
});

/** "→:kind:node" for request hops, "←:kind:node" for reply hops. */
export const steps = (hops: readonly Hop[]): string[] =>
  hops.map((h) => `${h.direction === 'request' ? '→' : '←'}:${h.kind}:${h.node ?? '-'}`);
export const requestHops = (t: Trace): Hop[] => t.hops.filter((h) => h.direction === 'request');
export const replyHops = (t: Trace): Hop[] => t.hops.filter((h) => h.direction === 'reply');
export const lastRequest = (t: Trace): Hop | undefined => requestHops(t).at(-1);

/** A node's CNI device by name (cni0, flannel.1, tunl0, …); throws when it has none. */
export function device(n: DerivedNode, name: string): NetDevice {
  const d = n.devices.find((x) => x.name === name);
  if (!d) throw new Error(`${n.name} has no ${name}`);
  return d;
}
