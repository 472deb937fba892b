import { updateCluster } from '@/sim';

import { podToPodRoutes } from '../presets/podToPodRoutes.scenario';

import { atHop, holds, lastRequest, verdictIs, walkFrom, walkTo } from './checks';
import type { Lesson } from './types';

/** Lesson 3: across nodes the node routes the packet — by plain routes or through an overlay. */
export const podToPodAcrossNodesLesson = {
  id: 'pod-to-pod-across-nodes',
  title: '3 · Pod to pod across nodes: routes and overlays',
  summary: 'Each node owns a pod range; a route (or a VXLAN tunnel) reaches the others. No NAT.',
  minutes: 7,
  scenario: podToPodRoutes.scenario,
  steps: [
    {
      id: 'walk',
      title: 'Cross to the other node',
      narration:
        'node-1 owns 10.244.1.0/24 and node-2 owns 10.244.2.0/24. The client is on node-1, web on node-2.',
      goal: 'Send a packet from pod default/client to pod default/web.',
      checks: 'The walk’s source and destination pods, and that it is delivered.',
      check: (ctx) => [
        walkFrom(ctx, 'default/client'),
        walkTo(ctx, 'pod', 'default/web'),
        verdictIs(ctx, 'delivered'),
      ],
      hints: [
        'Use Send packet, or type the pods in the toolbar.',
        'From `pod/default/client` to `pod/default/web`, port 80.',
      ],
      showMe: [
        { kind: 'walk', walk: { from: 'pod/default/client', to: 'pod/default/web', port: 80 } },
      ],
      takeaway: 'This time the packet leaves the bridge and goes up into the node.',
    },
    {
      id: 'route',
      title: 'The route to the other node',
      narration:
        'cni0 hands the packet to node-1’s routing table. The CNI (host-gw style) added one route per other node: its pod range via its address.',
      goal: 'Select node-1’s route lookup that sends the packet to node-2.',
      checks:
        'The selected hop: a route lookup on node-1 whose matching line goes via node-2’s address 192.168.1.12.',
      check: (ctx) => [
        atHop(
          ctx,
          'The selected hop is node-1’s route via 192.168.1.12',
          (h) =>
            h.kind === 'route' &&
            h.at === 'node:node-1/routes' &&
            !!h.rule?.text.includes('via 192.168.1.12'),
        ),
      ],
      hints: [
        'It is a ROUTE hop on node-1, after the bridge.',
        'Its rule reads `10.244.2.0/24 via 192.168.1.12 dev eth0`.',
      ],
      showMe: [{ kind: 'hop', hop: 'route', direction: 'request', at: 'node:node-1/routes' }],
      takeaway:
        'A plain static route: the node network must carry pod addresses between the nodes.',
    },
    {
      id: 'no-nat',
      title: 'Is it NATed?',
      narration:
        'A common belief: traffic between nodes is NATed to the node’s address. Check what web sees.',
      goal: 'Select the hop where web receives the packet and read its source address.',
      checks: 'The selected hop is the delivery; the source address there is read off the walk.',
      check: (ctx) => [
        atHop(
          ctx,
          'The selected hop delivers to web',
          (h) => h.kind === 'deliver' && h.direction === 'request',
        ),
        holds(
          'web sees the client pod’s own address 10.244.1.2',
          lastRequest(ctx)?.packet.srcIP === '10.244.1.2',
        ),
      ],
      hints: ['The DELIVER hop, just before the reply.'],
      showMe: [{ kind: 'hop', hop: 'deliver', direction: 'request' }],
      takeaway:
        'No NAT: Kubernetes’ network model says every pod reaches every pod with its own IP.',
    },
    {
      id: 'vxlan',
      title: 'Now through an overlay',
      narration:
        'When the node network cannot carry pod addresses, a VXLAN overlay wraps each packet in a UDP packet from node to node (flannel: `flannel.1`, VNI 1, port 8472). The walk re-runs when you change the mode.',
      goal: 'In the Network tab, set the CNI mode to VXLAN, then select the hop where the packet is wrapped.',
      checks: 'The cluster’s CNI mode, and the selected hop (an encapsulation).',
      check: (ctx) => [
        holds('The CNI mode is VXLAN', ctx.scenario.cluster.cni.mode === 'vxlan'),
        atHop(ctx, 'The selected hop wraps the packet (encap)', (h) => h.kind === 'encap'),
      ],
      hints: [
        'Open the Network tab on the right; the CNI mode is a choice there.',
        'Then go back to the Packet walk tab and find the ENCAP hop at flannel.1.',
      ],
      showMe: [
        {
          kind: 'edit',
          label: 'CNI mode → vxlan',
          edit: (s) => updateCluster(s, { cni: { ...s.cluster.cni, mode: 'vxlan' } }),
        },
        { kind: 'panel', panel: 'trace' },
        { kind: 'hop', hop: 'encap' },
      ],
      takeaway:
        'The inner packet is untouched — pod to pod — inside an outer header node-1 → node-2, UDP 8472. The 50 bytes of headers are why pod MTUs are 1450.',
    },
  ],
  finish: 'Next: a Service, where kube-proxy’s rules rewrite the destination.',
} satisfies Lesson;
