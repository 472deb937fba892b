/**
 * Cilium's IPAM. `cluster-pool` (the default): the operator carves one CIDR per node out of
 * `cluster-pool-ipv4-cidr` at `cluster-pool-ipv4-mask-size` and records it in the node's
 * CiliumNode (`spec.ipam.podCIDRs`) — node.spec.podCIDR is not used (Documentation/network/
 * concepts/ipam/cluster-pool.rst). A CiliumNode in the scenario is read as it is; a node whose pods
 * carry given addresses gets the pool CIDR holding them; the rest get the first free CIDRs in node
 * order. `kubernetes`: the node's spec.podCIDR. Inside a node CIDR the agent's allocator skips the
 * network and broadcast addresses and picks a random free address (pkg/ipam/service/allocator
 * bitmap.go), for cilium_host's router IP first, then for each endpoint: here a seeded choice, so
 * the same scenario always gets the same addresses.
 */
import {
  cidrContainsIp,
  cidrSize,
  formatCidr,
  nthIp,
  nthSubnet,
  parseCidr,
  subnetCount,
  toNetwork,
  type Cidr,
} from '../../addr/cidr';
import { formatIp, parseIp } from '../../addr/ip';
import type { OtherObject } from '../../model/k8s';
import { hash32 } from '../../util/hash';
import type { DeviceAddr, IpamInput, IpamResult } from '../types';

import type { CiliumConfig } from './config';

export const CILIUM_HOST = 'cilium_host';

/** CiliumNode name → spec.ipam.podCIDRs (IPv4). */
function ciliumNodeCidrs(others: readonly OtherObject[]): Map<string, Cidr> {
  const out = new Map<string, Cidr>();
  for (const o of others) {
    if (o.kind !== 'CiliumNode' || typeof o.metadata?.name !== 'string') continue;
    const spec = o.spec as { ipam?: { podCIDRs?: unknown } } | undefined;
    const list = Array.isArray(spec?.ipam?.podCIDRs) ? (spec.ipam.podCIDRs as unknown[]) : [];
    for (const t of list) {
      const r = typeof t === 'string' ? parseCidr(t) : undefined;
      if (r?.ok && r.value.family === 4) {
        out.set(o.metadata.name, toNetwork(r.value));
        break;
      }
    }
  }
  return out;
}

/** Each node's pod CIDR (IPv4) under the configured IPAM mode. */
function nodeCidrs(input: IpamInput, cfg: CiliumConfig): Map<string, Cidr> {
  const out = new Map<string, Cidr>();
  if (cfg.ipam === 'kubernetes') {
    for (const n of input.nodes)
      for (const c of n.podCIDRs) {
        const r = parseCidr(c);
        if (r.ok && r.value.family === 4 && !out.has(n.name)) out.set(n.name, toNetwork(r.value));
      }
    return out;
  }
  const recorded = ciliumNodeCidrs(input.scenario.others);
  const pools = cfg.poolCidrs.flatMap((t) => {
    const r = parseCidr(t);
    return r.ok ? [toNetwork(r.value)] : [];
  });
  const used = new Set<string>();
  const claim = (node: string, c: Cidr): void => {
    out.set(node, c);
    used.add(formatCidr(c));
  };
  for (const n of input.nodes) {
    const c = recorded.get(n.name);
    if (c) claim(n.name, c);
  }
  // A node whose pods have given addresses holds the pool CIDR they are in.
  for (const p of input.pods) {
    if (p.nodeName === undefined || out.has(p.nodeName)) continue;
    for (const ipText of p.explicitIps) {
      const a = parseIp(ipText);
      const pool = a.ok ? pools.find((x) => cidrContainsIp(x, a.value)) : undefined;
      if (!a.ok || !pool || pool.prefix > cfg.maskSize) continue;
      const sub = toNetwork({ ...pool, addr: a.value.n, prefix: cfg.maskSize });
      if (!used.has(formatCidr(sub))) claim(p.nodeName, sub);
      break;
    }
  }
  for (const n of input.nodes) {
    if (out.has(n.name)) continue;
    let found: Cidr | undefined;
    for (const pool of pools) {
      if (pool.prefix > cfg.maskSize) continue;
      const count = subnetCount(pool, cfg.maskSize);
      for (let i = 0; i < Number(count < 65536n ? count : 65536n) && !found; i++) {
        const s = nthSubnet(pool, cfg.maskSize, i);
        if (s && !used.has(formatCidr(s))) found = s;
      }
      if (found) break;
    }
    if (found) claim(n.name, found);
    else
      input.notes.push({
        code: 'cilium-pool-exhausted',
        message: `Cilium's cluster pool (${cfg.poolCidrs.join(', ') || 'none'}) has no free /${cfg.maskSize} for node ${n.name}: its pods get no addresses. Widen cluster-pool-ipv4-cidr or raise cluster-pool-ipv4-mask-size in ConfigMap kube-system/cilium-config.`,
        objects: [`node/${n.name}`],
      });
  }
  return out;
}

/** A random free host address of `c` (seeded by `seed`), skipping network and broadcast. */
function randomFree(c: Cidr, seed: string, taken: Set<string>): string | undefined {
  const size = cidrSize(c);
  if (size < 4n) return undefined;
  const hosts = size - 2n;
  const start = BigInt(hash32(seed)) % hosts;
  for (let k = 0n; k < hosts; k++) {
    const a = nthIp(c, 1n + ((start + k) % hosts));
    const t = a ? formatIp(a) : undefined;
    if (t !== undefined && !taken.has(t)) {
      taken.add(t);
      return t;
    }
  }
  return undefined;
}

export function ciliumIpam(input: IpamInput, cfg: CiliumConfig): IpamResult {
  const cidrs = nodeCidrs(input, cfg);
  const taken = new Set<string>(input.explicitIps);
  const podRanges = new Map<string, readonly string[]>();
  const deviceAddrs = new Map<string, readonly DeviceAddr[]>();
  for (const n of input.nodes) {
    const c = cidrs.get(n.name);
    podRanges.set(n.name, c ? [formatCidr(c)] : []);
    const router = c ? randomFree(c, `cilium_host:${n.name}`, taken) : undefined;
    deviceAddrs.set(n.name, router ? [{ dev: CILIUM_HOST, ip: router, prefix: 32 }] : []);
    if (c && !router)
      input.notes.push({
        code: 'cilium-no-router-ip',
        message: `Node ${n.name}'s Cilium pod CIDR ${formatCidr(c)} has no free address for cilium_host's router IP: its pods get an on-link default route (the lxc program answers their ARP). Give the node a larger CIDR.`,
        objects: [`node/${n.name}`],
      });
  }
  const podIps = new Map<string, readonly string[]>();
  for (const p of input.pods) {
    if (p.nodeName === undefined || p.hostNetwork || p.explicitIps.length > 0) continue;
    const c = cidrs.get(p.nodeName);
    if (!c) continue;
    const ip = randomFree(c, `endpoint:${p.key}`, taken);
    if (ip) podIps.set(p.key, [ip]);
    else
      input.notes.push({
        code: 'pod-ip-exhausted',
        message: `Node ${p.nodeName}'s Cilium pod CIDR ${formatCidr(c)} has no free address for pod ${p.key}. Raise cluster-pool-ipv4-mask-size's range (a shorter mask) in ConfigMap kube-system/cilium-config.`,
        objects: [`pod/${p.key}`, `node/${p.nodeName}`],
      });
  }
  return { podRanges, podIps, deviceAddrs };
}
