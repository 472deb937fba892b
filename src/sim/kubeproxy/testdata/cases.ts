/**
 * kube-proxy's own packet-flow test cases (testdata/kube-proxy-flows.json, transcribed from
 * proxier_test.go) turned into scenarios the way shared/tools/kube_proxy_cases.py turns them into
 * manifests: the test node with its addresses, other nodes named by endpoints, the Services and
 * EndpointSlices as given, and the KubeProxyConfiguration the test implies.
 */
import type { EndpointSlice, Namespace, Node, Service } from '../../model/k8s';
import {
  DEFAULT_CLUSTER,
  emptyScenario,
  type ProxyMode,
  type Scenario,
} from '../../model/scenario';

/** A Service as the fixture transcribes it (null = not set by the test). */
export interface FixtureService {
  namespace: string;
  name: string;
  type: string | null;
  clusterIP: string | null;
  externalIPs?: string[] | null;
  loadBalancerIPs?: string[] | null;
  loadBalancerSourceRanges?: string[] | null;
  externalTrafficPolicy?: string | null;
  internalTrafficPolicy?: string | null;
  sessionAffinity?: string | null;
  healthCheckNodePort?: number | null;
  selector?: Record<string, string>;
  ports: {
    name: string | null;
    port: number;
    protocol: string | null;
    nodePort: number | null;
    targetPort: number | string | null;
  }[];
}

/** An EndpointSlice endpoint as the fixture transcribes it. */
export interface FixtureEndpoint {
  addresses: string[];
  nodeName: string | null;
  ready: boolean | null;
  serving: boolean | null;
  terminating: boolean | null;
}

/** An EndpointSlice as the fixture transcribes it. */
export interface FixtureSlice {
  service: string;
  addressType: string | null;
  endpoints: FixtureEndpoint[] | null;
  ports: { name: string | null; port: number; protocol: string | null }[] | null;
  sliceNum?: number;
  sliceName?: string;
}

/** One packet flow with kube-proxy's expected tracer output. */
export interface FixtureFlow {
  name: string;
  sourceIP: string;
  protocol: string | null;
  destIP: string;
  destPort: number;
  phase?: string;
  expected: { output: string; masq: boolean };
}

/** One test (or sub-test) of proxier_test.go with its flows. */
export interface FixtureCase {
  source_test: string;
  proxier_defaults: {
    nodeName: string;
    nodeIPs: string[];
    masqueradeAll?: boolean;
    ipFamily?: string;
    localhostNodePorts?: boolean;
    nodePortAddresses?: string[] | null;
    /** nftables fixtures: the Service CIDRs kube-proxy drops unallocated addresses of. */
    serviceCIDRs?: string;
  };
  services: FixtureService[];
  endpointSlices: FixtureSlice[] | null;
  flows: FixtureFlow[];
}

/** Flows in scope (as kube_proxy_cases.py picks them): initial/before/no phase, else all. */
export function flowsInScope(c: FixtureCase): FixtureFlow[] {
  const initial = c.flows.filter(
    (f) => f.phase === undefined || f.phase === '' || f.phase === 'initial' || f.phase === 'before',
  );
  return initial.length > 0 ? initial : c.flows;
}

/** A phase after the test deleted its EndpointSlices runs without them. */
export const slicesDeleted = (f: FixtureFlow): boolean => /Delete/.test(f.phase ?? '');

const v6 = (c: FixtureCase): boolean => c.proxier_defaults.ipFamily === 'IPv6';

