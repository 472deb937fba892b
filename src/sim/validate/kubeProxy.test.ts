import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { Scenario } from '../model/scenario';
import { trace } from '../trace/tracer';

import { expectDiagnostic, tweak, withCode, type Case } from './testkit';
import { validate } from './validate';

const withClusterCidr = (clusterCIDR: string, podSubnet?: string): Scenario =>
  tweak((s) => {
    s.cluster.kubeProxy.clusterCIDR = clusterCIDR;
    if (podSubnet !== undefined) s.cluster.podSubnet = podSubnet;
  });

const base = {
  code: 'clustercidr-mismatch',
  severity: 'warning',
  field: 'cluster.kubeProxy.clusterCIDR',
} as const;

const CASES: Case[] = [
  {
    name: 'a clusterCIDR beside the pod network',
    scenario: withClusterCidr('10.100.0.0/16'),
    want: {
      ...base,
      ranges: ['10.100.0.0/16', '10.244.0.0/16'],
      message:
        'kube-proxy clusterCIDR 10.100.0.0/16 does not cover the Pod CIDR 10.244.0.0/16 (IPv4): the local-traffic detector takes pods outside 10.100.0.0/16 for off-cluster sources, so their traffic to ClusterIPs is masqueraded to the node IP. Set clusterCIDR to the pod network (10.244.0.0/16), or remove it so kube-proxy follows podSubnet.',
    },
  },
  {
    name: 'a clusterCIDR covering only part of the pod network',
    scenario: withClusterCidr('10.244.0.0/17'),
    want: {
      ...base,
      message: /clusterCIDR 10\.244\.0\.0\/17 does not cover the Pod CIDR 10\.244\.0\.0\/16/,
    },
  },
  {
    name: 'the IPv6 half of a dual-stack pod network',
    scenario: withClusterCidr('10.244.0.0/16,fd00:10:245::/56', '10.244.0.0/16,fd00:10:244::/56'),
    want: {
      ...base,
      ranges: ['fd00:10:245::/56', 'fd00:10:244::/56'],
      message: /\(IPv6\).*Set clusterCIDR to the pod network \(fd00:10:244::\/56\)/,
    },
  },
  {
    name: 'a single-stack clusterCIDR in a dual-stack cluster',
    scenario: withClusterCidr('10.244.0.0/16', '10.244.0.0/16,fd00:10:244::/56'),
    want: {
      ...base,
      ranges: ['fd00:10:244::/56'],
      message:
        /has no IPv6 block but the Pod CIDR is fd00:10:244::\/56: kube-proxy runs without a local-traffic detector for IPv6/,
    },
  },
];

describe('validate: clustercidr-mismatch', () => {
  it.each(CASES)('$name', ({ scenario, want }) => expectDiagnostic(scenario, want));

  it('reports one warning per family, only for the family that differs', () => {
    const s = withClusterCidr('10.244.0.0/16,fd00:10:245::/56', '10.244.0.0/16,fd00:10:244::/56');
    expect(withCode(validate(s), 'clustercidr-mismatch')).toHaveLength(1);
  });

  it.each<[string, Scenario]>([
    ['absent (follows the pod network)', DEFAULT_SCENARIO],
    ['equal to the pod network', withClusterCidr('10.244.0.0/16')],
    ['wider than the pod network', withClusterCidr('10.0.0.0/8')],
    ['"" (no detector, on purpose)', withClusterCidr('')],
    ['not a CIDR (cidr-invalid says so)', withClusterCidr('10.244.0.0/33')],
  ])('no warning when clusterCIDR is %s', (_name, s) => {
    expect(withCode(validate(s), 'clustercidr-mismatch')).toEqual([]);
  });

  it('the warning matches what walks do: pod → ClusterIP is masqueraded', () => {
    const request = { from: 'pod/default/client', to: 'svc/default/web', port: 80 };
    const masqueraded = (s: Scenario) => {
      const t = trace(deriveCluster(s), request);
      expect(t.verdict).toBe('delivered');
      return t.masqueraded;
    };
    expect(masqueraded(DEFAULT_SCENARIO)).toBe(false);
    expect(masqueraded(withClusterCidr('10.100.0.0/16'))).toBe(true);
  });
});
