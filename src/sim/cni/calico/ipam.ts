/**
 * calico-ipam: addresses come from IPPools in blocks (default /26) that a node claims — block
 * affinity — when it needs one; a node may hold several. node.spec.podCIDR plays no part.
 * Which free block a node claims is pseudo-random (the walk starts at an offset seeded from the
 * hostname and block size: libcalico-go randomBlockGenerator); inside a block addresses go in
 * ordinal order. When encapsulation is on, the node's tunnel device takes the first address of
 * its first block before any pod, so pods start at .1. Given BlockAffinity objects and the blocks
 * holding pods' given IPs are claimed first; an address in another node's block is "borrowed"
 * (reference/cni-datapaths.md §2.4).
 */
import { cidrContainsIp, formatCidr, nthIp, subnetCount, type Cidr } from '../../addr/cidr';
import { formatIp, parseIp } from '../../addr/ip';
import type { NodeAddressing } from '../../derive/nodes';
import { hash32 } from '../../util/hash';
import type { DeviceAddr, IpamInput, IpamResult } from '../types';

import type { CalicoConfig, CalicoPool } from './config';
import { TUNL0, VXLAN_CALICO } from './names';

export interface Block {
  readonly cidr: Cidr;
  readonly text: string;
  readonly pool: CalicoPool;
  readonly node: string;
  readonly used: Set<string>;
}

/** IPAM's outcome beyond IpamResult: who owns which block, and addresses lent across nodes. */
export interface CalicoIpam extends IpamResult {
  readonly blocks: readonly Block[];
  /** Pod addresses held on a node other than the block's owner: address → the pod's node. */
  readonly borrowed: ReadonlyMap<string, string>;
}

const keyOf = (c: Cidr): string => `${c.family}|${c.addr}|${c.prefix}`;

/** The pools that select a node (enabled ones, in definition order). */
export function poolsFor(
  cfg: CalicoConfig,
  labels: Readonly<Record<string, string>>,
): CalicoPool[] {
  return cfg.pools.filter((p) => !p.disabled && p.selects(labels));
}

export function nodeLabels(input: IpamInput, name: string): Record<string, string> {
  const n = input.scenario.nodes.find((x) => x.metadata.name === name);
  return { 'kubernetes.io/hostname': name, ...(n?.metadata.labels ?? {}) };
}

