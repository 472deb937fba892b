/**
 * `trace(cluster, request)`: the packet walker (DESIGN.md §4). Pure and deterministic: the seed
 * chooses among load-balanced endpoints. It never throws on scenario content — a walk that
 * cannot start ends as `unreachable` with the reason.
 */
import { parseIp } from '../addr/ip';
import type { Cluster, DerivedNode } from '../derive/types';
import { isServiceProxyKnown, proxyModeOf, serviceProxy } from '../proxy/registry';
import { lookupRoute } from '../routing/lookup';

import { resolveForWalk } from './dnsStep';
import { endpointForIp, resolveRef, type Endpoint } from './refs';
import { startReply, startRequest } from './start';
import { chooseTarget, defaultEntryNode, sourceFamily } from './target';
import type { Hop, Trace, TraceProtocol, TraceRequest } from './types';
import { DEFAULT_TTL, ephemeralPort, newWalk, type Pkt } from './walk';

/** Walks a request (and its reply) through the cluster's datapath. */
export function trace(cluster: Cluster, request: TraceRequest): Trace {
  const mode = proxyModeOf(cluster);
  if (!serviceProxy(mode))
    return failed(
      `kube-proxy's ${mode} mode is not available here${isServiceProxyKnown(mode) ? ' yet: its rule engine is still loading' : ''}.`,
    );
  const from = resolveRef(cluster, request.from);
  if (!from.ok) return failed(`from: ${from.error}`);
  const to = resolveRef(cluster, request.to);
  if (!to.ok) return failed(`to: ${to.error}`);
  let src = from.value;
  // A Service address as a source (e.g. a load-balancer IP that hairpins back) is just an address
  // on the wire: it arrives like an outside client's.
  if (src.kind === 'service' && src.ip !== undefined) src = { kind: 'external', ip: src.ip };
  const entryNode = request.node !== undefined ? cluster.nodeByName.get(request.node) : undefined;
  if (request.node !== undefined && !entryNode)
    return failed(
      `--node ${request.node}: no such node (nodes: ${cluster.nodes.map((n) => n.name).join(', ') || 'none'})`,
    );
  // An "outside" address that is the entry node's own (or loopback) sends from that node (DESIGN.md §5).
  if (
    src.kind === 'external' &&
    entryNode &&
    (entryNode.localIps.includes(src.ip) || /^127\.|^::1$/.test(src.ip))
  )
    src = { kind: 'node', node: entryNode, ip: src.ip };

  let dst = to.value;
  let dnsHops: readonly Hop[] = [];
  if (dst.kind === 'dns') {
    const name = dst.name;
    if (/^localhost$/i.test(name))
      dst = endpointForIp(cluster, sourceFamily(src) === 6 ? '::1' : '127.0.0.1');
    else {
      const dnsPort = dst.port;
      const r = resolveForWalk(cluster, src, name, (s, ip, port) =>
        walk(
          cluster,
          s,
          endpointForIp(cluster, ip),
          { ...request, port, protocol: 'UDP' },
          entryNode,
          [],
        ),
      );
      dnsHops = r.hops;
      if (r.failure || !r.record)
        return {
          ...failed(r.failure?.reason ?? `${name} did not resolve`, r.failure?.verdict),
          hops: dnsHops,
        };
      const resolved = endpointForIp(cluster, r.record.value);
      dst =
        resolved.kind === 'service'
          ? { ...resolved, ...(dnsPort !== undefined ? { port: dnsPort } : {}) }
          : resolved;
    }
  }
  return walk(cluster, src, dst, request, entryNode, dnsHops);
}

