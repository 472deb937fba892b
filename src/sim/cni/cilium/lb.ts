/**
 * Cilium's service load balancer (Documentation/network/kubernetes/kubeproxy-free.rst): the same
 * Services and EndpointSlices kube-proxy reads (kubeproxy/endpointSets: topology, traffic policies,
 * terminating fallback), a backend chosen at random (`bpf-lb-algorithm: random`, the default).
 * Where the translation happens is the caller's: the pod's socket (socket LB), the lxc tc program,
 * or the NIC (NodePort). The state of a translation a reply must undo is kept per walk.
 */
import type { DerivedNode } from '../../derive/types';
import { proxiedServicePorts } from '../../kubeproxy/endpointSets';
import type { EndpointInfo } from '../../kubeproxy/endpoints';
import type { ServicePortInfo } from '../../kubeproxy/services';
import type { Pkt, Walk } from '../../trace/walk';

/** Which frontend of a Service matched: its ClusterIP, or a NodePort / external address. */
export type Frontend = 'clusterIP' | 'nodePort' | 'external';

export interface Lookup {
  readonly svc: ServicePortInfo;
  readonly frontend: Frontend;
  readonly backends: readonly EndpointInfo[];
}

/** A translation the reply must undo (Cilium's CT and rev-NAT maps). */
export interface LbState {
  readonly node: string;
  readonly where: 'socket' | 'lxc' | 'nodeport';
  /** The client's original tuple. */
  readonly client: { readonly ip: string; readonly port?: number | undefined };
  readonly frontend: { readonly ip: string; readonly port?: number | undefined };
  readonly backend: { readonly ip: string; readonly port?: number | undefined };
  /** NodePort SNAT: the node address the backend sees as the source. */
  readonly snatTo?: { readonly ip: string; readonly port?: number | undefined } | undefined;
  /** NodePort DSR: the backend's node answers the client directly. */
  readonly dsr?: boolean;
}

const states = new WeakMap<Walk, LbState[]>();

export function recordLb(w: Walk, s: LbState): void {
  const list = states.get(w) ?? [];
  list.push(s);
  states.set(w, list);
}

export function lbStates(w: Walk): readonly LbState[] {
  return states.get(w) ?? [];
}

/** The service frontend `pkt` is addressed to, as `node`'s eBPF service map holds it. */
export function lookupService(
  w: Walk,
  node: DerivedNode,
  pkt: Pkt,
  frontends: readonly Frontend[],
): Lookup | undefined {
  if (pkt.dstPort === undefined || pkt.protocol === 'ICMP') return undefined;
  const ports = proxiedServicePorts(w.cluster, pkt.family, node.name);
  for (const { s, cat } of ports) {
    if (s.protocol !== pkt.protocol) continue;
    let frontend: Frontend | undefined;
    if (s.clusterIP === pkt.dstIP && s.port === pkt.dstPort) frontend = 'clusterIP';
    else if (
      (s.externalIPs.includes(pkt.dstIP) || s.loadBalancerIPs.includes(pkt.dstIP)) &&
      s.port === pkt.dstPort
    )
      frontend = 'external';
    else if (
      s.nodePort !== 0 &&
      s.nodePort === pkt.dstPort &&
      (node.ips.includes(pkt.dstIP) || node.externalIps.includes(pkt.dstIP))
    )
      frontend = 'nodePort';
    if (!frontend || !frontends.includes(frontend)) continue;
    const local = frontend === 'clusterIP' ? s.internalPolicyLocal : s.externalPolicyLocal;
    return { svc: s, frontend, backends: local ? cat.local : cat.cluster };
  }
  return undefined;
}

/** Picks a backend (the walk's preferred endpoint when it is one, else at random) and records it. */
export function chooseBackend(w: Walk, l: Lookup): EndpointInfo | undefined {
  const list = l.backends;
  if (list.length === 0) return undefined;
  const pref = w.preferredEndpoint;
  const chosen =
    (pref !== undefined ? list.find((e) => e.text === pref || e.ip === pref) : undefined) ??
    list[Math.min(list.length - 1, Math.floor(w.random() * list.length))];
  if (!chosen) return undefined;
  if (w.candidates.length === 0) {
    w.candidates = list.map((e) => e.text);
    w.probabilities = list.map(() => 1 / list.length);
  }
  w.chosen = chosen.text;
  return chosen;
}

/** "random over 3 backends (a, b, c); this walk follows b." */
export function lbText(l: Lookup, chosen: EndpointInfo): string {
  const n = l.backends.length;
  const policy =
    l.frontend === 'clusterIP'
      ? l.svc.internalPolicyLocal
        ? ' internalTrafficPolicy: Local keeps it to this node’s backends.'
        : ''
      : l.svc.externalPolicyLocal
        ? ' externalTrafficPolicy: Local keeps it to this node’s backends (no SNAT).'
        : '';
  return n > 1
    ? ` The service map lists ${n} backends (${l.backends.map((e) => e.text).join(', ')}); Cilium picks one at random (bpf-lb-algorithm: random, p=${Math.round(1000 / n) / 1000} each) and this walk follows ${chosen.text}.${policy}`
    : ` Its only backend is ${chosen.text}.${policy}`;
}

/** The Service key of a lookup, for highlighting. */
export const serviceKey = (l: Lookup): string => l.svc.service.key;
