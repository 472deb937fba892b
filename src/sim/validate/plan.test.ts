import { describe, it } from 'vitest';

import { expectDiagnostic, tweak, type Case } from './testkit';

// DEFAULT_SCENARIO: nodes node-1 (192.168.1.11, 10.244.1.0/24) and node-2 (192.168.1.12,
// 10.244.2.0/24); pods[0..5] = client, frontend-1, coredns-1 (node-1), frontend-2, web, cart
// (node-2); services[0..3] = shop/frontend, shop/cart, default/web, kube-system/kube-dns.

const CASES: Case[] = [
  {
    name: 'cidr-invalid: service range prefix too long',
    scenario: tweak((s) => void (s.cluster.serviceSubnet = '10.96.0.0/33')),
    want: {
      code: 'cidr-invalid',
      severity: 'error',
      field: 'cluster.serviceSubnet',
      ranges: [],
      message:
        'Service CIDR (serviceSubnet) "10.96.0.0/33" is not a CIDR: the prefix length must be 0–32. Use a block like 10.96.0.0/12.',
    },
  },
  {
    name: 'cidr-invalid: empty pod network',
    scenario: tweak((s) => void (s.cluster.podSubnet = ' ')),
    want: {
      code: 'cidr-invalid',
      severity: 'error',
      field: 'cluster.podSubnet',
      message: 'Pod CIDR (podSubnet) is empty. Use a block like 10.244.0.0/16.',
    },
  },
  {
    name: 'cidr-invalid: a node network without a prefix length',
    scenario: tweak((s) => void (s.cluster.nodeNetwork = [{ cidr: '192.168.1.0' }])),
    want: {
      code: 'cidr-invalid',
      field: 'cluster.nodeNetwork[0].cidr',
      message:
        'Node network (nodeNetwork) "192.168.1.0" is not a CIDR: the prefix length is missing. Use a block like 192.168.1.0/24.',
    },
  },
  {
    name: "cidr-invalid: a node's pod range",
    scenario: tweak((s) => void (s.nodes[1]!.spec = { podCIDR: '10.244.2.0/24x' })),
    want: {
      code: 'cidr-invalid',
      severity: 'error',
      field: 'nodes[1].spec.podCIDR',
      objects: ['node/node-2'],
      message:
        'Node node-2\'s pod range (spec.podCIDR) "10.244.2.0/24x" is not a CIDR: the prefix length must be 0–32. Use a block inside the pod network, like 10.244.0.0/24.',
    },
  },
  {
    name: 'cidr-invalid: kube-proxy clusterCIDR',
    scenario: tweak((s) => void (s.cluster.kubeProxy.clusterCIDR = '10.244.0.0/16,nope')),
    want: {
      code: 'cidr-invalid',
      field: 'cluster.kubeProxy.clusterCIDR',
      message:
        'kube-proxy clusterCIDR "nope" is not a CIDR: expected address/prefix. Use a block like 10.244.0.0/16.',
    },
  },
  {
    name: 'cidr-host-bits: pod network',
    scenario: tweak((s) => void (s.cluster.podSubnet = '10.244.1.0/16')),
    want: {
      code: 'cidr-host-bits',
      severity: 'warning',
      field: 'cluster.podSubnet',
      ranges: ['10.244.1.0/16'],
      message:
        'Pod CIDR 10.244.1.0/16 has host bits set; did you mean 10.244.0.0/16? Kubernetes would use that block.',
    },
  },
  {
    name: "cidr-host-bits: a node's pod range",
    scenario: tweak((s) => void (s.nodes[0]!.spec = { podCIDRs: ['10.244.1.7/24'] })),
    want: {
      code: 'cidr-host-bits',
      severity: 'warning',
      field: 'nodes[0].spec.podCIDRs[0]',
      ranges: ['10.244.1.7/24'],
      objects: ['node/node-1'],
      message:
        "Node node-1's pod range 10.244.1.7/24 has host bits set; did you mean 10.244.1.0/24? Kubernetes would use that block.",
    },
  },
  {
    name: 'cidr-family: two IPv4 blocks in a dual-stack value',
    scenario: tweak((s) => void (s.cluster.podSubnet = '10.244.0.0/16, 10.245.0.0/16')),
    want: {
      code: 'cidr-family',
      severity: 'error',
      field: 'cluster.podSubnet',
      ranges: ['10.244.0.0/16', '10.245.0.0/16'],
      message:
        'Pod CIDR (podSubnet) "10.244.0.0/16, 10.245.0.0/16" has two IPv4 blocks: a dual-stack value must be one IPv4 and one IPv6 block. Remove one.',
    },
  },
  {
    name: 'cidr-family: an IPv6 node range in an IPv4-only cluster',
    scenario: tweak(
      (s) => void (s.nodes[0]!.spec = { podCIDRs: ['10.244.1.0/24', 'fd00:1::/64'] }),
    ),
    want: {
      code: 'cidr-family',
      severity: 'error',
      field: 'nodes[0].spec.podCIDRs[1]',
      ranges: ['fd00:1::/64', '10.244.0.0/16'],
      objects: ['node/node-1'],
      message:
        "Node node-1's pod range fd00:1::/64 is IPv6 but the pod network (podSubnet 10.244.0.0/16) has no IPv6 block. Use a range inside 10.244.0.0/16, or add an IPv6 block to podSubnet.",
    },
  },
  {
    name: 'cidr-overlap: service range inside the pod network',
    scenario: tweak((s) => {
      s.cluster.serviceSubnet = '10.96.0.0/16';
      s.cluster.podSubnet = '10.96.0.0/12';
    }),
    want: {
      code: 'cidr-overlap',
      severity: 'error',
      field: 'cluster.serviceSubnet',
      ranges: ['10.96.0.0/16', '10.96.0.0/12'],
      objects: [],
      message:
        'Service CIDR 10.96.0.0/16 overlaps Pod CIDR 10.96.0.0/12: both contain 10.96.0.0–10.96.255.255. kube-proxy would treat traffic to pod addresses there as Service traffic. Use a service range outside the pod network.',
    },
  },
  {
    name: 'cidr-overlap: node network and pod network',
    scenario: tweak((s) => void (s.cluster.nodeNetwork = [{ cidr: '10.0.0.0/8' }])),
    want: {
      code: 'cidr-overlap',
      severity: 'error',
      field: 'cluster.nodeNetwork[0].cidr',
      ranges: ['10.0.0.0/8', '10.244.0.0/16'],
      message:
        "Node network 10.0.0.0/8 overlaps Pod CIDR 10.244.0.0/16: both contain 10.244.0.0–10.244.255.255. Routes to pods there would go out eth0 to the node network instead of to cni0 or the pod's node, and node addresses could be handed to pods. Use a pod network outside the node network.",
    },
  },
  {
    name: 'cidr-overlap: two nodes with one pod range',
    scenario: tweak((s) => void (s.nodes[1]!.spec = { podCIDR: '10.244.0.0/23' })),
    want: {
      code: 'cidr-overlap',
      severity: 'error',
      field: 'nodes[0].spec.podCIDR',
      ranges: ['10.244.1.0/24', '10.244.0.0/23'],
      objects: ['node/node-1', 'node/node-2'],
      message:
        "Node node-1's pod range 10.244.1.0/24 overlaps Node node-2's pod range 10.244.0.0/23: both contain 10.244.1.0–10.244.1.255. Both nodes would hand out the same pod addresses, and the other nodes route them to only one. Give each node its own range, or remove spec.podCIDR to let kube-controller-manager allocate one.",
    },
  },
  {
    name: 'cidr-overlap: a node address inside the pod network',
    scenario: tweak((s) => void (s.nodes[1]!.status!.addresses![0]!.address = '10.244.7.5')),
    want: {
      code: 'cidr-overlap',
      field: 'nodes[1].status.addresses[0].address',
      ranges: ['10.244.7.5/32', '10.244.0.0/16'],
      objects: ['node/node-2'],
      message:
        "Node node-2's address 10.244.7.5 is inside Pod CIDR 10.244.0.0/16. A pod could be given the node's address, and kube-proxy and the CNI would take the node's own traffic for pod traffic. Give the node an address outside the pod network, or move the pod network.",
    },
  },
  {
    name: 'cidr-overlap: an external IP inside the service range',
    scenario: tweak((s) => void (s.services[2]!.spec.externalIPs = ['10.96.5.5'])),
    want: {
      code: 'cidr-overlap',
      field: 'services[2].spec.externalIPs[0]',
      ranges: ['10.96.5.5/32', '10.96.0.0/12'],
      objects: ['svc/default/web'],
      message:
        "Service default/web's external IP 10.96.5.5 is inside Service CIDR 10.96.0.0/12. The address could also be allocated as a ClusterIP. Use an address outside the service range.",
    },
  },
];

describe('validate: the address plan settings', () => {
  it.each(CASES)('$name', ({ scenario, want }) => expectDiagnostic(scenario, want));
});
