import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { Scenario } from '../model/scenario';
import { trace } from '../trace/tracer';

import { expectDiagnostic, tweak, withCode, type Case, type Mutable } from './testkit';
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

describe('nftables mode: what no longer works as in iptables mode', () => {
  const nft = (f: (s: Mutable<Scenario>) => void): Scenario =>
    tweak((s) => {
      s.cluster.kubeProxy.mode = 'nftables';
      f(s);
    });
  const withNodePort = (s: Mutable<Scenario>): void => {
    const web = s.services.find((x) => x.metadata.name === 'web');
    if (web) {
      web.spec.type = 'NodePort';
      web.spec.ports = [{ name: 'http', port: 80, targetPort: 80, nodePort: 30080 }];
    }
  };
  const secondIp = (s: Mutable<Scenario>): void => {
    const n = s.nodes[0];
    if (n)
      n.status = {
        addresses: [
          ...(n.status?.addresses ?? []),
          { type: 'ExternalIP', address: '203.0.113.10' },
        ],
      };
  };

  it('localhostNodePorts: true asks for NodePorts on 127.0.0.1, which nftables mode never accepts', () => {
    const d = withCode(
      validate(nft((s) => void (s.cluster.kubeProxy.iptables = { localhostNodePorts: true }))),
      'nft-localhost-nodeports',
    );
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      severity: 'warning',
      field: 'cluster.kubeProxy.iptables.localhostNodePorts',
    });
    expect(d[0]?.message).toMatch(/never accepts NodePorts on 127\.0\.0\.1/);
  });
  it('loopback in nodePortAddresses is named', () => {
    const d = withCode(
      validate(
        nft(
          (s) => void (s.cluster.kubeProxy.nodePortAddresses = ['127.0.0.0/8', '192.168.1.0/24']),
        ),
      ),
      'nft-localhost-nodeports',
    );
    expect(d[0]).toMatchObject({
      ranges: ['127.0.0.0/8'],
      field: 'cluster.kubeProxy.nodePortAddresses',
    });
  });
  it('the "primary" default leaves a node’s other addresses without NodePorts', () => {
    const d = withCode(
      validate(nft((s) => (withNodePort(s), secondIp(s)))),
      'nft-nodeport-addresses',
    );
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ objects: ['node/node-1'], ranges: ['203.0.113.10'] });
    expect(d[0]?.message).toMatch(/no longer on node-1's 203\.0\.113\.10/);
  });
  it('says nothing when nodePortAddresses is set, there is no NodePort, or the mode is iptables', () => {
    const set = nft(
      (s) => (
        withNodePort(s),
        secondIp(s),
        (s.cluster.kubeProxy.nodePortAddresses = ['0.0.0.0/0'])
      ),
    );
    const noNodePort = nft(secondIp);
    const ipt = tweak(
      (s) => (
        withNodePort(s),
        secondIp(s),
        (s.cluster.kubeProxy.iptables = { localhostNodePorts: true })
      ),
    );
    for (const [name, s] of [
      ['set', set],
      ['no NodePort', noNodePort],
      ['iptables', ipt],
    ] as const)
      expect(
        validate(s).filter((d) => d.code.startsWith('nft-')),
        name,
      ).toEqual([]);
  });
  it('the default scenario in nftables mode is clean', () => {
    expect(validate(nft(() => {}))).toEqual([]);
  });
});
