/** Which graph elements a diagnostic is about (for outlining them on the graph). */
import { ids, type Cluster, type Diagnostic } from '@/sim';

export function elementsOf(cluster: Cluster, d: Diagnostic): string[] {
  const out: string[] = [];
  for (const ref of d.objects) {
    const [kind, a, b] = ref.split('/');
    if (kind === 'node' && a) out.push(ids.node(a));
    else if (kind === 'pod' && a && b) out.push(ids.pod(`${a}/${b}`));
    else if (kind === 'svc' && a && b) out.push(ids.service(`${a}/${b}`));
  }
  if (out.length === 0 && d.field) {
    if (d.field.startsWith('cluster.serviceSubnet')) out.push(...cluster.services.map((s) => s.id));
    else if (d.field.startsWith('cluster.nodeNetwork')) {
      const i = /^cluster\.nodeNetwork\[(\d+)\]/.exec(d.field)?.[1];
      const subnets = cluster.subnets.filter((s) => s.index !== undefined);
      out.push(
        ...(i !== undefined ? subnets.filter((s) => s.index === Number(i)) : subnets).map(
          (s) => s.id,
        ),
      );
    } else if (
      d.field.startsWith('cluster.podSubnet') ||
      d.field.startsWith('cluster.nodeCIDRMaskSize')
    )
      out.push(...cluster.nodes.map((n) => n.id));
  }
  return out;
}
