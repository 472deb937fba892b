/** Quiz questions about pods, nodes and overlays (learning.md §3 rows 1–9, 34). */
import { DEFAULT_SCENARIO } from '@/sim';

import { containerToContainer } from '../presets/containerToContainer.scenario';
import { podToPodRoutes } from '../presets/podToPodRoutes.scenario';
import { podToPodSameNode } from '../presets/podToPodSameNode.scenario';
import { podToPodVxlan } from '../presets/podToPodVxlan.scenario';

import type { Evidence, QuizQuestion } from './quizTypes';

const YES_NO = ['Yes', 'No'] as const;
const hops = (e: Evidence) => e.trace?.hops ?? [];
const request = (e: Evidence) => hops(e).filter((h) => h.direction === 'request');
const step = (e: Evidence, id: string) => e.birth?.steps.findIndex((s) => s.id === id) ?? -1;

export const POD_QUESTIONS: readonly QuizQuestion[] = [
  {
    id: 'container-ip',
    belief: 1,
    question: 'Does each container in a pod get its own IP address?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. A pod has one network namespace: its containers share eth0, the IP, the ports and lo, and reach each other on 127.0.0.1.',
    proof: {
      kind: 'walk',
      scenario: containerToContainer.scenario,
      walk: containerToContainer.walk,
      hop: { kind: 'loopback' },
    },
    holds: (e) =>
      e.trace?.verdict === 'delivered' &&
      hops(e).some((h) => h.kind === 'loopback') &&
      !hops(e).some((h) => h.kind === 'veth'),
  },
  {
    id: 'pause-configures',
    belief: 3,
    question: 'Does the pause container set up the pod’s network and get its IP?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. The runtime creates the namespace and the CNI plugin (with host-local IPAM) wires it before pause starts; pause only sleeps and holds the namespace.',
    proof: { kind: 'birth', scenario: DEFAULT_SCENARIO, pod: 'default/client', step: 'pause' },
    holds: (e) =>
      step(e, 'netns') >= 0 &&
      step(e, 'ipam') > step(e, 'netns') &&
      step(e, 'pause') > step(e, 'ipam') &&
      e.birth?.steps[step(e, 'pause')]?.commands.every((c) => c.startsWith('#')) === true,
  },
  {
    id: 'kubelet-calls-cni',
    belief: 4,
    question: 'Who runs the CNI plugin when a pod starts?',
    choices: ['The kubelet', 'The container runtime (containerd)', 'kube-proxy'],
    answer: 1,
    truth:
      'The runtime: containerd calls the plugins in /etc/cni/net.d with CNI_COMMAND=ADD. The kubelet stopped calling CNI when dockershim was removed in 1.24.',
    proof: { kind: 'birth', scenario: DEFAULT_SCENARIO, pod: 'default/client', step: 'cni-add' },
    holds: (e) => e.birth?.steps[step(e, 'cni-add')]?.actorName.startsWith('containerd') === true,
  },
  {
    id: 'same-node-routed',
    belief: 6,
    question:
      'Does traffic between two pods on the same node go through the node’s eth0 or routing table?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. The pod ARPs for its peer on its own subnet and cni0 switches the frame between the two veths: no routing, TTL unchanged.',
    proof: {
      kind: 'walk',
      scenario: podToPodSameNode.scenario,
      walk: podToPodSameNode.walk,
      hop: { kind: 'bridge' },
    },
    holds: (e) =>
      e.trace?.verdict === 'delivered' &&
      !request(e).some((h) => h.at.endsWith('/eth0') && h.at.startsWith('node:')) &&
      request(e).at(-1)?.packet.ttl === request(e)[0]?.packet.ttl,
  },
  {
    id: 'cross-node-nat',
    belief: 7,
    question: 'Is pod-to-pod traffic across nodes NATed to the node’s address?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. Kubernetes’ network model: every pod reaches every pod with its own IP. The server sees the client pod’s address.',
    proof: {
      kind: 'walk',
      scenario: podToPodRoutes.scenario,
      walk: podToPodRoutes.walk,
      hop: { kind: 'deliver' },
    },
    holds: (e) =>
      request(e).at(-1)?.packet.srcIP === request(e)[0]?.packet.srcIP &&
      e.trace?.masqueraded === false,
  },
  {
    id: 'overlay-required',
    belief: 8,
    question: 'Do pods on different nodes need an overlay network to talk?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. Each node owns a pod range; a plain route per node (`10.244.2.0/24 via 192.168.1.12`) works whenever the nodes can reach each other directly.',
    proof: {
      kind: 'walk',
      scenario: podToPodRoutes.scenario,
      walk: podToPodRoutes.walk,
      hop: { kind: 'route', nth: 1 },
    },
    holds: (e) => e.trace?.verdict === 'delivered' && !hops(e).some((h) => h.kind === 'encap'),
  },
  {
    id: 'vxlan-rewrites',
    belief: 9,
    question: 'Does a VXLAN overlay rewrite the pods’ addresses?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. The inner pod-to-pod packet is untouched; an outer node-to-node IP/UDP 8472 header is added on one node and removed on the other.',
    proof: {
      kind: 'walk',
      scenario: podToPodVxlan.scenario,
      walk: podToPodVxlan.walk,
      hop: { kind: 'encap' },
    },
    holds: (e) => {
      const encap = hops(e).find((h) => h.kind === 'encap');
      const first = request(e)[0];
      return (
        !!encap?.packet.outer &&
        encap.packet.srcIP === first?.packet.srcIP &&
        encap.packet.dstIP === first?.packet.dstIP
      );
    },
  },
  {
    id: 'cni0-at-install',
    belief: 34,
    question: 'Does cni0 exist as soon as the CNI is installed on a node?',
    choices: YES_NO,
    answer: 1,
    truth:
      'No. The bridge plugin creates cni0 (and gives it the .1 address) during the node’s first pod ADD.',
    proof: { kind: 'birth', scenario: DEFAULT_SCENARIO, pod: 'default/client', step: 'bridge' },
    holds: (e) => e.birth?.steps[step(e, 'bridge')]?.creates.includes('node:node-1/cni0') === true,
  },
];
