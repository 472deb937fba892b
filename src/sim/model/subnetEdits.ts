/**
 * Edits of the node network and of where nodes sit (pure; the same scenario back when nothing
 * changed). Editing an inferred subnet makes it the user's: it is then checked as a range.
 */
import {
  cidrsOverlap,
  formatCidr,
  parseCidr,
  splitDualStack,
  toNetwork,
  type Cidr,
} from '../addr/cidr';

import type { NodeSubnet, Scenario } from './scenario';
import { ZONE_LABEL } from './topology';

const withSubnets = (s: Scenario, nodeNetwork: readonly NodeSubnet[]): Scenario =>
  JSON.stringify(nodeNetwork) === JSON.stringify(s.cluster.nodeNetwork)
    ? s
    : { ...s, cluster: { ...s.cluster, nodeNetwork } };

/** Changes subnet `i` (its block or gateway); an empty gateway means the default (.1). */
export function updateNodeSubnet(
  s: Scenario,
  i: number,
  patch: { readonly cidr?: string; readonly gateway?: string },
): Scenario {
  const list = s.cluster.nodeNetwork.map((sub, j) => {
    if (j !== i) return sub;
    const { inferred: _inferred, gateway: _gateway, ...rest } = sub;
    const gateway = patch.gateway !== undefined ? patch.gateway.trim() : sub.gateway;
    return {
      ...rest,
      ...(patch.cidr !== undefined ? { cidr: patch.cidr.trim() } : {}),
      ...(gateway ? { gateway } : {}),
    };
  });
  return withSubnets(s, list);
}

/** The first block the size of the last IPv4 subnet (a /24 by default) that no subnet uses. */
export function nextFreeSubnet(list: readonly NodeSubnet[]): string {
  const used: Cidr[] = list.flatMap((x) =>
    splitDualStack(x.cidr).flatMap((t) => {
      const r = parseCidr(t);
      return r.ok ? [toNetwork(r.value)] : [];
    }),
  );
  const last = [...used].reverse().find((c) => c.family === 4);
  const start = last ?? { family: 4 as const, addr: 0xc0a80100n, prefix: 24 };
  const step = 1n << BigInt(32 - start.prefix);
  for (let k = 0n; k < 4096n; k++) {
    const addr = (start.addr + k * step) % (1n << 32n);
    const cand: Cidr = { family: 4, addr, prefix: start.prefix };
    if (!used.some((u) => cidrsOverlap(u, cand))) return formatCidr(cand);
  }
  return '192.168.1.0/24';
}

/** Appends a subnet (the next free block, unless one is given). */
export function addNodeSubnet(s: Scenario, cidr?: string): Scenario {
  const sub: NodeSubnet = { cidr: cidr ?? nextFreeSubnet(s.cluster.nodeNetwork) };
  return withSubnets(s, [...s.cluster.nodeNetwork, sub]);
}

export function removeNodeSubnet(s: Scenario, i: number): Scenario {
  return withSubnets(
    s,
    s.cluster.nodeNetwork.filter((_, j) => j !== i),
  );
}

/** Sets (or, with '', removes) a node's `topology.kubernetes.io/zone` label. */
export function setNodeZone(s: Scenario, name: string, zone: string): Scenario {
  const z = zone.trim();
  let changed = false;
  const nodes = s.nodes.map((n) => {
    if (n.metadata.name !== name) return n;
    const { [ZONE_LABEL]: old, ...labels } = n.metadata.labels ?? {};
    if ((old ?? '') === z) return n;
    changed = true;
    const next = z ? { ...labels, [ZONE_LABEL]: z } : labels;
    const { labels: _l, ...meta } = n.metadata;
    return {
      ...n,
      metadata: Object.keys(next).length > 0 ? { ...meta, labels: next } : meta,
    };
  });
  return changed ? { ...s, nodes } : s;
}