function walk(
  cluster: Cluster,
  src: Endpoint,
  dst: Endpoint,
  request: TraceRequest,
  entryNode: Cluster['nodes'][number] | undefined,
  dnsHops: readonly Hop[],
): Trace {
  const proto: TraceProtocol | undefined = request.protocol;
  const target = chooseTarget(cluster, src, dst, request.port, proto, entryNode);
  if (!target.ok) return { ...failed(target.error), hops: dnsHops };
  const t = target.value;
  const srcIp = sourceIp(cluster, src, t.ip, dst);
  if (!srcIp) return { ...failed(noSourceReason(src)), hops: dnsHops };
  const family = parseIp(t.ip).ok && t.ip.includes(':') ? 6 : 4;
  const w = newWalk(cluster, request.seed ?? 1, request.endpoint);
  const pkt: Pkt = {
    family,
    mark: 0,
    protocol: t.protocol,
    srcIP: srcIp,
    dstIP: t.ip,
    ...(t.protocol !== 'ICMP'
      ? { srcPort: ephemeralPort(`${request.seed ?? 1}|${srcIp}|${t.ip}|${t.port ?? 0}`) }
      : {}),
    ...(t.port !== undefined && t.protocol !== 'ICMP' ? { dstPort: t.port } : {}),
    ttl: DEFAULT_TTL,
  };
  const entry = src.kind === 'external' ? (entryNode ?? defaultEntryNode(cluster, t)) : entryNode;
  w.sent = pkt;
  let outcome = startRequest(w, src, pkt, entry);
  if (outcome.verdict === 'delivered') {
    const reply = startReply(w);
    if (reply.verdict !== 'delivered')
      outcome = {
        verdict: reply.verdict,
        reason: `The request arrived, but the reply did not make it back: ${reply.reason}`,
      };
  }
  return {
    verdict: outcome.verdict,
    reason: outcome.reason,
    candidates: w.candidates,
    masqueraded: w.masqueraded,
    hops: [...dnsHops, ...w.hops],
    ...(w.probabilities.length ? { probabilities: w.probabilities } : {}),
    ...(w.chosen !== undefined ? { chosen: w.chosen } : {}),
    summary: {
      from: describe(src),
      to: `${describe(dst)} (${t.how})`,
      ...(t.port !== undefined ? { port: t.port } : {}),
      protocol: t.protocol,
    },
  };
}

function sourceIp(
  cluster: Cluster,
  src: Endpoint,
  dstIp: string,
  dst: Endpoint,
): string | undefined {
  const v6 = dstIp.includes(':');
  const pick = (ips: readonly string[]): string | undefined =>
    ips.find((i) => i.includes(':') === v6);
  switch (src.kind) {
    case 'pod': {
      if (dst.kind === 'pod' && dst.pod.key === src.pod.key) return dstIp;
      if (/^127\.|^::1$/.test(dstIp)) return dstIp;
      const host = src.pod.hostNetwork && src.pod.nodeName !== undefined;
      const node = host ? cluster.nodeByName.get(src.pod.nodeName ?? '') : undefined;
      return node ? hostSourceIp(node, dstIp) : pick(src.pod.ips);
    }
    case 'node':
      if (src.ip) return src.ip;
      return /^127\.|^::1$/.test(dstIp) ? dstIp : hostSourceIp(src.node, dstIp);
    case 'external':
      return src.ip;
    default:
      return undefined;
  }
}

/** Why `src` has no address to send from. */
function noSourceReason(src: Endpoint): string {
  if (src.kind === 'service' || src.kind === 'dns')
    return 'A Service or DNS name is not a packet source.';
  if (src.kind === 'pod' && src.pod.ips.length === 0)
    return `${src.pod.key} has no IP address (${src.pod.nodeMissing ? `its node "${src.pod.nodeName ?? ''}" does not exist` : 'it is not running on a node'})`;
  return `${describe(src)} has no address of the destination's family`;
}

/**
 * Source address selection for an unbound socket on a node (ip-route(8) "src"): a local
 * destination answers from itself, else the matching route's preferred source (`src 10.244.1.1`
 * on the cni0 route), else the outgoing device's address (flannel.1's, tunl0's), else eth0's.
 */
function hostSourceIp(node: DerivedNode, dstIp: string): string | undefined {
  const v6 = dstIp.includes(':');
  const pick = (ips: readonly string[]): string | undefined =>
    ips.find((i) => i.includes(':') === v6);
  const fallback = pick(node.ips);
  if (node.localIps.includes(dstIp)) return dstIp;
  const d = parseIp(dstIp);
  const m = d.ok ? lookupRoute(node.routes, d.value) : undefined;
  if (!m) return fallback;
  if (m.route.src !== undefined) return m.route.src;
  const dev = node.devices.find((x) => x.name === m.route.dev);
  return pick(dev?.addrs.map((a) => a.ip) ?? []) ?? fallback;
}

function describe(e: Endpoint): string {
  switch (e.kind) {
    case 'pod':
      return `pod ${e.pod.key}`;
    case 'node':
      return `node ${e.node.name}${e.ip ? ` (${e.ip})` : ''}`;
    case 'service':
      return `svc ${e.service.key}`;
    case 'external':
      return `outside address ${e.ip}`;
    case 'dns':
      return e.name;
  }
}

function failed(reason: string, verdict: Trace['verdict'] = 'unreachable'): Trace {
  return { verdict, reason, candidates: [], masqueraded: false, hops: [] };
}
