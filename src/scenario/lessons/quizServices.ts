/** Quiz questions about Services, kube-proxy, NodePorts, DNS and address plans (learning.md §3). */
import { DEFAULT_SCENARIO, type Hop } from '@/sim';

import { cidrOverlap } from '../presets/cidrOverlap.scenario';
import { dnsHeadless } from '../presets/dnsHeadless.scenario';
import { externalLoadBalancerLocal } from '../presets/externalLoadBalancerLocal.scenario';
import { externalNodePort } from '../presets/externalNodePort.scenario';
import { podToService } from '../presets/podToService.scenario';

import type { Evidence, QuizQuestion } from './quizTypes';

const YES_NO = ['Yes', 'No'] as const;
const hops = (e: Evidence): readonly Hop[] => e.trace?.hops ?? [];
const request = (e: Evidence) =>
  hops(e).filter((h) => h.direction === 'request' && h.phase !== 'dns');
const svcWalk = { kind: 'walk', scenario: podToService.scenario, walk: podToService.walk } as const;
const npWalk = {
  kind: 'walk',
  scenario: externalNodePort.scenario,
  walk: externalNodePort.walk,
} as const;
const clusterIp = (e: Evidence, key: string) => e.cluster.serviceByKey.get(key)?.clusterIPs[0];

