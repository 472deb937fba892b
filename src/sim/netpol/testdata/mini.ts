/** Test support: small clusters written in a few lines, for table-driven NetworkPolicy tests. */
import { deriveCluster } from '../../derive/cluster';
import type { Cluster } from '../../derive/types';
import type { ContainerPort, NetworkPolicy } from '../../model/k8s';
import { emptyScenario, type Scenario } from '../../model/scenario';

export interface MiniPod {
  /** "ns/name" */
  readonly key: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly ip?: string;
  /** Default node-1. */
  readonly node?: string;
  readonly ports?: readonly ContainerPort[];
  readonly hostNetwork?: boolean;
}

export interface MiniSpec {
  /** Namespace name → extra labels (kubernetes.io/metadata.name is added by derivation). */
  readonly namespaces?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly pods: readonly MiniPod[];
  readonly policies?: readonly NetworkPolicy[];
  readonly ipBlockMatchesPods?: boolean;
}

/** Two nodes: node-1 (192.168.1.11, pods 10.244.1.0/24) and node-2 (192.168.1.12, 10.244.2.0/24). */
export function miniScenario(spec: MiniSpec): Scenario {
  const base = emptyScenario('netpol test');
  const node = (name: string, ip: string, cidr: string) =>
    ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name },
      spec: { podCIDR: cidr },
      status: { addresses: [{ type: 'InternalIP', address: ip }] },
    }) as const;
  return {
    ...base,
    cluster: {
      ...base.cluster,
      cni: {
        ...base.cluster.cni,
        ...(spec.ipBlockMatchesPods !== undefined
          ? { ipBlockMatchesPods: spec.ipBlockMatchesPods }
          : {}),
      },
    },
    nodes: [
      node('node-1', '192.168.1.11', '10.244.1.0/24'),
      node('node-2', '192.168.1.12', '10.244.2.0/24'),
    ],
    namespaces: Object.entries(spec.namespaces ?? {}).map(([name, labels]) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels },
    })),
    pods: spec.pods.map((p) => {
      const [namespace = 'default', name = p.key] = p.key.split('/');
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace, labels: p.labels ?? {} },
        spec: {
          nodeName: p.node ?? 'node-1',
          ...(p.hostNetwork ? { hostNetwork: true } : {}),
          containers: [{ name: 'c', ...(p.ports ? { ports: p.ports } : {}) }],
        },
        ...(p.ip ? { status: { podIP: p.ip } } : {}),
      };
    }),
    networkPolicies: spec.policies ?? [],
  };
}

/** miniScenario, derived. */
export const miniCluster = (spec: MiniSpec): Cluster => deriveCluster(miniScenario(spec));

/** A NetworkPolicy "ns/name" with the given spec (written raw, before API defaulting). */
export function np(key: string, spec: NetworkPolicy['spec']): NetworkPolicy {
  const [namespace = 'default', name = key] = key.split('/');
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec,
  };
}
