/**
 * What a learner or a platform team compares between two datapaths for one walk, read off the
 * trace and the datapath's profile: the devices the request crosses, the encapsulation (outer
 * header), where the Service translation and source NAT happen, where NetworkPolicy is decided,
 * the TTL and source the server sees, and the pod MTU.
 */
import type { CniProfile } from '../cni/types';
import type { Cluster } from '../derive/types';
import type { Hop, OuterHeader, Trace } from '../trace/types';

export interface Fact {
  readonly id: string;
  readonly label: string;
  readonly left: string;
  readonly right: string;
  /** The two datapaths agree (texts equal once pod addresses and device names are set aside). */
  readonly same: boolean;
}

const request = (t: Trace): Hop[] => t.hops.filter((h) => h.direction === 'request' && !h.phase);

/** "where": the namespace and device of a hop, as `ip netns` / `ip link` name them. */
export const whereOf = (h: Hop): string =>
  `${h.netns ?? h.node ?? 'outside'}${h.dev ? ` · ${h.dev}` : ''}`;

/** The outer header in words: "VXLAN UDP 8472, VNI 1: 192.168.1.11 → 192.168.1.12". */
export function outerText(
  o: OuterHeader,
  dev: string | undefined,
  vni: number | undefined,
): string {
  const ends = `${o.srcIP} → ${o.dstIP}`;
  if (o.protocol === 'IPIP') return `IP-in-IP (IP protocol 4): ${ends}`;
  const geneve = o.dstPort === 6081 || /geneve/.test(dev ?? '');
  return `${geneve ? 'Geneve' : 'VXLAN'} ${o.protocol} ${o.dstPort ?? ''}${vni !== undefined ? `, VNI ${vni}` : ''}: ${ends}`;
}

/** The devices the request crosses, in order, a node or pod named where it changes. */
export function devicePath(t: Trace): string {
  const parts: string[] = [];
  let ns: string | undefined;
  let last: string | undefined;
  for (const h of request(t)) {
    if (!h.dev) continue;
    const here = h.netns ?? '';
    if (here === ns && h.dev === last) continue;
    const name = here.replace(/^(node|pod)\//, '');
    parts.push(here !== ns ? `[${name}] ${h.dev}` : h.dev);
    ns = here;
    last = h.dev;
  }
  return parts.join(' → ') || 'none';
}

function encapsulation(t: Trace): string {
  const h = request(t).find((x) => x.kind === 'encap' && x.packet.outer);
  if (!h?.packet.outer) return 'none (the pod packet crosses as it is)';
  return `${outerText(h.packet.outer, h.dev, h.packet.vni)} (${h.dev ?? '?'})`;
}

const list = (hops: readonly Hop[], none: string): string =>
  hops.length ? hops.map((h) => `${h.title ?? h.kind} — ${whereOf(h)}`).join('; ') : none;

/** Whose address an IP is, in the walk's cluster ("pod default/client", "node node-1"). */
function ownerOf(c: Cluster, ip: string): string {
  const o = c.ipOwners.get(ip)?.[0];
  if (!o) return ip;
  const who =
    o.kind === 'pod'
      ? `pod ${o.key}`
      : o.kind === 'node'
        ? `node ${o.name}`
        : o.kind === 'device'
          ? `${o.node} ${o.dev}`
          : `${o.kind} ${o.key}`;
  return `${ip} (${who})`;
}

export interface Side {
  readonly trace: Trace;
  readonly cluster: Cluster;
  readonly profile: CniProfile;
}

/** Pod addresses and hashed device names differ between any two CNIs: not a difference worth a flag. */
const normal = (s: string): string =>
  s.replace(/\d+\.\d+\.\d+\.\d+(:\d+)?/g, 'IP').replace(/\b(veth|cali|lxc)[0-9a-f]{8,}\b/g, '$1…');

export function compareFacts(l: Side, r: Side): Fact[] {
  const deliver = (t: Trace) => request(t).find((h) => h.kind === 'deliver');
  const rows: [string, string, (s: Side) => string, boolean?][] = [
    ['datapath', 'Datapath', (s) => s.profile.name],
    ['verdict', 'Verdict', (s) => `${s.trace.verdict}: ${s.trace.reason}`],
    [
      'hops',
      'Hops',
      (s) =>
        `${request(s.trace).length} request, ${s.trace.hops.filter((h) => h.direction === 'reply').length} reply`,
    ],
    ['devices', 'Devices (request)', (s) => devicePath(s.trace)],
    ['encap', 'Encapsulation', (s) => encapsulation(s.trace)],
    [
      'nat',
      'Service translation',
      (s) =>
        list(
          request(s.trace).filter((h) => h.kind === 'dnat'),
          'none on this walk',
        ),
    ],
    [
      'snat',
      'Source NAT',
      (s) =>
        list(
          request(s.trace).filter((h) => h.kind === 'snat'),
          'none',
        ),
    ],
    [
      'policy',
      'Policy decided',
      (s) => {
        const hops = request(s.trace).filter(
          (h) =>
            h.kind === 'policy' ||
            (h.kind === 'drop' && /NetworkPolicy/.test(h.rule?.source ?? '')),
        );
        return hops.length
          ? list(hops, '')
          : `no policy on this walk; would be: ${s.profile.policy}`;
      },
    ],
    [
      'source',
      'Source the server sees',
      (s) => {
        const d = deliver(s.trace);
        return d ? ownerOf(s.cluster, d.packet.srcIP) : '—';
      },
    ],
    ['ttl', 'TTL on arrival', (s) => String(deliver(s.trace)?.packet.ttl ?? '—')],
    ['mtu', 'Pod MTU', (s) => String(s.profile.podMtu)],
  ];
  return rows.map(([id, label, get]) => {
    const left = get(l);
    const right = get(r);
    return { id, label, left, right, same: normal(left) === normal(right) };
  });
}
