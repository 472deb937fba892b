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

const problemsMemo = new WeakMap<readonly Diagnostic[], Map<string, Problems>>();
interface Problems {
  errors: number;
  warnings: number;
}

/** Diagnostics per Kubernetes node: about the node itself or a pod on it (overview badges). */
export function nodeProblems(
  cluster: Cluster,
  list: readonly Diagnostic[],
): ReadonlyMap<string, Problems> {
  const hit = problemsMemo.get(list);
  if (hit) return hit;
  const out = new Map<string, Problems>();
  for (const d of list) {
    const nodes = new Set<string>();
    for (const ref of d.objects) {
      const [kind, a, b] = ref.split('/');
      if (kind === 'node' && a) nodes.add(a);
      const pod = kind === 'pod' && a && b ? cluster.podByKey.get(`${a}/${b}`) : undefined;
      if (pod?.nodeName) nodes.add(pod.nodeName);
    }
    for (const n of nodes) {
      const p = out.get(n) ?? { errors: 0, warnings: 0 };
      if (d.severity === 'error') p.errors++;
      else p.warnings++;
      out.set(n, p);
    }
  }
  problemsMemo.set(list, out);
  return out;
}
