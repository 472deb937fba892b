/** Small builders for unit tests: scenarios from terse descriptions. */
import type { Container, Node, Pod, Service } from '../model/k8s';
import {
  DEFAULT_CLUSTER,
  emptyScenario,
  type ClusterSettings,
  type Scenario,
} from '../model/scenario';

export function node(name: string, ip?: string, podCIDR?: string): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    ...(podCIDR ? { spec: { podCIDR } } : {}),
    ...(ip ? { status: { addresses: [{ type: 'InternalIP', address: ip }] } } : {}),
  };
}

export function pod(
  key: string,
  nodeName: string | undefined,
  opts: {
    labels?: Record<string, string>;
    ip?: string;
    ports?: number[];
    containers?: Container[];
    hostNetwork?: boolean;
    ready?: boolean;
  } = {},
): Pod {
  const [namespace = 'default', name = key] = key.includes('/') ? key.split('/') : ['default', key];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, ...(opts.labels ? { labels: opts.labels } : {}) },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      ...(opts.hostNetwork ? { hostNetwork: true } : {}),
      containers: opts.containers ?? [
        {
          name: 'app',
          ...(opts.ports ? { ports: opts.ports.map((p) => ({ containerPort: p })) } : {}),
        },
      ],
    },
    status: {
      phase: 'Running',
      ...(opts.ip ? { podIP: opts.ip } : {}),
      ...(opts.ready === false ? { conditions: [{ type: 'Ready', status: 'False' }] } : {}),
    },
  };
}

export function service(key: string, spec: Service['spec']): Service {
  const [namespace = 'default', name = key] = key.includes('/') ? key.split('/') : ['default', key];
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

export function scenario(
  parts: Omit<Partial<Scenario>, 'cluster'> & { cluster?: Partial<ClusterSettings> } = {},
): Scenario {
  const base = emptyScenario('test');
  return { ...base, ...parts, cluster: { ...DEFAULT_CLUSTER, ...(parts.cluster ?? {}) } };
}
