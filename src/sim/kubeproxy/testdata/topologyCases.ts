/**
 * The cases of kube-proxy's TestCategorizeEndpoints (testdata/topology-cases.json, a copy of
 * shared/fixtures/topology-cases.json) as scenarios: the case's node with its zone label, one node
 * per other endpoint (on the node its node hint names, else `<zone>-node`, else `remote-node`, as
 * shared/tools/topology_cases.py fills in), the Service and one EndpointSlice with the hints as
 * written.
 */
import type { Endpoint, Node } from '../../model/k8s';
import { DEFAULT_CLUSTER, emptyScenario, type Scenario } from '../../model/scenario';
import { ZONE_LABEL } from '../../model/topology';

export interface TopologyCase {
  readonly name: string;
  readonly nodeName: string;
  readonly nodeLabels: Readonly<Record<string, string>> | null;
  readonly service: {
    readonly name: string;
    readonly namespace: string;
    readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
    readonly clusterIP: string;
    readonly port: number;
    readonly targetPort: number;
    readonly portName: string;
    readonly protocol: 'TCP';
    readonly nodePort?: number;
    readonly internalTrafficPolicy: 'Cluster' | 'Local';
    readonly externalTrafficPolicy?: 'Cluster' | 'Local';
    readonly trafficDistribution?: string;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly endpoints: readonly {
    readonly ip: string;
    readonly ready: boolean;
    readonly serving: boolean;
    readonly terminating: boolean;
    readonly nodeName: string | null;
    readonly zone: string | null;
    readonly hints: { readonly forZones: readonly string[]; readonly forNodes: readonly string[] };
  }[];
  readonly expected: {
    readonly clusterEndpoints: readonly string[] | null;
    readonly localEndpoints: readonly string[] | null;
    readonly hasAnyEndpoints: boolean;
    readonly topologyMode: string | null;
  };
}

export function topologyScenario(c: TopologyCase): Scenario {
  const nodes = new Map<string, Node>();
  const addNode = (name: string, labels: Record<string, string>): void => {
    if (nodes.has(name)) return;
    nodes.set(name, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels },
      status: { addresses: [{ type: 'InternalIP', address: `192.168.0.${nodes.size + 2}` }] },
    });
  };
  addNode(c.nodeName, { ...(c.nodeLabels ?? {}) });
  for (const e of c.endpoints)
    if (e.nodeName) addNode(e.nodeName, e.zone ? { [ZONE_LABEL]: e.zone } : {});
  const s = c.service;
  const endpoints: Endpoint[] = c.endpoints.map((e) => ({
    addresses: [e.ip],
    conditions: { ready: e.ready, serving: e.serving, terminating: e.terminating },
    ...(e.nodeName ? { nodeName: e.nodeName } : {}),
    ...(e.zone ? { zone: e.zone } : {}),
    ...(e.hints.forZones.length || e.hints.forNodes.length
      ? {
          hints: {
            ...(e.hints.forZones.length
              ? { forZones: e.hints.forZones.map((name) => ({ name })) }
              : {}),
            ...(e.hints.forNodes.length
              ? { forNodes: e.hints.forNodes.map((name) => ({ name })) }
              : {}),
          },
        }
      : {}),
  }));
  return {
    ...emptyScenario(c.name),
    cluster: { ...DEFAULT_CLUSTER, podSubnet: '10.0.0.0/8', serviceSubnet: '172.30.0.0/16' },
    nodes: [...nodes.values()],
    services: [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: s.name,
          namespace: s.namespace,
          ...(s.annotations ? { annotations: s.annotations } : {}),
        },
        spec: {
          type: s.type,
          clusterIP: s.clusterIP,
          ports: [
            {
              name: s.portName,
              port: s.port,
              targetPort: s.targetPort,
              protocol: s.protocol,
              ...(s.nodePort ? { nodePort: s.nodePort === 8080 ? 30080 : s.nodePort } : {}),
            },
          ],
          internalTrafficPolicy: s.internalTrafficPolicy,
          ...(s.externalTrafficPolicy ? { externalTrafficPolicy: s.externalTrafficPolicy } : {}),
          ...(s.trafficDistribution ? { trafficDistribution: s.trafficDistribution } : {}),
        },
      },
    ],
    endpointSlices: [
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: `${s.name}-1`,
          namespace: s.namespace,
          labels: { 'kubernetes.io/service-name': s.name },
        },
        addressType: 'IPv4',
        endpoints,
        ports: endpoints.length
          ? [{ name: s.portName, port: s.targetPort, protocol: s.protocol }]
          : [],
      },
    ],
  };
}
