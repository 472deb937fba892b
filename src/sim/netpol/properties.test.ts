import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { NetworkPolicy } from '../model/k8s';

import { evaluateConnection } from './evaluate';
import { connectivityMatrix } from './matrix';
import { clusterSpecArb, policyArb, trafficArb } from './testdata/arbitrary';
import { miniCluster, np, type MiniSpec } from './testdata/mini';

const RUNS = { numRuns: 150 };
const matrixOf = (
  spec: MiniSpec,
  port: number | undefined,
  protocol: 'TCP' | 'UDP' | 'SCTP' | 'ICMP',
) => connectivityMatrix(miniCluster(spec), port, protocol);
const withPolicies = (spec: MiniSpec, policies: readonly NetworkPolicy[]): MiniSpec => ({
  ...spec,
  policies,
});
/** Every allowed cell of `before` is allowed in `after` (same pods, same order). */
const noLoss = (before: Uint8Array, after: Uint8Array) =>
  before.every((v, k) => v === 0 || after[k] === 1);

describe('NetworkPolicy properties (fast-check)', () => {
  it('the matrix agrees with evaluateConnection on every cell', () => {
    fc.assert(
      fc.property(clusterSpecArb, trafficArb, (spec, [port, protocol]) => {
        const cluster = miniCluster(spec);
        const m = connectivityMatrix(cluster, port, protocol);
        const n = m.pods.length;
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            const v = evaluateConnection(
              cluster,
              { kind: 'pod', key: m.pods[i] ?? '' },
              { kind: 'pod', key: m.pods[j] ?? '' },
              port,
              protocol,
            );
            expect(m.allowed[i * n + j] === 1, `${m.pods[i]} → ${m.pods[j]}: ${v.reason}`).toBe(
              v.allowed,
            );
            expect(m.decidingPolicy(i, j).allowed).toBe(v.allowed);
          }
      }),
      RUNS,
    );
  });

  it('a pod given by its IP is judged like the pod itself', () => {
    fc.assert(
      fc.property(clusterSpecArb, trafficArb, (spec, [port, protocol]) => {
        const cluster = miniCluster(spec);
        for (const s of cluster.pods)
          for (const d of cluster.pods) {
            const ip = d.ips[0];
            if (d.hostNetwork || ip === undefined) continue;
            const byKey = evaluateConnection(
              cluster,
              { kind: 'pod', key: s.key },
              { kind: 'pod', key: d.key },
              port,
              protocol,
            );
            const byIp = evaluateConnection(
              cluster,
              { kind: 'pod', key: s.key },
              { kind: 'ip', ip },
              port,
              protocol,
            );
            expect(byIp.allowed).toBe(byKey.allowed);
          }
      }),
      RUNS,
    );
  });

  it('adding an allow-all-ingress policy never denies an allowed connection', () => {
    fc.assert(
      fc.property(
        clusterSpecArb,
        trafficArb,
        fc.constantFrom('a', 'b', 'c'),
        (spec, [port, protocol], ns) => {
          const before = matrixOf(spec, port, protocol);
          const allowAll = np(`${ns}/zz-allow-all`, { podSelector: {}, ingress: [{}] });
          const after = matrixOf(
            withPolicies(spec, [...(spec.policies ?? []), allowAll]),
            port,
            protocol,
          );
          expect(after.pods).toEqual(before.pods);
          expect(noLoss(before.allowed, after.allowed)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('adding a rule to a policy with explicit policyTypes never denies an allowed connection', () => {
    fc.assert(
      fc.property(
        clusterSpecArb,
        trafficArb,
        policyArb('extra'),
        fc.nat(),
        (spec, [port, protocol], extra, k) => {
          const policies = spec.policies ?? [];
          if (policies.length === 0) return;
          const idx = k % policies.length;
          const target = policies[idx] as NetworkPolicy;
          const policyTypes: NonNullable<NetworkPolicy['spec']['policyTypes']> = target.spec
            .policyTypes?.length
            ? target.spec.policyTypes
            : ['Ingress'];
          const grown: NetworkPolicy = {
            ...target,
            spec: {
              ...target.spec,
              policyTypes,
              ingress: [...(target.spec.ingress ?? []), ...(extra.spec.ingress ?? [])],
              egress: [...(target.spec.egress ?? []), ...(extra.spec.egress ?? [])],
            },
          };
          const pinned = policies.map((p, i): NetworkPolicy =>
            i === idx ? { ...target, spec: { ...target.spec, policyTypes } } : p,
          );
          const before = matrixOf(withPolicies(spec, pinned), port, protocol);
          const after = matrixOf(
            withPolicies(
              spec,
              pinned.map((p, i) => (i === idx ? grown : p)),
            ),
            port,
            protocol,
          );
          expect(noLoss(before.allowed, after.allowed)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('policy order does not matter, down to the explanation', () => {
    fc.assert(
      fc.property(clusterSpecArb, trafficArb, (spec, [port, protocol]) => {
        const reversed = withPolicies(spec, [...(spec.policies ?? [])].reverse());
        const a = miniCluster(spec);
        const b = miniCluster(reversed);
        for (const s of a.pods)
          for (const d of a.pods) {
            const src = { kind: 'pod', key: s.key } as const;
            const dst = { kind: 'pod', key: d.key } as const;
            expect(evaluateConnection(b, src, dst, port, protocol)).toEqual(
              evaluateConnection(a, src, dst, port, protocol),
            );
          }
      }),
      RUNS,
    );
  });

  it('a policy that selects no pod changes nothing', () => {
    fc.assert(
      fc.property(
        clusterSpecArb,
        trafficArb,
        policyArb('ghost'),
        (spec, [port, protocol], ghost) => {
          const none: NetworkPolicy = {
            ...ghost,
            spec: { ...ghost.spec, podSelector: { matchLabels: { app: 'nobody' } } },
          };
          const before = matrixOf(spec, port, protocol);
          const after = matrixOf(
            withPolicies(spec, [...(spec.policies ?? []), none]),
            port,
            protocol,
          );
          expect(after.allowed).toEqual(before.allowed);
        },
      ),
      RUNS,
    );
  });

  it('without policies everything is allowed, and a pod always reaches itself', () => {
    fc.assert(
      fc.property(clusterSpecArb, trafficArb, (spec, [port, protocol]) => {
        expect(matrixOf(withPolicies(spec, []), port, protocol).allowed.every((v) => v === 1)).toBe(
          true,
        );
        const m = matrixOf(spec, port, protocol);
        m.pods.forEach((_, i) => expect(m.isAllowed(i, i)).toBe(true));
      }),
      RUNS,
    );
  });
});
