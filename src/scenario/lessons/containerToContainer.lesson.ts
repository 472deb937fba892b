import { containerToContainer } from '../presets/containerToContainer.scenario';

import { atHop, holds, verdictIs, walkFrom, walkToAddress } from './checks';
import type { Lesson } from './types';

/** Lesson 1: containers of one pod share its network namespace. */
export const containerToContainerLesson = {
  id: 'container-to-container',
  title: '1 · Container to container: one network namespace',
  summary: 'Two containers of a pod talk over localhost: no veth, no bridge, no iptables.',
  minutes: 4,
  scenario: containerToContainer.scenario,
  steps: [
    {
      id: 'walk',
      title: 'Talk over localhost',
      narration:
        'The pod `demo/web` runs nginx (port 80) and a log agent. Containers of a pod are not separate machines: they share one network namespace — one `eth0`, one IP, one `lo`.',
      goal: 'Send a packet from the log-agent container to 127.0.0.1 port 80.',
      checks:
        'The walk’s source pod, its destination address and port, and that it is delivered. It does not check which tool you used to start it.',
      check: (ctx) => [
        walkFrom(ctx, 'demo/web'),
        walkToAddress(ctx, '127.0.0.1', 80),
        verdictIs(ctx, 'delivered'),
      ],
      hints: [
        'Use the toolbar: “from” is the pod (a 4th part names the container), “to” is 127.0.0.1, port 80, then Walk.',
        'From: `pod/demo/web/log-agent` · To: `127.0.0.1` · Port: `80`.',
      ],
      showMe: [
        { kind: 'walk', walk: { from: 'pod/demo/web/log-agent', to: '127.0.0.1', port: 80 } },
      ],
      takeaway:
        'Delivered, and nginx sees the connection come from 127.0.0.1: the same host, as far as the kernel knows.',
    },
    {
      id: 'loopback',
      title: 'Which device carried it?',
      narration:
        'Look at the hops. A packet between two pods crosses a veth pair and the cni0 bridge; this one never leaves the namespace.',
      goal: 'Select the hop where the packet goes from one container to the other.',
      checks:
        'The hop you have selected in the walk (its kind), and that no hop of this walk crosses a veth.',
      check: (ctx) => [
        atHop(ctx, 'The selected hop is the loopback device (lo)', (h) => h.kind === 'loopback'),
        holds(
          'No hop leaves the pod (no veth)',
          !!ctx.trace && !ctx.trace.hops.some((h) => h.kind === 'veth'),
        ),
      ],
      hints: [
        'Click the hops in the walk panel, or move through them with the arrow keys.',
        'It is the hop labelled LO.',
      ],
      showMe: [{ kind: 'hop', hop: 'loopback' }],
      takeaway:
        'Only `lo`: localhost inside the pod’s namespace. The flip side is one port space — two containers of a pod cannot both listen on :80.',
    },
    {
      id: 'one-ip',
      title: 'One IP for the whole pod',
      narration:
        'Because the namespace is shared, the pod has exactly one address, whatever the number of containers.',
      goal: 'Select the log-agent container on the graph (or in the element list) and read its pod’s IP.',
      checks: 'What is selected: the pod demo/web or one of its containers.',
      check: (ctx) => [
        holds(
          'Pod demo/web (or a container of it) is selected',
          !!ctx.selection?.startsWith('pod:demo/web'),
        ),
      ],
      hints: [
        'Click inside the web pod’s box on the graph.',
        'The element list on the left has it as “web”.',
      ],
      showMe: [
        { kind: 'select', id: 'pod:demo/web/c/log-agent' },
        { kind: 'panel', panel: 'inspector' },
      ],
      takeaway: 'One Pod IP, one eth0, one MAC — listed once for both containers.',
    },
  ],
  finish: 'Next: two pods on one node, where a veth pair and the cni0 bridge appear.',
} satisfies Lesson;