/** The scenario a case describes (optionally without its EndpointSlices). */
export function caseScenario(
  c: FixtureCase,
  opts: { withSlices: boolean; mode?: ProxyMode } = { withSlices: true },
): Scenario {
  const d = c.proxier_defaults;
  const src = c.source_test.split('(')[0] ?? '';
  const clusterCIDR = v6(c) ? 'fd00:10::/64' : '10.0.0.0/8';
  const slices = opts.withSlices ? (c.endpointSlices ?? []) : [];
  const names = new Set([d.nodeName]);
  for (const s of c.endpointSlices ?? [])
    for (const e of s.endpoints ?? []) if (e.nodeName) names.add(e.nodeName);
  const nodes: Node[] = [...names].sort().map((n) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n },
    status: {
      addresses:
        n === d.nodeName
          ? d.nodeIPs.map((address) => ({ type: 'InternalIP' as const, address }))
          : [],
    },
  }));
  const namespaces: Namespace[] = [...new Set(c.services.map((s) => s.namespace))]
    .sort()
    .map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  return {
    ...emptyScenario(src),
    cluster: {
      ...DEFAULT_CLUSTER,
      podSubnet: clusterCIDR,
      serviceSubnet: d.serviceCIDRs ?? (v6(c) ? 'fd00:172:30::/112' : '172.30.0.0/16'),
      nodeNetwork: [{ cidr: '192.168.0.0/24' }],
      kubeProxy: {
        mode: opts.mode ?? 'iptables',
        ...(src.includes('no LocalTrafficDetector') ? { clusterCIDR: '' } : { clusterCIDR }),
        masqueradeAll: d.masqueradeAll === true || src.includes('masqueradeAll'),
        ...(d.nodePortAddresses ? { nodePortAddresses: d.nodePortAddresses } : {}),
        iptables: { localhostNodePorts: d.localhostNodePorts !== false, masqueradeBit: 14 },
      },
    },
    namespaces,
    nodes,
    services: c.services.map(toService),
    endpointSlices: slices.map((s, i) => toSlice(s, i + 1)),
  };
}

function toService(s: FixtureService): Service {
  const lb = s.loadBalancerIPs ?? [];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: s.name, namespace: s.namespace },
    spec: {
      type: (s.type ?? 'ClusterIP') as Service['spec']['type'] & string,
      ...(s.clusterIP ? { clusterIP: s.clusterIP, clusterIPs: [s.clusterIP] } : {}),
      ...(s.selector ? { selector: s.selector } : {}),
      ports: s.ports.map((p) => ({
        name: p.name ?? '',
        port: p.port,
        protocol: (p.protocol ?? 'TCP') as 'TCP',
        ...(p.nodePort ? { nodePort: p.nodePort } : {}),
        ...(p.targetPort !== null ? { targetPort: p.targetPort } : {}),
      })),
      ...(s.externalIPs?.length ? { externalIPs: s.externalIPs } : {}),
      ...(s.loadBalancerSourceRanges?.length
        ? { loadBalancerSourceRanges: s.loadBalancerSourceRanges }
        : {}),
      ...(s.externalTrafficPolicy
        ? { externalTrafficPolicy: s.externalTrafficPolicy as 'Local' }
        : {}),
      ...(s.internalTrafficPolicy
        ? { internalTrafficPolicy: s.internalTrafficPolicy as 'Local' }
        : {}),
      ...(s.sessionAffinity ? { sessionAffinity: s.sessionAffinity as 'ClientIP' } : {}),
      ...(s.healthCheckNodePort ? { healthCheckNodePort: s.healthCheckNodePort } : {}),
    },
    ...(lb.length ? { status: { loadBalancer: { ingress: lb.map((ip) => ({ ip })) } } } : {}),
  };
}

function toSlice(s: FixtureSlice, i: number): EndpointSlice {
  const [ns = '', name = ''] = s.service.split('/');
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: s.sliceName ?? `${name}-${s.sliceNum ?? i}`,
      namespace: ns,
      labels: { 'kubernetes.io/service-name': name },
    },
    addressType: (s.addressType ?? 'IPv4') as 'IPv4',
    endpoints: (s.endpoints ?? []).map((e) => {
      const conditions = {
        ...(e.ready !== null ? { ready: e.ready } : {}),
        ...(e.serving !== null ? { serving: e.serving } : {}),
        ...(e.terminating !== null ? { terminating: e.terminating } : {}),
      };
      return {
        addresses: e.addresses,
        ...(e.nodeName ? { nodeName: e.nodeName } : {}),
        ...(Object.keys(conditions).length ? { conditions } : {}),
      };
    }),
    ports: (s.ports ?? []).map((p) => ({
      name: p.name ?? '',
      port: p.port,
      protocol: (p.protocol ?? 'TCP') as 'TCP',
    })),
  };
}
