/**
 * Runs one packet through a node's generated rules the way the kernel orders the hooks: a
 * locally generated packet goes nat OUTPUT → filter OUTPUT (→ filter INPUT if it stays local);
 * one arriving from outside goes nat PREROUTING → filter INPUT (local destination, after DNAT)
 * or filter FORWARD. Reports what kube-proxy's test tracer reports: the DNAT candidates, the
 * masquerade mark and the filter verdict.
 */
import { isLoopback, parseIp, type Family } from '../../addr/ip';
import type { Cluster } from '../../derive/types';
import { runHook } from '../../netfilter/engine';
import type { HookResult, NfContext, NfPacket, NfProtocol, NfVerdict } from '../../netfilter/types';
import { seededRandom } from '../../util/hash';
import { nodeRuleset } from '../ruleset';

/** What the hooks decided for one flow. */
export interface FlowResult {
  readonly verdict: NfVerdict;
  readonly candidates: readonly string[];
  readonly probabilities: readonly number[];
  readonly masq: boolean;
  readonly dnat?: string;
  /** The rule that decided a filter verdict. */
  readonly decidedBy?: string;
  readonly hooks: readonly string[];
}

/** A flow: source, destination, port, protocol (and how to pick an endpoint). */
export interface FlowInput {
  readonly src: string;
  readonly dst: string;
  readonly port: number;
  readonly protocol?: NfProtocol;
  readonly seed?: number;
  readonly preferredEndpoint?: string;
}

/** Runs one flow through `nodeName`'s generated rules in kernel hook order. */
export function traceFlow(cluster: Cluster, nodeName: string, f: FlowInput): FlowResult {
  const ip = parseIp(f.dst);
  const family: Family = ip.ok ? ip.value.family : 4;
  const { ruleset } = nodeRuleset(cluster, nodeName, family);
  const node = cluster.nodeByName.get(nodeName);
  const local = new Set(node?.localIps ?? []);
  const isLocal = (a: string): boolean => {
    const r = parseIp(a);
    return local.has(a) || (r.ok && isLoopback(r.value));
  };
  const ctx = (dnat: boolean): NfContext => ({
    isLocal,
    ctstate: 'NEW',
    random: seededRandom(f.seed ?? 1),
    ...(f.preferredEndpoint !== undefined ? { preferredEndpoint: f.preferredEndpoint } : {}),
    natted: { dnat },
    masqueradeAddress: (_o, fam) => node?.ips.find((a) => (fam === 6) === a.includes(':')),
  });
  let pkt: NfPacket = {
    family,
    srcIP: f.src,
    dstIP: f.dst,
    protocol: f.protocol ?? 'TCP',
    srcPort: 40000,
    dstPort: f.port,
    mark: 0,
  };
  const hooks: string[] = [];
  const fromHost = isLocal(f.src);
  const nat = runHook(
    ruleset,
    'nat',
    fromHost ? 'OUTPUT' : 'PREROUTING',
    fromHost ? pkt : { ...pkt, inIface: 'eth0' },
    ctx(false),
  );
  hooks.push(`nat ${fromHost ? 'OUTPUT' : 'PREROUTING'}`);
  pkt = { ...nat.packet, ...(fromHost ? {} : { inIface: 'eth0' }) };
  const natted = nat.dnat !== undefined;
  let filter: HookResult | undefined;
  const filterHook = (chain: 'INPUT' | 'FORWARD' | 'OUTPUT', p: NfPacket): HookResult => {
    hooks.push(`filter ${chain}`);
    return runHook(ruleset, 'filter', chain, p, ctx(natted));
  };
  if (fromHost) {
    filter = filterHook('OUTPUT', pkt);
    if (filter.verdict === 'ACCEPT' && isLocal(pkt.dstIP))
      filter = filterHook('INPUT', { ...pkt, inIface: 'lo' });
  } else {
    filter = isLocal(pkt.dstIP)
      ? filterHook('INPUT', pkt)
      : filterHook('FORWARD', { ...pkt, outIface: 'eth0' });
  }
  return {
    verdict: filter.verdict,
    candidates: nat.candidates,
    probabilities: nat.probabilities,
    masq: (nat.packet.mark & 0x4000) !== 0,
    ...(nat.dnat ? { dnat: nat.dnat.to } : {}),
    ...(filter.decidedBy ? { decidedBy: filter.decidedBy.text } : {}),
    hooks,
  };
}
