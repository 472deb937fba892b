/**
 * One flow through a node's service proxy in kernel hook order, as kube-proxy's own tests judge
 * it: a packet from the node itself goes output (→ input when it stays local); one arriving
 * from elsewhere goes prerouting → input (local destination after DNAT) or forward. Reports the
 * DNAT candidates, the masquerade mark and the drop/reject verdict. Any proxy (iptables,
 * nftables) answers through the same seam.
 */
import { isLoopback, parseIp, type Family } from '../../addr/ip';
import type { Cluster } from '../../derive/types';
import type { NfPacket, NfProtocol, NfVerdict } from '../../netfilter/types';
import { seededRandom } from '../../util/hash';
import type { HookRun, NfHook, ServiceProxy } from '../types';

export interface ProxyFlow {
  readonly src: string;
  readonly dst: string;
  readonly port: number;
  readonly protocol?: NfProtocol;
  readonly preferredEndpoint?: string;
}

export interface ProxyFlowResult {
  readonly verdict: NfVerdict;
  readonly candidates: readonly string[];
  readonly masq: boolean;
  readonly dnat?: string;
  /** Every rule that matched, as the proxy prints it ("chain: rule"). */
  readonly matched: readonly string[];
}

export function proxyFlow(
  proxy: ServiceProxy,
  cluster: Cluster,
  nodeName: string,
  f: ProxyFlow,
): ProxyFlowResult {
  const node = cluster.nodeByName.get(nodeName);
  if (!node) throw new Error(`no node ${nodeName}`);
  const ip = parseIp(f.dst);
  const family: Family = ip.ok ? ip.value.family : 4;
  const local = new Set(node.localIps);
  const isLocal = (a: string): boolean => {
    const r = parseIp(a);
    return local.has(a) || (r.ok && isLoopback(r.value));
  };
  const ctx = {
    isLocal,
    ctstate: 'NEW' as const,
    random: seededRandom(1),
    ...(f.preferredEndpoint !== undefined ? { preferredEndpoint: f.preferredEndpoint } : {}),
    masqueradeAddress: (_o: string | undefined, fam: Family) =>
      node.ips.find((a) => (fam === 6) === a.includes(':')),
  };
  const runs: HookRun[] = [];
  const hook = (h: NfHook, p: NfPacket): HookRun => {
    const r = proxy.runHook({ cluster, node, hook: h, packet: p, ctx, nat: true });
    runs.push(r);
    return r;
  };
  const pkt: NfPacket = {
    family,
    srcIP: f.src,
    dstIP: f.dst,
    protocol: f.protocol ?? 'TCP',
    srcPort: 40000,
    dstPort: f.port,
    mark: 0,
  };
  const fromHost = isLocal(f.src);
  let r = hook(fromHost ? 'output' : 'prerouting', fromHost ? pkt : { ...pkt, inIface: 'eth0' });
  if (r.verdict === 'ACCEPT') {
    const p = r.packet;
    if (isLocal(p.dstIP)) r = hook('input', { ...p, inIface: fromHost ? 'lo' : 'eth0' });
    else if (!fromHost) r = hook('forward', { ...p, outIface: 'eth0' });
  }
  const chains = runs.flatMap((x) => x.chains);
  const dnat = chains.find((c) => c.dnat);
  return {
    verdict: r.verdict,
    candidates: dnat?.candidates ?? [],
    masq: chains.some((c) => (c.packet.mark & 0x4000) !== 0),
    ...(dnat?.dnat ? { dnat: dnat.dnat.to } : {}),
    matched: chains.flatMap((c) => c.matched.map((m) => `${m.chain}: ${m.text}`)),
  };
}
