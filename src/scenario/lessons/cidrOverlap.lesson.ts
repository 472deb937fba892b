import { updateCluster, type Scenario } from '@/sim';

import { cidrOverlap } from '../presets/cidrOverlap.scenario';

import { atHop, diagnostic, holds, lastRequest, walkFrom, walkTo } from './checks';
import type { Lesson } from './types';

/**
 * The CIDR-overlap preset with every pod address and node range left to the cluster: web on node-2
 * gets 10.96.1.2 from host-local — the address the api Service was given — and fixing the pod
 * network (in the Network tab) moves it away.
 */
const scenario: Scenario = {
  ...cidrOverlap.scenario,
  nodes: cidrOverlap.scenario.nodes.map((n) => ({ ...n, spec: {} })),
  pods: cidrOverlap.scenario.pods.map((p) => ({ ...p, status: { phase: 'Running' } })),
};

/** Lesson 6: overlapping pod and Service ranges send traffic to the wrong place, silently. */
export const cidrOverlapLesson = {
  id: 'cidr-overlap',
  title: '6 · Overlapping pod and Service ranges',
  summary: 'Find the planted fault: a pod address that is also a ClusterIP, then fix the plan.',
  minutes: 7,
  scenario,
  steps: [
    {
      id: 'walk',
      title: 'Call the web pod',
      narration:
        'This cluster’s pod network (10.96.0.0/16) was chosen inside its Service range (10.96.0.0/12). Nothing crashes. Send a packet to the web pod and see who answers.',
      goal: 'Send a packet from pod default/client to pod default/web on port 80.',
      checks:
        'The walk’s source and destination pods (its verdict is not checked: that is the surprise).',
      check: (ctx) => [walkFrom(ctx, 'default/client'), walkTo(ctx, 'pod', 'default/web')],
      hints: ['From `pod/default/client` · To `pod/default/web` · Port `80`.'],
      showMe: [
        { kind: 'walk', walk: { from: 'pod/default/client', to: 'pod/default/web', port: 80 } },
      ],
      takeaway: 'Delivered — to api-1, on port 8080. Not to web.',
    },
    {
      id: 'capture',
      title: 'Find the hop that took it',
      narration:
        'web’s address 10.96.1.2 is also the ClusterIP of the api Service. kube-proxy’s rules run in PREROUTING, before any route is looked up.',
      goal: 'Select the hop where the packet is sent somewhere else.',
      checks: 'The selected hop rewrites the destination (DNAT).',
      check: (ctx) => [
        atHop(ctx, 'The selected hop is the DNAT that captures it', (h) => h.kind === 'dnat'),
      ],
      hints: ['Look for a changed “dst” field on node-1.', 'Select the DNAT hop.'],
      showMe: [{ kind: 'hop', hop: 'dnat' }],
      takeaway:
        'A pod IP inside the Service range can be a ClusterIP too: the Service wins, silently.',
    },
    {
      id: 'fix',
      title: 'Fix the address plan',
      narration:
        'kubeadm expects podSubnet and serviceSubnet to be disjoint (and off the node network). The diagnostics list shows the overlap as an error. The node ranges and pod addresses follow the pod network, so one change fixes it.',
      goal: 'In the Network tab, change the pod CIDR to a block outside 10.96.0.0/12, such as 10.244.0.0/16.',
      checks:
        'The diagnostics (no range-overlap or duplicate-address error) and where the open walk now ends.',
      check: (ctx) => [
        diagnostic(ctx, 'No overlapping ranges (cidr-overlap)', 'cidr-overlap', false),
        diagnostic(ctx, 'No address owned twice (ip-duplicate)', 'ip-duplicate', false),
        holds(
          'The walk to web now reaches web',
          !!lastRequest(ctx)?.at.startsWith('pod:default/web/') &&
            ctx.trace?.verdict === 'delivered',
        ),
      ],
      hints: [
        'The Network tab is on the right; the pod CIDR is its first field.',
        'Type `10.244.0.0/16` and leave the field (Enter or Tab).',
      ],
      showMe: [
        { kind: 'panel', panel: 'network' },
        {
          kind: 'edit',
          label: 'pod CIDR → 10.244.0.0/16',
          edit: (s) => updateCluster(s, { podSubnet: '10.244.0.0/16' }),
        },
      ],
      takeaway:
        'The same walk now goes to web at its new address; 10.96.1.2 is only the api Service again.',
    },
  ],
  finish: 'Next: NetworkPolicy — who may talk to whom.',
} satisfies Lesson;
