/**
 * "Predict the next hop" (issue 14): before hop `i` of a walk is shown, the learner says where
 * the packet goes next, what changes in its headers and — when an address is rewritten — which
 * mechanism rewrites it. Questions and answers are computed from the trace and the cluster, so
 * they hold for every preset, every imported cluster and every datapath. Prediction before
 * observation is what makes a demonstration teach (Crouch et al. 2004; reference/learning.md §2).
 */
import type { Cluster } from '../derive/types';
import type { Hop, Packet, Trace } from '../trace/types';
import { hash32, seededRandom } from '../util/hash';

import { elementLabel, neighbours } from './elements';

/** What happens to the headers on one hop. */
export type HeaderChange = 'none' | 'link' | 'dst' | 'src' | 'both' | 'encap' | 'decap';
/** What rewrites an address. */
export type NatMechanism = 'dnat' | 'masquerade' | 'conntrack' | 'route' | 'kube-proxy';

export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
}

/** The choice standing for "the packet is dropped". */
export const DROP = 'drop';

export interface PredictQuestion {
  /** The hop being predicted. */
  readonly index: number;
  /** Where the packet is now (the previous hop's element). */
  readonly from: string;
  readonly fromLabel: string;
  readonly where: readonly Choice<string>[];
  /** The right answer: the hop's element, or DROP. */
  readonly answerWhere: string;
  /** The edge the hop crosses: choosing it is right too (it names the same step). */
  readonly via?: string;
  /** Absent when the headers cannot be compared (a new phase: the reply, the lookup's end). */
  readonly change?: {
    readonly choices: readonly Choice<HeaderChange>[];
    readonly answer: HeaderChange;
  };
  /** Present when the hop rewrites an address. */
  readonly mechanism?: {
    readonly choices: readonly Choice<NatMechanism>[];
    readonly answer: NatMechanism;
  };
}

export interface PredictAnswer {
  readonly where?: string | undefined;
  readonly change?: HeaderChange | undefined;
  readonly mechanism?: NatMechanism | undefined;
}

export interface PredictGrade {
  readonly where: boolean;
  readonly change?: boolean;
  readonly mechanism?: boolean;
  readonly points: number;
  readonly possible: number;
}

export const CHANGE_CHOICES: readonly Choice<HeaderChange>[] = [
  { value: 'none', label: 'Nothing' },
  { value: 'link', label: 'Only MACs or TTL' },
  { value: 'dst', label: 'Destination rewritten' },
  { value: 'src', label: 'Source rewritten' },
  { value: 'both', label: 'Source and destination' },
  { value: 'encap', label: 'Outer header added' },
  { value: 'decap', label: 'Outer header removed' },
];

export const MECHANISM_CHOICES: readonly Choice<NatMechanism>[] = [
  { value: 'dnat', label: 'A DNAT rule kube-proxy wrote (KUBE-SEP-…)' },
  { value: 'masquerade', label: "MASQUERADE: SNAT to the node's address" },
  { value: 'conntrack', label: "conntrack reverses the connection's NAT" },
  { value: 'route', label: 'The route table rewrites it' },
  { value: 'kube-proxy', label: 'The kube-proxy process rewrites it' },
];

const NAT: ReadonlySet<HeaderChange> = new Set(['dst', 'src', 'both']);

/** How the headers change from `prev` to `next`. */
export function headerChange(prev: Packet, next: Packet): HeaderChange {
  if (next.outer && !prev.outer) return 'encap';
  if (prev.outer && !next.outer) return 'decap';
  const dst = prev.dstIP !== next.dstIP || prev.dstPort !== next.dstPort;
  const src = prev.srcIP !== next.srcIP || prev.srcPort !== next.srcPort;
  if (dst && src) return 'both';
  if (dst) return 'dst';
  if (src) return 'src';
  const link = prev.ttl !== next.ttl || prev.srcMAC !== next.srcMAC || prev.dstMAC !== next.dstMAC;
  return link ? 'link' : 'none';
}

