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
  const oa = prev?.outer
    ? `${prev.outer.srcIP} → ${prev.outer.dstIP} UDP ${prev.outer.dstPort ?? ''}`
    : undefined;
  const ob = next.outer
    ? `${next.outer.srcIP}:${next.outer.srcPort ?? ''} → ${next.outer.dstIP}:${next.outer.dstPort ?? ''} UDP · VNI ${next.vni ?? 1}`
    : undefined;
  if (oa !== undefined || ob !== undefined)
    out.push({
      field: 'outer',
      before: oa,
      after: ob,
      changed: prev !== undefined && (oa === undefined) !== (ob === undefined),
    });
  return out;
}
