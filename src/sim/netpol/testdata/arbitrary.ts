/** Test support: fast-check generators of small clusters with random NetworkPolicies. */
import fc from 'fast-check';

import type {
  LabelSelector,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
} from '../../model/k8s';
import type { PolicyProtocol } from '../types';

import { np, type MiniPod, type MiniSpec } from './mini';

const NS = ['a', 'b', 'c'] as const;
const APPS = ['x', 'y', 'z'] as const;

const selector: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.constantFrom(...APPS).map((app) => ({ matchLabels: { app } })),
  fc.constantFrom(...APPS).map((app) => ({
    matchExpressions: [{ key: 'app', operator: 'NotIn' as const, values: [app] }],
  })),
  fc.constant({ matchExpressions: [{ key: 'tier', operator: 'Exists' as const }] }),
);

const nsSelector: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.constantFrom('even', 'odd').map((team) => ({ matchLabels: { team } })),
  fc.constantFrom(...NS).map((n) => ({
    matchExpressions: [
      { key: 'kubernetes.io/metadata.name', operator: 'In' as const, values: [n] },
    ],
  })),
);

const peer: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  selector.map((podSelector) => ({ podSelector })),
  nsSelector.map((namespaceSelector) => ({ namespaceSelector })),
  fc.tuple(nsSelector, selector).map(([namespaceSelector, podSelector]) => ({
    namespaceSelector,
    podSelector,
  })),
  fc.constantFrom(
    { ipBlock: { cidr: '10.244.1.0/24' } },
    { ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.2.0/24'] } },
    { ipBlock: { cidr: '192.168.1.0/24' } },
    { ipBlock: { cidr: '203.0.113.0/24' } },
  ),
);

const port: fc.Arbitrary<NetworkPolicyPort> = fc.constantFrom(
  { port: 80 },
  { port: 'http' },
  { port: 'dns', protocol: 'UDP' },
  { protocol: 'UDP' },
  { port: 79, endPort: 81 },
  { protocol: 'SCTP' },
);

const rule = fc.record(
  {
    peers: fc.option(fc.array(peer, { maxLength: 3 }), { nil: undefined }),
    ports: fc.option(fc.array(port, { maxLength: 2 }), { nil: undefined }),
  },
  { requiredKeys: [] },
);

/** A policy in a random namespace, sometimes without policyTypes (so defaulting matters). */
export const policyArb = (name: string): fc.Arbitrary<NetworkPolicy> =>
  fc
    .record({
      ns: fc.constantFrom(...NS),
      podSelector: fc.option(selector, { nil: undefined }),
      types: fc.constantFrom<readonly ('Ingress' | 'Egress')[] | undefined>(
        undefined,
        ['Ingress'],
        ['Egress'],
        ['Ingress', 'Egress'],
      ),
      ingress: fc.option(fc.array(rule, { maxLength: 2 }), { nil: undefined }),
      egress: fc.option(fc.array(rule, { maxLength: 2 }), { nil: undefined }),
    })
    .map((r) =>
      np(`${r.ns}/${name}`, {
        ...(r.podSelector ? { podSelector: r.podSelector } : {}),
        ...(r.types ? { policyTypes: r.types } : {}),
        ...(r.ingress
          ? {
              ingress: r.ingress.map((x) => ({
                ...(x.peers ? { from: x.peers } : {}),
                ...(x.ports ? { ports: x.ports } : {}),
              })),
            }
          : {}),
        ...(r.egress
          ? {
              egress: r.egress.map((x) => ({
                ...(x.peers ? { to: x.peers } : {}),
                ...(x.ports ? { ports: x.ports } : {}),
              })),
            }
          : {}),
      }),
    );

const podArb = (i: number): fc.Arbitrary<MiniPod> =>
  fc
    .record({
      ns: fc.constantFrom(...NS),
      app: fc.constantFrom(...APPS),
      tier: fc.boolean(),
      node: fc.constantFrom('node-1', 'node-2'),
      httpPort: fc.constantFrom(80, 8080),
      hostNetwork: fc.boolean().map((b) => b && i % 4 === 3),
    })
    .map((r) => ({
      key: `${r.ns}/p${i}`,
      labels: { app: r.app, ...(r.tier ? { tier: 'front' } : {}) },
      node: r.node,
      hostNetwork: r.hostNetwork,
      ports: [
        { name: 'http', containerPort: r.httpPort },
        { name: 'dns', containerPort: 53, protocol: 'UDP' as const },
      ],
    }));

/** A small cluster: 2–8 pods (some hostNetwork), 0–5 policies, either ipBlock mode. */
export const clusterSpecArb: fc.Arbitrary<MiniSpec> = fc
  .tuple(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 5 }))
  .chain(([pods, policies]) =>
    fc.record({
      pods: fc.tuple(...Array.from({ length: pods }, (_, i) => podArb(i))),
      policies: fc.tuple(...Array.from({ length: policies }, (_, i) => policyArb(`pol-${i}`))),
      ipBlockMatchesPods: fc.boolean(),
    }),
  )
  .map((r) => ({
    namespaces: { a: { team: 'even' }, b: { team: 'odd' }, c: {} },
    pods: r.pods,
    policies: r.policies,
    ipBlockMatchesPods: r.ipBlockMatchesPods,
  }));

/** Traffic to check: a port (or none) and a protocol. */
export const trafficArb: fc.Arbitrary<[number | undefined, PolicyProtocol]> = fc.constantFrom(
  [80, 'TCP'],
  [8080, 'TCP'],
  [81, 'TCP'],
  [53, 'UDP'],
  [80, 'SCTP'],
  [undefined, 'ICMP'],
);
