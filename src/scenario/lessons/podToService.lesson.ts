import { DEFAULT_SCENARIO } from '@/sim';

import { atHop, holds, verdictIs, walkFrom, walkTo } from './checks';
import type { Lesson } from './types';

/** Lesson 4: a ClusterIP is only rules: kube-proxy's DNAT picks an endpoint, conntrack undoes it. */
export const podToServiceLesson = {
  id: 'pod-to-service',
  title: '4 · Pod to Service: kube-proxy and DNAT',
  summary: 'A ClusterIP lives on no interface: iptables rules rewrite the destination to a pod.',
  minutes: 7,
  scenario: DEFAULT_SCENARIO,
  steps: [
    {
      id: 'walk',
      title: 'Send a packet to a Service',
      narration:
        'The frontend Service (namespace shop) has a ClusterIP and two pods behind it, one on each node. The client talks to the Service, not to a pod.',
      goal: 'Send a packet from pod default/client to the Service shop/frontend on port 80.',
      checks:
        'The walk’s source pod, that its destination is the Service (by name, ref or ClusterIP), and that it is delivered.',
      check: (ctx) => [
        walkFrom(ctx, 'default/client'),
        walkTo(ctx, 'svc', 'shop/frontend'),
        verdictIs(ctx, 'delivered'),
      ],
      hints: [
        'A Service ref looks like `svc/NAMESPACE/NAME`.',
        'From `pod/default/client` · To `svc/shop/frontend` · Port `80`, then Walk.',
      ],
      showMe: [
        { kind: 'walk', walk: { from: 'pod/default/client', to: 'svc/shop/frontend', port: 80 } },
      ],
      takeaway: 'Delivered — to a pod, on port 8080. Something changed the destination on the way.',
    },
    {
      id: 'dnat',
      title: 'Where does the destination change?',
      narration:
        'The packet leaves the client addressed to the ClusterIP. Find the hop where the destination address becomes a pod’s.',
      goal: 'Select the hop where the destination address is rewritten.',
      checks: 'The selected hop rewrites the destination (a DNAT hop of the request).',
      check: (ctx) => [
        atHop(
          ctx,
          'The selected hop rewrites the destination (DNAT)',
          (h) => h.kind === 'dnat' && h.direction === 'request',
        ),
      ],
      hints: [
        'Watch the “dst” field of each hop: changed fields are highlighted.',
        'It happens on node-1, in iptables — kube-proxy’s KUBE-SEP rule.',
      ],
      showMe: [{ kind: 'hop', hop: 'dnat' }],
      takeaway:
        'The kernel’s nat table did it, on the client’s own node, with a rule kube-proxy wrote. kube-proxy itself never touches the packet.',
    },
    {
      id: 'endpoint',
      title: 'Follow the other endpoint',
      narration:
        'KUBE-SVC-… chose one endpoint at random (`-m statistic --probability 0.5`). Both pods are candidates — the one on the client’s own node is not preferred.',
      goal: 'Make the walk follow the frontend pod on node-2 (click its address in the endpoints line).',
      checks: 'The endpoint the walk follows: the frontend pod on node-2.',
      check: (ctx) => {
        const pod = ctx.cluster.podByKey.get('shop/frontend-2');
        return [
          holds(
            'The walk follows shop/frontend-2 (node-2)',
            !!pod && ctx.trace?.chosen?.startsWith(`${pod.ips[0] ?? '-'}:`) === true,
          ),
          verdictIs(ctx, 'delivered'),
        ];
      },
      hints: [
        'Under the verdict, “kube-proxy endpoints” lists each candidate with its probability.',
        'Click 10.244.2.2:8080.',
      ],
      showMe: [
        {
          kind: 'walk',
          walk: {
            from: 'pod/default/client',
            to: 'svc/shop/frontend',
            port: 80,
            endpoint: '10.244.2.2:8080',
          },
        },
      ],
      takeaway: 'Same DNAT, then ordinary pod-to-pod routing to node-2.',
    },
    {
      id: 'unnat',
      title: 'The way back',
      narration:
        'The reply leaves frontend-2 from its pod address. Yet the client only ever talks to the ClusterIP — something must rewrite the reply.',
      goal: 'Select the reply hop where the source becomes the ClusterIP again.',
      checks: 'The selected hop is a reply hop that undoes the NAT.',
      check: (ctx) => [
        atHop(
          ctx,
          'The selected hop is the reply’s un-DNAT',
          (h) => h.kind === 'unnat' && h.direction === 'reply',
        ),
      ],
      hints: ['Look after the “Reply” divider.', 'It is the UN-NAT hop, back on node-1.'],
      showMe: [{ kind: 'hop', hop: 'unnat', direction: 'reply' }],
      takeaway:
        'conntrack remembered the translation: replies skip the nat rules and are rewritten from the connection entry.',
    },
  ],
  finish: 'Next: traffic from outside the cluster through a NodePort.',
} satisfies Lesson;
