/** What changed in the headers between two hops (for "before → after" in the hop list). */
import type { Packet } from '@/sim';

export interface FieldChange {
  readonly field: string;
  readonly before?: string | undefined;
  readonly after?: string | undefined;
  readonly changed: boolean;
}

const FIELDS: readonly (readonly [keyof Packet, string])[] = [
  ['srcIP', 'src'],
  ['srcPort', 'sport'],
  ['dstIP', 'dst'],
  ['dstPort', 'dport'],
  ['srcMAC', 'src MAC'],
  ['dstMAC', 'dst MAC'],
  ['ttl', 'TTL'],
];

const str = (v: unknown): string | undefined => (v === undefined ? undefined : String(v));

export function packetFields(prev: Packet | undefined, next: Packet): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [k, label] of FIELDS) {
    const a = prev ? str(prev[k]) : undefined;
    const b = str(next[k]);
    if (a === undefined && b === undefined) continue;
    out.push({ field: label, before: a, after: b, changed: prev !== undefined && a !== b });
  }
  const oa = prev ? outerText(prev) : undefined;
  const ob = outerText(next);
  if (oa !== undefined || ob !== undefined)
    out.push({
      field: 'outer',
      before: oa,
      after: ob,
      changed: prev !== undefined && (oa === undefined) !== (ob === undefined),
    });
  return out;
}

/**
 * The tunnel header as one line: IP-in-IP has no ports (IP protocol 4, the outer TTL copied from
 * the inner one); VXLAN and Geneve are UDP with a VNI.
 */
export function outerText(p: Packet): string | undefined {
  const o = p.outer;
  if (!o) return undefined;
  if (o.protocol === 'IPIP')
    return `${o.srcIP} → ${o.dstIP} IP-in-IP (protocol 4)${o.ttl !== undefined ? ` · TTL ${o.ttl}` : ''}`;
  return `${o.srcIP}:${o.srcPort ?? ''} → ${o.dstIP}:${o.dstPort ?? ''} UDP · VNI ${p.vni ?? 1}`;
}
