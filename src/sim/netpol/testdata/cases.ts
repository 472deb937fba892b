/**
 * Test support: the NetworkPolicy cases of reference/netpol.md §10 (netpol-cases.json, copied
 * here so CI needs only the repository) turned into Scenarios the way
 * shared/tools/netpol_cases.py turns them into manifests for the CLI.
 */
import { formatIp, parseIp } from '../../addr/ip';
import type { ContainerPort, NetworkPolicy, Protocol } from '../../model/k8s';
import { emptyScenario, type Scenario } from '../../model/scenario';
import type { Peer, PolicyProtocol } from '../types';

import rawCases from './netpol-cases.json';

export interface NetpolQuery {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: string;
  readonly expected: 'allow' | 'deny';
  readonly dependsOn?: string;
  readonly sourceRef?: string;
}

export interface NetpolCase {
  readonly id: string;
  readonly source: string;
  readonly namespaces: readonly {
    readonly name: string;
    readonly labels?: Readonly<Record<string, string>>;
  }[];
  readonly pods: readonly {
    readonly namespace: string;
    readonly name: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly ip?: string;
    readonly containerPorts?: readonly {
      readonly name: string | null;
      readonly port: number;
      readonly protocol?: string;
    }[];
  }[];
  readonly policies: readonly NetworkPolicy[];
  readonly queries: readonly NetpolQuery[];
  readonly notes?: string;
}

/** Every case of the fixture file, typed. */
export const NETPOL_CASES = rawCases as unknown as readonly NetpolCase[];

export const CASE_NODE_IP = '192.168.1.11';

/** The script's pod network: 10.244.0.0/16, or the smallest block covering the case's IPv4 pod IPs. */
export function caseNetwork(ips: readonly string[]): string {
  const v4 = ips
    .map((t) => parseIp(t))
    .flatMap((r) => (r.ok && r.value.family === 4 ? [r.value.n] : []));
  const inDefault = (n: bigint) => n >> 16n === (10n << 8n) + 244n;
  if (v4.length === 0 || v4.every(inDefault)) return '10.244.0.0/16';
  const lo = v4.reduce((a, b) => (b < a ? b : a));
  const hi = v4.reduce((a, b) => (b > a ? b : a));
  let plen = 32;
  while (lo >> BigInt(32 - plen) !== hi >> BigInt(32 - plen)) plen--;
  const net = (lo >> BigInt(32 - plen)) << BigInt(32 - plen);
  return `${formatIp({ family: 4, n: net })}/${plen}`;
}

const proto = (p: string | undefined): Protocol => (p ?? 'TCP').toUpperCase() as Protocol;

/**
 * One node "node-1" (InternalIP 192.168.1.11, podCIDR covering the pod IPs), the namespaces with
 * their labels, pods with explicit IPs and container ports (plus, like the script, an unnamed port
 * for every (port, protocol) a query sends to the pod), and the policies exactly as written.
 */
export function caseScenario(c: NetpolCase, opts: { ipBlockMatchesPods?: boolean } = {}): Scenario {
  const base = emptyScenario(c.id);
  const net = caseNetwork(c.pods.flatMap((p) => (p.ip ? [p.ip] : [])));
  const wanted = new Map<string, [number, Protocol][]>();
  for (const q of c.queries) {
    const list = wanted.get(q.to) ?? [];
    list.push([q.port, proto(q.protocol)]);
    wanted.set(q.to, list);
  }
  return {
    ...base,
    cluster: {
      ...base.cluster,
      podSubnet: net,
      serviceSubnet: '172.30.0.0/16',
      cni: {
        ...base.cluster.cni,
        ...(opts.ipBlockMatchesPods !== undefined
          ? { ipBlockMatchesPods: opts.ipBlockMatchesPods }
          : {}),
      },
    },
    nodes: [
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'node-1' },
        spec: { podCIDR: net },
        status: { addresses: [{ type: 'InternalIP', address: CASE_NODE_IP }] },
      },
    ],
    namespaces: c.namespaces.map((ns) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns.name,
        labels: { 'kubernetes.io/metadata.name': ns.name, ...(ns.labels ?? {}) },
      },
    })),
    pods: c.pods.map((p) => {
      const ports: ContainerPort[] = (p.containerPorts ?? []).map((cp) => ({
        ...(cp.name ? { name: cp.name } : {}),
        containerPort: cp.port,
        protocol: proto(cp.protocol),
      }));
      for (const [port, pr] of wanted.get(`${p.namespace}/${p.name}`) ?? [])
        if (!ports.some((x) => x.containerPort === port && x.protocol === pr))
          ports.push({ containerPort: port, protocol: pr });
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: p.name, namespace: p.namespace, labels: p.labels ?? {} },
        spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'server', ports }] },
        status: {
          phase: 'Running',
          ...(p.ip ? { podIP: p.ip, podIPs: [{ ip: p.ip }] } : {}),
          conditions: [{ type: 'Ready', status: 'True' }],
        },
      };
    }),
    networkPolicies: c.policies,
  };
}

/** A query's `from`/`to`: "ns/pod" or an IP address. */
export function refPeer(ref: string): Peer {
  return ref.includes('/') ? { kind: 'pod', key: ref } : { kind: 'ip', ip: ref };
}

/** A query's protocol, upper-cased. */
export const queryProtocol = (q: NetpolQuery): PolicyProtocol => proto(q.protocol);
