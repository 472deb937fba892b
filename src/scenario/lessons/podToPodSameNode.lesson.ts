import { podToPodSameNode } from '../presets/podToPodSameNode.scenario';

import { atHop, holds, lastRequest, verdictIs, walkFrom, walkTo } from './checks';
import type { Lesson } from './types';

/** Lesson 2: two pods on one node are joined by the bridge, at layer 2. */
export const podToPodSameNodeLesson = {
  id: 'pod-to-pod-same-node',
  title: '2 · Pod to pod on one node: the bridge',
  summary: 'Veth pairs and cni0: the node switches the frame, it does not route it.',
  minutes: 5,
  scenario: podToPodSameNode.scenario,
  steps: [
    {
      id: 'walk',
      title: 'Send a packet between two pods',
      narration:
        'Each pod has its own namespace, joined to the node by a veth pair: `eth0` inside the pod, a `veth…` port on the `cni0` bridge outside.',
      goal: 'Send a packet from pod default/client to pod default/web on port 80.',
      checks:
        'The walk’s source and destination pods, and that it is delivered (the port is not checked).',
      check: (ctx) => [
        walkFrom(ctx, 'default/client'),
        walkTo(ctx, 'pod', 'default/web'),
        verdictIs(ctx, 'delivered'),
      ],
      hints: [
        'Press Send packet and click the two pods, or type them in the toolbar.',
        'From: `pod/default/client` · To: `pod/default/web` · Port: `80`.',
      ],
      showMe: [
        { kind: 'walk', walk: { from: 'pod/default/client', to: 'pod/default/web', port: 80 } },
      ],
      takeaway: 'Delivered. Now look at the path it took.',
    },
    {
      id: 'bridge',
      title: 'The bridge switches it',
      narration:
        'The client sees 10.244.1.3 on its own /24, so it sends the frame straight to web’s MAC. The frame goes up client’s veth into cni0, which looks the MAC up in its forwarding table.',
      goal: 'Select the hop where cni0 forwards the frame to web’s veth.',
      checks: 'The selected hop: a request hop on the bridge whose next hop enters web’s eth0.',
      check: (ctx) => [
        atHop(
          ctx,
          'The selected hop is cni0 forwarding to web’s veth',
          (h, i) =>
            h.kind === 'bridge' &&
            h.direction === 'request' &&
            ctx.trace?.hops[i + 1]?.at === 'pod:default/web/eth0',
        ),
      ],
      hints: [
        'Step through the request hops with the arrow keys; watch the marker on the graph.',
        'It is the BRIDGE hop of the request, just before the veth into web.',
      ],
      showMe: [{ kind: 'hop', hop: 'bridge', direction: 'request', nth: 0 }],
      takeaway: 'A bridge forwards by MAC address: layer 2, no route lookup on the node.',
    },
    {
      id: 'ttl',
      title: 'Was it routed?',
      narration:
        'Every router on the way lowers the TTL by one. Compare the TTL the client sent with the one web receives.',
      goal: 'Select the hop where web receives the packet.',
      checks: 'The selected hop is the delivery to web; the TTL there is read off the walk.',
      check: (ctx) => [
        atHop(
          ctx,
          'The selected hop delivers to web',
          (h) => h.kind === 'deliver' && h.direction === 'request',
        ),
        holds(
          'The TTL web receives is still 64: nothing routed it',
          lastRequest(ctx)?.packet.ttl === 64,
        ),
      ],
      hints: ['The last hop before the “Reply” divider.', 'Select the DELIVER hop of the request.'],
      showMe: [{ kind: 'hop', hop: 'deliver', direction: 'request' }],
      takeaway:
        'TTL 64 in, 64 out: same-node pod traffic never touches the node’s routing table or eth0.',
    },
  ],
  finish: 'Next: pods on different nodes, where the node’s routes take over.',
} satisfies Lesson;
