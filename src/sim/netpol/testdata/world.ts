/**
 * Test support: one small cluster for the table-driven edge-case tests, and a row format.
 * Refs: "ns/pod" = a pod, "node:NAME" = a node, anything else = an IP address.
 */
import { describe, expect, it } from 'vitest';

import type { Cluster } from '../../derive/types';
import type { LabelSelector, NetworkPolicy } from '../../model/k8s';
import { evaluateConnection } from '../evaluate';
import type { Peer, PolicyProtocol } from '../types';

import { miniCluster, np, type MiniPod } from './mini';

export const PODS: readonly MiniPod[] = [
  {
    key: 'shop/web',
    labels: { app: 'web' },
    ip: '10.244.1.10',
    ports: [
      { name: 'http', containerPort: 80 },
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
    ],
  },
  {
    key: 'shop/db',
    labels: { app: 'db' },
    ip: '10.244.1.11',
    ports: [{ name: 'http', containerPort: 8080 }],
  },
  { key: 'shop/client', labels: { app: 'client' }, ip: '10.244.2.10', node: 'node-2' },
  { key: 'other/client', labels: { app: 'client' }, ip: '10.244.2.11', node: 'node-2' },
  { key: 'ext/x', ip: '10.244.2.12', node: 'node-2' },
  { key: 'kube-system/agent', labels: { app: 'agent' }, hostNetwork: true },
  { key: 'kube-system/agent2', labels: { app: 'agent' }, node: 'node-2', hostNetwork: true },
];
export const NAMESPACES = { shop: { team: 'a' }, other: { team: 'b' }, ext: {}, 'kube-system': {} };

/** The world with these policies. */
export const world = (policies: readonly NetworkPolicy[], ipBlockMatchesPods?: boolean): Cluster =>
  miniCluster({
    namespaces: NAMESPACES,
    pods: PODS,
    policies,
    ...(ipBlockMatchesPods !== undefined ? { ipBlockMatchesPods } : {}),
  });

/** "ns/pod", "node:NAME" or an IP. */
export function ref(text: string): Peer {
  if (text.startsWith('node:')) return { kind: 'node', name: text.slice(5) };
  return text.includes('/') ? { kind: 'pod', key: text } : { kind: 'ip', ip: text };
}

export const web = { matchLabels: { app: 'web' } };
export const client = { matchLabels: { app: 'client' } };
export const denyAll = np('shop/deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
type Ingress = NonNullable<NetworkPolicy['spec']['ingress']>[number];
type Egress = NonNullable<NetworkPolicy['spec']['egress']>[number];

/** shop/in: ingress to `podSelector` (default app=web) with this one rule. */
export const inFrom = (rule: Ingress, podSelector: LabelSelector = web): NetworkPolicy =>
  np('shop/in', { podSelector, ingress: [rule] });
/** shop/eg: egress-only policy for app=web with this one rule. */
export const egTo = (rule: Egress): NetworkPolicy =>
  np('shop/eg', { podSelector: web, policyTypes: ['Egress'], egress: [rule] });

export interface Row {
  readonly name: string;
  readonly allow: boolean;
  readonly policies: readonly NetworkPolicy[];
  readonly from: string;
  readonly to: string;
  /** "TCP 80" (default), "UDP 53", "ICMP". */
  readonly traffic: string;
  readonly ipBlockMatchesPods?: boolean;
}

/** A row: the connection `from` → `to` with `traffic` is allowed ('allow') or not ('deny'). */
export function t(
  name: string,
  verdict: 'allow' | 'deny',
  policies: NetworkPolicy | readonly NetworkPolicy[],
  from: string,
  to: string,
  traffic = 'TCP 80',
  ipBlockMatchesPods?: boolean,
): Row {
  return {
    name,
    allow: verdict === 'allow',
    policies: Array.isArray(policies) ? policies : [policies as NetworkPolicy],
    from,
    to,
    traffic,
    ...(ipBlockMatchesPods !== undefined ? { ipBlockMatchesPods } : {}),
  };
}

/** "TCP 80" → [80, 'TCP']. */
export function traffic(text: string): [number | undefined, PolicyProtocol] {
  const [protocol = 'TCP', port] = text.split(' ');
  return [port !== undefined ? Number(port) : undefined, protocol as PolicyProtocol];
}

/** Runs the rows as one Vitest test each. */
export function runRows(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    it.each(rows)('$name', (row) => {
      const cluster = world(row.policies, row.ipBlockMatchesPods);
      const [port, protocol] = traffic(row.traffic);
      const v = evaluateConnection(cluster, ref(row.from), ref(row.to), port, protocol);
      expect(v.allowed, v.reason).toBe(row.allow);
    });
  });
}
