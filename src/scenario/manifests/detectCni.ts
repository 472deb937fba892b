/**
 * Which CNI a dump of a real cluster runs, read off its objects when no ExplorerSettings names
 * one: Cilium leaves the kube-system/cilium-config ConfigMap, its agent DaemonSet and pods
 * (`k8s-app: cilium`) and CiliumNode objects. The first detector that finds its CNI decides, and
 * the import says so in a note.
 */
import type { CniMode, OtherObject, Pod, Workload } from '@/sim';

export interface DetectedCni {
  readonly mode: CniMode;
  readonly note: string;
}

interface Objects {
  readonly others: readonly OtherObject[];
  readonly pods: readonly Pod[];
  readonly workloads: readonly Workload[];
}

const inKubeSystem = (m: { namespace?: string } | undefined): boolean =>
  m?.namespace === 'kube-system';

function cilium(o: Objects): string | undefined {
  const cm = o.others.find(
    (x) =>
      x.kind === 'ConfigMap' && x.metadata?.name === 'cilium-config' && inKubeSystem(x.metadata),
  );
  if (cm) return 'ConfigMap kube-system/cilium-config';
  const pod = o.pods.find(
    (p) => inKubeSystem(p.metadata) && p.metadata.labels?.['k8s-app'] === 'cilium',
  );
  if (pod) return `pod kube-system/${pod.metadata.name} (k8s-app: cilium)`;
  const ds = [...o.workloads, ...o.others].find(
    (x) => x.kind === 'DaemonSet' && x.metadata?.name === 'cilium' && inKubeSystem(x.metadata),
  );
  if (ds) return 'DaemonSet kube-system/cilium';
  const cn = o.others.find((x) => x.kind === 'CiliumNode');
  if (cn) return `CiliumNode ${cn.metadata?.name ?? ''}`.trim();
  return undefined;
}

const DETECTORS: readonly {
  mode: CniMode;
  name: string;
  find: (o: Objects) => string | undefined;
}[] = [{ mode: 'cilium', name: 'Cilium', find: cilium }];

/** The CNI the objects show, with the note that says why. */
export function detectCni(o: Objects): DetectedCni | undefined {
  for (const d of DETECTORS) {
    const why = d.find(o);
    if (why)
      return {
        mode: d.mode,
        note: `The cluster runs ${d.name} (found ${why}): walks use ${d.name}'s datapath${d.mode === 'cilium' ? ', configured by ConfigMap kube-system/cilium-config (defaults where it is absent)' : ''}. Set ExplorerSettings cni.mode to choose another.`,
      };
  }
  return undefined;
}
