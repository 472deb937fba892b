/** The packet rewrites targets perform: MARK on skb->mark, DNAT/SNAT/MASQUERADE on addresses. */
import type { NatAddr, Target } from './ruleset';
import type { NfPacket } from './types';

/** xt_MARK: --set-xmark v/m is (mark & ~m) ^ v; --set-mark v/m is (mark & ~m) | v. */
export function applyMark(mark: number, t: Extract<Target, { kind: 'MARK' }>): number {
  switch (t.op) {
    case 'xset':
      return ((mark & ~t.mask) ^ t.value) >>> 0;
    case 'set':
      return ((mark & ~t.mask) | t.value) >>> 0;
    case 'or':
      return (mark | t.value) >>> 0;
    case 'xor':
      return (mark ^ t.value) >>> 0;
    case 'and':
      return (mark & t.value) >>> 0;
  }
}

/** DNAT rewrites the destination (and port, when the target names one). */
export function applyDnat(p: NfPacket, to: NatAddr): NfPacket {
  return { ...p, dstIP: to.ip, ...(to.port !== undefined ? { dstPort: to.port } : {}) };
}

/** SNAT / MASQUERADE rewrite the source (and port, when given). */
export function applySnat(p: NfPacket, ip: string, port?: number): NfPacket {
  return { ...p, srcIP: ip, ...(port !== undefined ? { srcPort: port } : {}) };
}