export function calicoIpam(input: IpamInput, cfg: CalicoConfig): CalicoIpam {
  const blocks: Block[] = [];
  const byKey = new Map<string, Block>();
  const explicit = new Set(input.explicitIps);
  const borrowed = new Map<string, string>();
  const claim = (node: string, pool: CalicoPool, cidr: Cidr): Block => {
    const hit = byKey.get(keyOf(cidr));
    if (hit) return hit;
    const b: Block = { cidr, text: formatCidr(cidr), pool, node, used: new Set() };
    blocks.push(b);
    byKey.set(keyOf(cidr), b);
    return b;
  };
  const poolOf = (c: Cidr): CalicoPool | undefined =>
    cfg.pools.find(
      (p) => p.cidr.family === c.family && cidrContainsIp(p.cidr, { family: c.family, n: c.addr }),
    );
  const blockAround = (pool: CalicoPool, ipText: string): Cidr | undefined => {
    const a = parseIp(ipText);
    if (!a.ok || !cidrContainsIp(pool.cidr, a.value)) return undefined;
    const shift = BigInt((a.value.family === 4 ? 32 : 128) - pool.blockSize);
    return { family: a.value.family, addr: (a.value.n >> shift) << shift, prefix: pool.blockSize };
  };

  for (const a of cfg.affinities) {
    const pool = poolOf(a.cidr);
    if (pool && a.cidr.prefix === pool.blockSize) claim(a.node, pool, a.cidr);
  }
  // Pods' given addresses: their blocks belong to their node, unless another node has them.
  for (const p of input.pods) {
    if (p.hostNetwork || p.nodeName === undefined) continue;
    for (const ip of p.explicitIps) {
      const a = parseIp(ip);
      const pool = a.ok ? cfg.pools.find((x) => cidrContainsIp(x.cidr, a.value)) : undefined;
      const c = pool ? blockAround(pool, ip) : undefined;
      if (!pool || !c) continue;
      const b = claim(p.nodeName, pool, c);
      b.used.add(ip);
      if (b.node !== p.nodeName) borrowed.set(ip, p.nodeName);
    }
  }

  const nodes = input.nodes;
  const labels = new Map(nodes.map((n) => [n.name, nodeLabels(input, n.name)]));
  const newBlock = (node: string, pool: CalicoPool): Block | undefined => {
    const count = subnetCount(pool.cidr, pool.blockSize);
    if (count <= 0n) return undefined;
    const seed = (BigInt(hash32(`${node}|${pool.blockSize}`)) << 32n) | BigInt(hash32(node, 7));
    const start = seed % count;
    const step = 1n << BigInt((pool.cidr.family === 4 ? 32 : 128) - pool.blockSize);
    for (let i = 0n; i < count && i < 100_000n; i++) {
      const c: Cidr = {
        family: pool.cidr.family,
        addr: pool.cidr.addr + ((start + i) % count) * step,
        prefix: pool.blockSize,
      };
      if (!byKey.has(keyOf(c))) return claim(node, pool, c);
    }
    return undefined;
  };
  const take = (b: Block): string | undefined => {
    const size = 1n << BigInt((b.cidr.family === 4 ? 32 : 128) - b.cidr.prefix);
    for (let i = 0n; i < size; i++) {
      const a = nthIp(b.cidr, i);
      if (!a) return undefined;
      const t = formatIp(a);
      if (!b.used.has(t) && !explicit.has(t)) {
        b.used.add(t);
        return t;
      }
    }
    return undefined;
  };
  /** An address for `node` from the pools `pools` (its blocks first, then a new block, then borrowing). */
  const assign = (node: string, pools: readonly CalicoPool[]): string | undefined => {
    for (const b of blocks)
      if (b.node === node && pools.includes(b.pool)) {
        const t = take(b);
        if (t) return t;
      }
    for (const pool of pools) {
      const b = newBlock(node, pool);
      const t = b ? take(b) : undefined;
      if (t) return t;
    }
    for (const b of blocks)
      if (pools.includes(b.pool)) {
        const t = take(b);
        if (t) {
          borrowed.set(t, node);
          return t;
        }
      }
    return undefined;
  };

  const deviceAddrs = new Map<string, DeviceAddr[]>();
  for (const n of nodes) {
    const mine = poolsFor(cfg, labels.get(n.name) ?? {}).filter((p) => p.cidr.family === 4);
    const out: DeviceAddr[] = [];
    for (const [dev, on] of [
      [TUNL0, (p: CalicoPool) => p.ipipMode !== 'Never'],
      [VXLAN_CALICO, (p: CalicoPool) => p.vxlanMode !== 'Never'],
    ] as const) {
      const pools = mine.filter(on);
      if (pools.length === 0) continue;
      const ip = assign(n.name, pools);
      if (ip) out.push({ dev, ip, prefix: 32 });
    }
    deviceAddrs.set(n.name, out);
  }

  const podIps = new Map<string, string[]>();
  const byName = new Map<string, NodeAddressing>(nodes.map((n) => [n.name, n]));
  for (const p of input.pods) {
    const node = p.nodeName !== undefined ? byName.get(p.nodeName) : undefined;
    if (!node || p.hostNetwork || p.explicitIps.length > 0) continue;
    const pools = poolsFor(cfg, labels.get(node.name) ?? {});
    const ips: string[] = [];
    for (const family of [4, 6] as const) {
      const fam = pools.filter((x) => x.cidr.family === family);
      if (fam.length === 0) continue;
      const ip = assign(node.name, fam);
      if (ip) ips.push(ip);
      else
        input.notes.push({
          code: 'pod-ip-exhausted',
          message: `Calico IPAM has no free IPv${family} address for pod ${p.key} in the pools that select node ${node.name} (${fam.map((x) => `${x.name} ${x.cidrText}`).join(', ')}). Add an IPPool or widen one.`,
          objects: [`pod/${p.key}`, `node/${node.name}`],
        });
    }
    if (pools.length === 0)
      input.notes.push({
        code: 'pod-ip-exhausted',
        message: `No IPPool selects node ${node.name} (check the pools' nodeSelector), so Calico cannot give pod ${p.key} an address.`,
        objects: [`pod/${p.key}`, `node/${node.name}`],
      });
    podIps.set(p.key, ips);
  }

  const podRanges = new Map<string, string[]>();
  for (const n of nodes)
    podRanges.set(
      n.name,
      blocks.filter((b) => b.node === n.name).map((b) => b.text),
    );
  return { podRanges, podIps, deviceAddrs, blocks, borrowed };
}
