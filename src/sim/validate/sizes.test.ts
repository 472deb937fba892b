import { describe, it } from 'vitest';

import { expectDiagnostic, node, podOn, tweak, type Case } from './testkit';

// DEFAULT_SCENARIO: nodes node-1 (192.168.1.11, 10.244.1.0/24) and node-2 (192.168.1.12,
// 10.244.2.0/24); pods[0..5] = client, frontend-1, coredns-1 (node-1), frontend-2, web, cart
// (node-2); services[0..3] = shop/frontend, shop/cart, default/web, kube-system/kube-dns.

const CASES: Case[] = [
  {
    name: 'podcidr-outside-cluster',
    scenario: tweak((s) => void (s.nodes[1]!.spec = { podCIDR: '10.245.2.0/24' })),
    want: {
      code: 'podcidr-outside-cluster',
      severity: 'error',
      field: 'nodes[1].spec.podCIDR',
      ranges: ['10.245.2.0/24', '10.244.0.0/16'],
      objects: ['node/node-2'],
      message:
        "Node node-2's pod range 10.245.2.0/24 is outside Pod CIDR 10.244.0.0/16: kube-proxy and the CNI treat its pods as outside the cluster (their traffic to Services is masqueraded). Use a range inside 10.244.0.0/16 such as 10.244.0.0/24, or remove spec.podCIDR to have one allocated.",
    },
  },
  {
    name: 'mask-size: node mask shorter than the pod network',
    scenario: tweak((s) => void (s.cluster.nodeCIDRMaskSize = 12)),
    want: {
      code: 'mask-size',
      severity: 'error',
      field: 'cluster.nodeCIDRMaskSize',
      ranges: ['10.244.0.0/16'],
      message:
        "Node mask /12 (nodeCIDRMaskSize) is shorter than Pod CIDR 10.244.0.0/16: a node's pod range cannot be larger than the whole pod network. Set nodeCIDRMaskSize to 16 or more, or widen the pod network.",
    },
  },
  {
    name: 'mask-size: IPv6 node mask more than 16 bits longer than the pod network',
    scenario: tweak((s) => void (s.cluster.podSubnet = '10.244.0.0/16,fd00:10::/32')),
    want: {
      code: 'mask-size',
      severity: 'error',
      field: 'cluster.nodeCIDRMaskSizeIPv6',
      ranges: ['fd00:10::/32'],
      message:
        'The default node mask /64 (nodeCIDRMaskSizeIPv6 unset) is 32 bits longer than Pod CIDR fd00:10::/32: kube-controller-manager refuses more than 16 bits ("the node CIDR size is too big"). Set nodeCIDRMaskSizeIPv6 to 48 or less, or use a smaller pod network.',
    },
  },
  {
    name: 'mask-size: not a prefix length',
    scenario: tweak((s) => void (s.cluster.nodeCIDRMaskSize = 33)),
    want: {
      code: 'mask-size',
      severity: 'error',
      field: 'cluster.nodeCIDRMaskSize',
      message:
        "Node mask size (nodeCIDRMaskSize) 33 is not an IPv4 prefix length: use a whole number from 0 to 32 (kube-controller-manager's default is 24).",
    },
  },
  {
    name: 'capacity: more nodes than node ranges',
    scenario: tweak((s) => {
      s.cluster.podSubnet = '10.244.0.0/23';
      s.nodes = [
        node('node-1', '192.168.1.11'),
        node('node-2', '192.168.1.12'),
        node('node-3', '192.168.1.13'),
      ];
    }),
    want: {
      code: 'capacity',
      severity: 'error',
      field: 'cluster.podSubnet',
      ranges: ['10.244.0.0/23'],
      objects: ['node/node-3'],
      message:
        'Pod CIDR 10.244.0.0/23 holds 2 node ranges of /24, but there are 3 nodes: node-3 gets no pod range, so its pods get no IP. Widen the pod network or use a longer node mask (nodeCIDRMaskSize).',
    },
  },
  {
    name: 'capacity: more pods than a node range holds',
    scenario: tweak((s) => void (s.nodes[0]!.spec = { podCIDR: '10.244.1.0/30' })),
    want: {
      code: 'capacity',
      severity: 'error',
      field: 'nodes[0].spec.podCIDR',
      ranges: ['10.244.1.0/30'],
      message:
        "Node node-1's pod range 10.244.1.0/30 holds 1 pod address (a /30 less its network, broadcast and cni0 gateway addresses), but 3 pods run there: 2 pods get no IP. Use a shorter node mask (nodeCIDRMaskSize) or move pods to other nodes.",
    },
  },
  {
    name: 'capacity: a node range over 90% full',
    scenario: tweak((s) => {
      s.nodes[1]!.spec = { podCIDR: '10.244.2.0/28' };
      for (let i = 0; i < 9; i++) s.pods.push(podOn(`extra-${i}`, 'node-2'));
    }),
    want: {
      code: 'capacity',
      severity: 'warning',
      field: 'nodes[1].spec.podCIDR',
      ranges: ['10.244.2.0/28'],
      objects: ['node/node-2'],
      message:
        "Node node-2's pod range 10.244.2.0/28 holds 13 pod addresses (a /28 less its network, broadcast and cni0 gateway addresses) and 12 are in use (92%): the next pods scheduled there may get no IP. Use a shorter node mask (nodeCIDRMaskSize) or spread the pods.",
    },
  },
  {
    name: 'capacity: more Services than ClusterIPs',
    scenario: tweak((s) => {
      s.cluster.serviceSubnet = '10.96.0.0/30';
      delete s.services[3]!.spec.clusterIP;
    }),
    want: {
      code: 'capacity',
      severity: 'error',
      field: 'cluster.serviceSubnet',
      ranges: ['10.96.0.0/30'],
      message:
        'Service CIDR 10.96.0.0/30 holds 2 ClusterIPs, but 4 Services need one: 2 get none. Use a larger service range (a shorter prefix).',
    },
  },
  {
    name: 'service-range-too-large: IPv4',
    scenario: tweak((s) => void (s.cluster.serviceSubnet = '172.32.0.0/11')),
    want: {
      code: 'service-range-too-large',
      severity: 'error',
      field: 'cluster.serviceSubnet',
      ranges: ['172.32.0.0/11'],
      message:
        'Service CIDR (serviceSubnet) 172.32.0.0/11 is too large: kube-apiserver rejects a service range of more than 2^20 addresses (a prefix shorter than /12 for IPv4). Use /12 or longer, e.g. 172.32.0.0/12.',
    },
  },
  {
    name: 'service-range-too-large: IPv6',
    scenario: tweak((s) => {
      s.cluster.podSubnet = '10.244.0.0/16,fd00:10:244::/56';
      s.cluster.serviceSubnet = '10.96.0.0/12,fd00:10:96::/64';
    }),
    want: {
      code: 'service-range-too-large',
      severity: 'error',
      field: 'cluster.serviceSubnet',
      ranges: ['fd00:10:96::/64'],
      message:
        'Service CIDR (serviceSubnet) fd00:10:96::/64 is too large: kube-apiserver rejects a service range of more than 2^20 addresses (a prefix shorter than /108 for IPv6). Use /108 or longer, e.g. fd00:10:96::/108.',
    },
  },
];

describe('validate: node ranges, masks and capacity', () => {
  it.each(CASES)('$name', ({ scenario, want }) => expectDiagnostic(scenario, want));
});
