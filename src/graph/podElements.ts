/** One pod on the graph: its box (or its compact row), eth0, the veth to its node, pause, containers. */
import type { ElementDefinition } from 'cytoscape';

import { ids, type DerivedPod } from '@/sim';

import { CY_CLASS, KIND } from './keys';
import { POD_W, CONTAINER_H } from './layout';

export function addPod(
  pod: DerivedPod,
  parent: string | undefined,
  color: string,
  leaf: (id: string, data: Record<string, unknown>, classes?: string) => void,
  edge: (id: string, s: string, t: string, data: Record<string, unknown>, classes?: string) => void,
  els: ElementDefinition[],
  compact: boolean,
): void {
  const pid = ids.pod(pod.key);
  if (compact) {
    // Large clusters: one box per pod (containers and eth0 are in the inspector), so the graph stays fast.
    leaf(
      pid,
      {
        ...(parent ? { parent } : {}),
        kind: KIND.pod,
        color,
        namespace: pod.namespace,
        w: POD_W,
        h: 30,
        label: `${pod.name} ${pod.ips[0] ?? ''}`,
      },
      `compact ${pod.hostNetwork ? CY_CLASS.hostNetwork : ''} ${pod.ready ? '' : CY_CLASS.notReady}`,
    );
    if (parent && pod.vethHost) {
      leaf(ids.vethPort(pod.key), { parent, kind: KIND.bridgePort, label: '' });
      edge(ids.veth(pod.key), pid, ids.vethPort(pod.key), { kind: KIND.veth, label: '' });
    }
    return;
  }
  const classes = [
    pod.hostNetwork ? CY_CLASS.hostNetwork : '',
    pod.ready ? '' : CY_CLASS.notReady,
    pod.nodeMissing ? CY_CLASS.error : '',
  ]
    .filter(Boolean)
    .join(' ');
  els.push({
    group: 'nodes',
    data: {
      id: pid,
      ...(parent ? { parent } : {}),
      kind: KIND.pod,
      color,
      namespace: pod.namespace,
      label: `${pod.namespace}/${pod.name}\n${pod.hostNetwork ? `hostNetwork · ${pod.ips[0] ?? ''}` : pod.ips.join(', ') || 'no IP'}`,
    },
    classes,
  });
  if (!pod.hostNetwork && pod.eth0) {
    leaf(ids.podEth0(pod.key), { parent: pid, kind: KIND.podEth0, color, label: 'eth0' });
    if (parent && pod.vethHost) {
      leaf(ids.vethPort(pod.key), { parent, kind: KIND.bridgePort, label: '' });
      edge(ids.veth(pod.key), ids.podEth0(pod.key), ids.vethPort(pod.key), {
        kind: KIND.veth,
        label: pod.vethHost.name,
      });
    }
  }
  leaf(ids.pause(pod.key), { parent: pid, kind: KIND.pause, label: 'pause' });
  for (const c of pod.containers) {
    const ports = pod.ports
      .filter((p) => p.container === c.name)
      .map((p) => `${p.port}${p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`);
    leaf(ids.container(pod.key, c.name), {
      parent: pid,
      kind: KIND.container,
      color,
      w: POD_W - 28,
      h: CONTAINER_H,
      label: `${c.name}${ports.length ? ` :${ports.join(',')}` : ''}`,
    });
  }
  if (pod.containers.length === 0)
    leaf(`pod:${pod.key}/c/_`, {
      parent: pid,
      kind: KIND.container,
      color,
      label: '(no containers)',
    });
}