/** What rewrote the address on a NAT hop (by the hop's kind; conntrack for the reply's un-NAT). */
export function natMechanism(hop: Hop, change: HeaderChange): NatMechanism {
  if (hop.kind === 'unnat' || hop.kind === 'conntrack') return 'conntrack';
  if (hop.kind === 'snat') return 'masquerade';
  if (hop.kind === 'dnat') return 'dnat';
  return change === 'src' ? 'masquerade' : 'dnat';
}

/** Hops whose headers can be compared: same direction and phase. */
function comparable(prev: Hop, next: Hop): boolean {
  return prev.direction === next.direction && prev.phase === next.phase;
}

/** How many wrong places to offer beside "stays here", the right one and "dropped". */
const DISTRACTORS = 3;

/** The question for hop `index` (≥ 1) of a walk; undefined for the first hop or out of range. */
export function predictQuestion(
  cluster: Cluster,
  trace: Trace,
  index: number,
): PredictQuestion | undefined {
  const prev = trace.hops[index - 1];
  const hop = trace.hops[index];
  if (!prev || !hop) return undefined;
  const answerWhere = hop.kind === 'drop' ? DROP : hop.at;
  const rand = seededRandom(
    hash32(`${trace.summary?.from ?? ''}>${trace.summary?.to ?? ''}#${index}`),
  );
  const pool = [
    ...neighbours(cluster, prev.at),
    ...trace.hops.slice(Math.max(0, index - 3), index + 4).map((h) => h.at),
  ].filter((id, i, all) => id !== prev.at && id !== answerWhere && all.indexOf(id) === i);
  const picked: string[] = [];
  while (picked.length < DISTRACTORS && pool.length > 0)
    picked.push(...pool.splice(Math.floor(rand() * pool.length), 1));
  const places = [answerWhere === DROP ? hop.at : answerWhere, ...picked]
    .filter((id, i, all) => id !== prev.at && all.indexOf(id) === i)
    .map((id) => ({ id, r: rand() }))
    .sort((a, b) => a.r - b.r)
    .map(({ id }) => ({ value: id, label: elementLabel(cluster, id) }));
  const where: Choice<string>[] = [
    { value: prev.at, label: `Stays at ${elementLabel(cluster, prev.at)} (another step there)` },
    ...places,
    { value: DROP, label: 'It is dropped here' },
  ];
  const change = comparable(prev, hop) ? headerChange(prev.packet, hop.packet) : undefined;
  return {
    index,
    from: prev.at,
    fromLabel: elementLabel(cluster, prev.at),
    where,
    answerWhere,
    ...(hop.via ? { via: hop.via } : {}),
    ...(change !== undefined && hop.kind !== 'drop'
      ? { change: { choices: CHANGE_CHOICES, answer: change } }
      : {}),
    ...(change !== undefined && NAT.has(change) && hop.kind !== 'drop'
      ? { mechanism: { choices: MECHANISM_CHOICES, answer: natMechanism(hop, change) } }
      : {}),
  };
}

/** Grades an answer: one point per part answered right (the mechanism counts on NAT hops). */
export function gradeAnswer(q: PredictQuestion, a: PredictAnswer): PredictGrade {
  const where = a.where === q.answerWhere || (q.via !== undefined && a.where === q.via);
  const change = q.change ? a.change === q.change.answer : undefined;
  const mechanism = q.mechanism ? a.mechanism === q.mechanism.answer : undefined;
  const parts = [where, change, mechanism].filter((x): x is boolean => x !== undefined);
  return {
    where,
    ...(change !== undefined ? { change } : {}),
    ...(mechanism !== undefined ? { mechanism } : {}),
    points: parts.filter(Boolean).length,
    possible: parts.length,
  };
}

/**
 * Whether to ask which mechanism rewrites the address: whenever the learner predicts a rewrite
 * (asking only when one happens would give the answer away).
 */
export function asksMechanism(a: PredictAnswer): boolean {
  return a.change !== undefined && NAT.has(a.change);
}
