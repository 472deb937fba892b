import { updateService } from '@/sim';

import { externalNodePort } from '../presets/externalNodePort.scenario';

import {
  atHop,
  enteredAt,
  holds,
  lastRequest,
  verdictIs,
  walkFromIp,
  walkToAddress,
} from './checks';
import type { Lesson } from './types';

const CLIENT = '203.0.113.25';

/** Lesson 5: from outside through a NodePort — one DNAT, a masquerade, and how to keep the source. */
export const externalToServiceLesson = {
  id: 'external-to-service',
  title: '5 · From outside: NodePort and LoadBalancer',
  summary:
    'A NodePort on every node, DNAT straight to a pod, masquerade — and externalTrafficPolicy.',
  minutes: 8,
  scenario: externalNodePort.scenario,
  steps: [
    {
      id: 'walk',
      title: 'Knock on a node’s port',
      narration:
        'The web Service is a NodePort Service: port 30080 is open on every node, even node-2, which runs no web pod. A client outside the cluster (203.0.113.25) connects to node-2.',
      goal: 'Send a packet from 203.0.113.25 to 192.168.1.12 port 30080, entering at node-2.',
      checks:
        'The source address, destination address and port, the entry node, and that it is delivered.',
      check: (ctx) => [
        walkFromIp(ctx, CLIENT),
        walkToAddress(ctx, '192.168.1.12', 30080),
        enteredAt(ctx, 'node-2'),
        verdictIs(ctx, 'delivered'),
      ],
      hints: [
        'An IP that belongs to nothing in the cluster is an outside client; the toolbar’s node choice says where it enters.',
        'From `203.0.113.25` · To `192.168.1.12` · Port `30080` · node-2.',
      ],
      showMe: [
        { kind: 'walk', walk: { from: CLIENT, to: '192.168.1.12', port: 30080, node: 'node-2' } },
      ],
      takeaway:
        'node-2 accepted it although the pod is on node-1: KUBE-NODEPORTS exists on every node.',
    },
    {
      id: 'dnat',
      title: 'One DNAT, straight to the pod',
      narration:
        'Many diagrams show NodePort traffic going to the ClusterIP first. Find the rewrite and look at the new destination.',
      goal: 'Select the hop where the destination is rewritten.',
      checks: 'The selected hop is the request’s DNAT; the walk is read for the ClusterIP.',
      check: (ctx) => {
        const svc = ctx.cluster.serviceByKey.get('default/web');
        const vip = svc?.clusterIPs[0];
        return [
          atHop(
            ctx,
            'The selected hop is the DNAT',
            (h) => h.kind === 'dnat' && h.direction === 'request',
          ),
          holds(
            'The ClusterIP never appears in the packet',
            !!ctx.trace &&
              !ctx.trace.hops.some((h) => h.packet.dstIP === vip || h.packet.srcIP === vip),
          ),
        ];
      },
      hints: ['It happens on node-2, where the packet came in.', 'Select the DNAT hop.'],
      showMe: [{ kind: 'hop', hop: 'dnat' }],
      takeaway:
        '192.168.1.12:30080 becomes 10.244.1.2:80 — nodePort to pod IP and targetPort in one rule chain (NODEPORTS → EXT → SVC → SEP).',
    },
    {
      id: 'snat',
      title: 'Who does web think is calling?',
      narration:
        'The pod is on node-1, so node-2 forwards the packet there. The reply must come back through node-2 to be un-DNATed — so node-2 rewrites the source too.',
      goal: 'Select the hop where the source address is rewritten.',
      checks: 'The selected hop is the request’s source NAT (MASQUERADE).',
      check: (ctx) => [
        atHop(
          ctx,
          'The selected hop is the masquerade',
          (h) => h.kind === 'snat' && h.direction === 'request',
        ),
      ],
      hints: ['It is in nat POSTROUTING on node-2.', 'Select the SNAT hop.'],
      showMe: [{ kind: 'hop', hop: 'snat' }],
      takeaway:
        'web sees node-2’s address, not the client’s: the cost of externalTrafficPolicy: Cluster.',
    },
    {
      id: 'local',
      title: 'Keep the client’s address',
      narration:
        'With `externalTrafficPolicy: Local` kube-proxy only sends outside traffic to pods on the node it arrived at, and does not masquerade it. A load balancer health-checks the nodes so it only uses nodes with a pod.',
      goal: 'Set the web Service’s externalTrafficPolicy to Local (select the Service) and send the same packet in at node-1, where web runs.',
      checks:
        'The Service’s externalTrafficPolicy, the entry node, and the source address web receives.',
      check: (ctx) => [
        holds(
          'default/web has externalTrafficPolicy: Local',
          ctx.cluster.serviceByKey.get('default/web')?.externalTrafficPolicy === 'Local',
        ),
        enteredAt(ctx, 'node-1'),
        verdictIs(ctx, 'delivered'),
        holds(
          `web sees the client’s own address ${CLIENT}`,
          lastRequest(ctx)?.packet.srcIP === CLIENT,
        ),
      ],
      hints: [
        'Click the web Service (the hexagon); its inspector has externalTrafficPolicy.',
        'Then walk again from 203.0.113.25 to 192.168.1.11:30080, entering at node-1.',
      ],
      showMe: [
        {
          kind: 'edit',
          label: 'externalTrafficPolicy → Local',
          edit: (s) =>
            updateService(s, 'default/web', (x) => ({
              ...x,
              spec: { ...x.spec, externalTrafficPolicy: 'Local' },
            })),
        },
        { kind: 'walk', walk: { from: CLIENT, to: '192.168.1.11', port: 30080, node: 'node-1' } },
      ],
      takeaway:
        'No masquerade: the pod sees 203.0.113.25. Entering at node-2 would now be dropped — try it.',
    },
  ],
  finish: 'Next: what happens when two address ranges overlap.',
} satisfies Lesson;
