/**
 * What the API server fills in on a NetworkPolicy before any plugin sees it (DEF:
 * kubernetes/kubernetes pkg/apis/networking/v1/defaults.go). Manifests are kept as written in the
 * scenario; evaluation always goes through these functions.
 */
import type { NetworkPolicy, NetworkPolicyPort, Protocol } from '../model/k8s';

import type { PolicyDirection } from './types';

/**
 * The effective policyTypes. DEF `SetDefaults_NetworkPolicy`: when empty, `[Ingress]`, plus
 * `Egress` if the egress list is non-empty (an empty `egress: []` does not count). Explicit
 * policyTypes win: rules of an unlisted direction are ignored.
 */
export function effectivePolicyTypes(policy: NetworkPolicy): readonly PolicyDirection[] {
  const given = policy.spec.policyTypes ?? [];
  if (given.length === 0) {
    return (policy.spec.egress ?? []).length > 0 ? ['ingress', 'egress'] : ['ingress'];
  }
  const out: PolicyDirection[] = [];
  if (given.includes('Ingress')) out.push('ingress');
  if (given.includes('Egress')) out.push('egress');
  return out;
}

/** A ports entry after defaulting, with a named port told apart from a number. */
export interface NormalizedPort {
  /** DEF `SetDefaults_NetworkPolicyPort`: protocol defaults to TCP. */
  readonly protocol: Protocol;
  /** Absent = every port of the protocol (API: "this matches all port names and numbers"). */
  readonly port?: number;
  /** Inclusive upper bound of a numeric range (API `endPort`). */
  readonly endPort?: number;
  /** A named port, resolved on the destination pod's container ports (API). */
  readonly name?: string;
}

/**
 * Defaults and classifies one ports entry. A string of digits is read as a number (the API server
 * would reject it as a port name: IANA_SVC_NAME needs a letter). `endPort` is ignored with a named
 * port or below `port` (VAL forbids both; a CNI without endPort support uses `port` alone, DOCS).
 */
export function normalizePort(p: NetworkPolicyPort): NormalizedPort {
  const protocol = p.protocol ?? 'TCP';
  if (p.port === undefined) return { protocol };
  if (typeof p.port === 'string' && !/^\d+$/.test(p.port.trim())) {
    return { protocol, name: p.port };
  }
  const port = Number(p.port);
  return p.endPort !== undefined && p.endPort >= port
    ? { protocol, port, endPort: p.endPort }
    : { protocol, port };
}

/**
 * The policy as the API server stores it: policyTypes and every port protocol filled in.
 * Useful for display and export; evaluation does the same internally.
 */
export function defaultPolicy(policy: NetworkPolicy): NetworkPolicy {
  const types = effectivePolicyTypes(policy).map((d) => (d === 'ingress' ? 'Ingress' : 'Egress'));
  const ports = (list: readonly NetworkPolicyPort[] | undefined) =>
    list?.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' }));
  const spec = policy.spec;
  return {
    ...policy,
    spec: {
      ...spec,
      podSelector: spec.podSelector ?? {},
      policyTypes: types,
      ...(spec.ingress ? { ingress: spec.ingress.map((r) => withPorts(r, ports(r.ports))) } : {}),
      ...(spec.egress ? { egress: spec.egress.map((r) => withPorts(r, ports(r.ports))) } : {}),
    },
  };
}

function withPorts<R extends { readonly ports?: readonly NetworkPolicyPort[] }>(
  rule: R,
  ports: readonly NetworkPolicyPort[] | undefined,
): R {
  return ports ? { ...rule, ports } : rule;
}
