/**
 * The chained `portmap` plugin's ADD (containernetworking/plugins `plugins/meta/portmap`): it passes
 * the previous result through and, only for containers that ask for a hostPort, DNATs the node's
 * port to the pod (CNI-HOSTPORT-DNAT, jumped to from PREROUTING and OUTPUT for local addresses;
 * reference/learning.md §4). flannel's and Calico's conflists both chain it.
 */
import { ids } from '../model/ids';

import { birthStep } from './step';
import type { BirthContext, BirthStep } from './types';

/** The portmap step after `after` (the plugin it is chained behind). */
export function portmapStep(ctx: BirthContext, after: string): BirthStep {
  const hostPorts = ctx.pod.containers.flatMap((c) =>
    (c.ports ?? []).filter((p) => p.hostPort).map((p) => ({ ...p, container: c.name })),
  );
  const base = { id: 'portmap', actor: 'plugin' as const, actorName: 'portmap plugin' };
  if (hostPorts.length === 0)
    return birthStep({
      ...base,
      title: 'portmap: no hostPort, nothing to do',
      explain:
        'The chained portmap plugin passes the result through unchanged; it only adds rules for containers that ask for a hostPort.',
      commands: [],
      skipped: 'no hostPort',
    });
  return birthStep({
    ...base,
    title: `portmap: hostPort ${hostPorts.map((p) => p.hostPort).join(', ')}`,
    explain: `Chained after ${after}, portmap DNATs the node's port to the pod (CNI-HOSTPORT-DNAT, jumped to from PREROUTING and OUTPUT for local addresses). The explorer's walks do not follow hostPorts yet.`,
    commands: hostPorts.map(
      (p) =>
        `iptables -t nat -A CNI-DN-… -p ${(p.protocol ?? 'TCP').toLowerCase()} --dport ${p.hostPort} -j DNAT --to-destination ${ctx.pod.ips[0] ?? ''}:${p.containerPort}`,
    ),
    touches: [ids.nodeNetfilter(ctx.node.name)],
  });
}