export const SERVICE_QUESTIONS: readonly QuizQuestion[] = [
  {
    id: 'namespaces-isolate',
    belief: 10,
    question:
      'Can a pod in namespace default reach a pod in namespace shop when there is no NetworkPolicy?',
    choices: YES_NO,
    answer: 0,
    truth:
      'Yes. Namespaces scope names, not traffic; only a NetworkPolicy (enforced by the CNI) isolates pods.',
    proof: { ...svcWalk, hop: { kind: 'deliver' } },
    holds: (e) => e.trace?.verdict === 'delivered',
  },
  {
    id: 'short-name',
    belief: 11,
    question:
      'From namespace default, does the short name `cart` find the Service cart in namespace shop?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. The search list starts with the client’s own namespace (cart.default.svc.cluster.local); use `cart.shop`.',
    proof: {
      kind: 'walk',
      scenario: DEFAULT_SCENARIO,
      walk: { from: 'pod/default/client', to: 'cart', port: 7070 },
    },
    holds: (e) => e.trace?.verdict === 'unreachable' && /NXDOMAIN/.test(e.trace.reason),
  },
  {
    id: 'clusterip-interface',
    belief: 12,
    question:
      'Is a Service’s ClusterIP configured on some interface (with kube-proxy in iptables mode)?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. No interface holds it and nothing listens on it: it exists only in nat rules, which DNAT the packet on the client’s own node.',
    proof: { ...svcWalk, hop: { kind: 'dnat' } },
    holds: (e) => {
      const vip = clusterIp(e, 'shop/cart') ?? '';
      const owners = e.cluster.ipOwners.get(vip) ?? [];
      return owners.every((o) => o.kind === 'service') && hops(e).some((h) => h.kind === 'dnat');
    },
  },
  {
    id: 'ping-clusterip',
    belief: 13,
    question: 'Does `ping` to a ClusterIP get an answer?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. kube-proxy writes rules for the Service’s ports and protocols only; an ICMP echo matches none and follows the default route out, where it is lost.',
    proof: {
      kind: 'walk',
      scenario: podToService.scenario,
      walk: { from: 'pod/default/client', to: 'svc/shop/cart', protocol: 'ICMP' },
    },
    holds: (e) => e.trace?.verdict !== 'delivered',
  },
  {
    id: 'kube-proxy-forwards',
    belief: 14,
    question: 'Does kube-proxy (the process) forward the Service’s packets?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. In iptables mode it only writes rules; the kernel DNATs the packet in PREROUTING. kube-proxy is never a hop.',
    proof: { ...svcWalk, hop: { kind: 'dnat' } },
    holds: (e) => {
      const dnat = hops(e).find((h) => h.kind === 'dnat');
      return !!dnat && dnat.at.endsWith('/iptables') && /DNAT/.test(dnat.rule?.text ?? '');
    },
  },
  {
    id: 'round-robin',
    belief: 15,
    question: 'How does a ClusterIP Service spread requests over its pods?',
    choices: [
      'Round-robin, request by request',
      'A random pick per new connection, then conntrack keeps it',
      'Always the least loaded pod',
    ],
    answer: 1,
    truth:
      '`-m statistic --mode random --probability` picks once per connection; conntrack pins the rest of it. Long-lived HTTP/2 or gRPC connections stay on one pod.',
    proof: { ...svcWalk, hop: { kind: 'dnat' } },
    holds: (e) =>
      (e.trace?.probabilities ?? []).length === 2 &&
      e.trace?.probabilities?.every((p) => p === 0.5) === true,
  },
  {
    id: 'prefers-local',
    belief: 16,
    question: 'Does Service traffic prefer a pod on the client’s own node by default?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. Every ready endpoint is a candidate with the same probability; only internalTrafficPolicy: Local or topology hints change that.',
    proof: {
      kind: 'walk',
      scenario: DEFAULT_SCENARIO,
      walk: { from: 'pod/default/client', to: 'svc/shop/frontend', port: 80 },
      hop: { kind: 'dnat' },
    },
    holds: (e) =>
      (e.trace?.candidates ?? []).some((c) => c.startsWith('10.244.2.')) &&
      (e.trace?.probabilities ?? []).every((p) => p === 0.5),
  },
  {
    id: 'clusterip-snat',
    belief: 17,
    question: 'Is a pod’s traffic to a ClusterIP SNATed (does the server see the node’s address)?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. In iptables mode the source stays the pod’s IP — unless masqueradeAll is set, the source is outside clusterCIDR, or the pod calls itself (hairpin).',
    proof: { ...svcWalk, hop: { kind: 'deliver' } },
    holds: (e) =>
      e.trace?.masqueraded === false &&
      request(e).at(-1)?.packet.srcIP === request(e)[0]?.packet.srcIP,
  },
  {
    id: 'reply-rules',
    belief: 18,
    question: 'Does the reply pass through kube-proxy’s Service rules again?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. Only a connection’s first packet meets the nat table; conntrack rewrites the reply back to ClusterIP:port.',
    proof: { ...svcWalk, hop: { kind: 'unnat', direction: 'reply' } },
    holds: (e) => {
      const reply = hops(e).filter((h) => h.direction === 'reply');
      return reply.some((h) => h.kind === 'unnat') && !reply.some((h) => h.kind === 'dnat');
    },
  },
  {
    id: 'nodeport-only-where-pod',
    belief: 20,
    question: 'Is a NodePort open only on the nodes that run one of the Service’s pods?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. KUBE-NODEPORTS is written on every node: node-2 accepts port 30080 although web runs on node-1.',
    proof: { ...npWalk, hop: { kind: 'dnat' } },
    holds: (e) => e.trace?.verdict === 'delivered' && hops(e)[1]?.node === 'node-2',
  },
  {
    id: 'nodeport-local-pod',
    belief: 21,
    question: 'Does a NodePort packet always go to a pod on the node it entered?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. With externalTrafficPolicy: Cluster any endpoint will do, often on another node: this one enters node-2 and is served on node-1.',
    proof: { ...npWalk, hop: { kind: 'deliver' } },
    holds: (e) =>
      e.trace?.verdict === 'delivered' &&
      (request(e).at(-1)?.at.startsWith('pod:default/web') ?? false) &&
      hops(e)[1]?.node === 'node-2',
  },
  {
    id: 'nodeport-via-clusterip',
    belief: 22,
    question: 'Is NodePort traffic first DNATed to the ClusterIP, then to a pod?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. One DNAT, straight to podIP:targetPort (KUBE-NODEPORTS → KUBE-EXT → KUBE-SVC → KUBE-SEP); the ClusterIP never appears in the packet.',
    proof: { ...npWalk, hop: { kind: 'dnat' } },
    holds: (e) => {
      const vip = clusterIp(e, 'default/web');
      return (
        hops(e).filter((h) => h.kind === 'dnat').length === 1 &&
        !hops(e).some((h) => h.packet.dstIP === vip || h.packet.srcIP === vip)
      );
    },
  },
  {
    id: 'client-ip-cluster',
    belief: 23,
    question: 'With externalTrafficPolicy: Cluster, does the pod see the outside client’s IP?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. The entry node masquerades the packet to its own address so the reply comes back through it; the pod sees 192.168.1.12.',
    proof: { ...npWalk, hop: { kind: 'snat' } },
    holds: (e) => request(e).at(-1)?.packet.srcIP === '192.168.1.12',
  },
  {
    id: 'snat-only-cross-node',
    belief: 24,
    question: 'Is NodePort traffic masqueraded only when it has to cross to another node?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. kube-proxy marks all external traffic of an externalTrafficPolicy: Cluster Service: entering node-1, where the pod runs, it still arrives from cni0’s 10.244.1.1.',
    proof: {
      kind: 'walk',
      scenario: externalNodePort.scenario,
      walk: { from: '203.0.113.25', to: '192.168.1.11', port: 30080, node: 'node-1' },
      hop: { kind: 'deliver' },
    },
    holds: (e) =>
      e.trace?.masqueraded === true && request(e).at(-1)?.packet.srcIP !== '203.0.113.25',
  },
  {
    id: 'local-every-node',
    belief: 25,
    question: 'With externalTrafficPolicy: Local, does every node answer on the Service’s port?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. A node without a local endpoint drops the traffic (and fails the load balancer’s health check on healthCheckNodePort).',
    proof: {
      kind: 'walk',
      scenario: externalLoadBalancerLocal.scenario,
      walk: { ...externalLoadBalancerLocal.walk, node: 'node-2' },
    },
    holds: (e) => e.trace?.verdict === 'dropped',
  },
  {
    id: 'ports-same',
    belief: 26,
    question: 'Does the pod receive the packet on the NodePort (30080)?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. nodePort is the port on every node, port the Service’s own, targetPort the pod’s: the DNAT writes targetPort (80).',
    proof: { ...npWalk, hop: { kind: 'deliver' } },
    holds: (e) =>
      request(e).at(-1)?.packet.dstPort === 80 && request(e)[0]?.packet.dstPort === 30080,
  },
  {
    id: 'ranges-overlap',
    belief: 28,
    question: 'May the pod network and the Service range overlap?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. An address in both is a ClusterIP to kube-proxy: a packet for the web pod at 10.96.1.2 is DNATed to the api Service’s pods.',
    proof: {
      kind: 'walk',
      scenario: cidrOverlap.scenario,
      walk: cidrOverlap.walk,
      hop: { kind: 'dnat' },
    },
    holds: (e) =>
      e.trace?.verdict === 'delivered' &&
      (request(e).at(-1)?.at.startsWith('pod:default/api-1') ?? false),
  },
  {
    id: 'headless-vip',
    belief: 29,
    question:
      'Does a headless Service (clusterIP: None) still have a virtual IP that kube-proxy load-balances?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. There are no kube-proxy rules: DNS answers with the pods’ own addresses and the client dials the pod directly, on the pod’s port.',
    proof: {
      kind: 'walk',
      scenario: dnsHeadless.scenario,
      walk: dnsHeadless.walk,
      hop: { kind: 'dns' },
    },
    holds: (e) => e.trace?.verdict === 'delivered' && !request(e).some((h) => h.kind === 'dnat'),
  },
];
