/**
 * kube-proxy's nftables test tracer (helpers_test.go tracePacket) on top of the engine: the
 * prerouting hook (filter-prerouting-pre-dnat, then nat-prerouting), the destination rewritten to
 * the DNAT target, then filter-forward and filter-input (both, for every packet); `output` lists
 * every endpoint the load-balancing rule may pick, then DROP or REJECT; `masq` is the 0x4000 mark.
 */
import type { NfContext, NfPacket } from '../../netfilter/types';
import { runNftHook } from '../hook';
import type { Ruleset } from '../types';

export function tracePacket(
  rs: Ruleset,
  localIps: readonly string[],
  f: { src: string; dst: string; port: number; protocol?: 'TCP' | 'UDP' | 'SCTP' },
): { output: string; masq: boolean } {
  const ctx: NfContext = {
    isLocal: (ip) => localIps.includes(ip),
    ctstate: 'NEW',
    random: () => 0,
    masqueradeAddress: () => undefined,
  };
  const pkt: NfPacket = {
    family: f.dst.includes(':') ? 6 : 4,
    srcIP: f.src,
    dstIP: f.dst,
    protocol: f.protocol ?? 'TCP',
    srcPort: 40000,
    dstPort: f.port,
    mark: 0,
  };
  const outputs: string[] = [];
  const pre = runNftHook(rs, 'prerouting', pkt, ctx, true);
  let after = pre[pre.length - 1]?.packet ?? pkt;
  let masq = (after.mark & 0x4000) !== 0;
  const last = pre[pre.length - 1];
  if (last && last.verdict !== 'ACCEPT') return { output: last.verdict, masq };
  const dnat = pre.find((r) => r.dnat);
  if (dnat) outputs.push(...dnat.candidates);
  // The tracer keeps the service port: only the address is rewritten.
  after = { ...after, dstPort: f.port };
  for (const hook of ['forward', 'input'] as const) {
    const r = runNftHook(rs, hook, after, ctx, true);
    const v = r.find((x) => x.verdict !== 'ACCEPT');
    if (v) {
      outputs.push(v.verdict);
      break;
    }
  }
  masq = masq || (after.mark & 0x4000) !== 0;
  return { output: outputs.join(', '), masq };
}
