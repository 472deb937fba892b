/**
 * A scenario → Kubernetes manifests that import back without loss: the settings as
 * ExplorerSettings + kubeadm ClusterConfiguration + KubeProxyConfiguration documents, then
 * Namespaces, Nodes, Pods, workloads, Services, the EndpointSlices given explicitly (derived
 * ones are not written), NetworkPolicies and the objects kept verbatim.
 */
import type { Scenario } from '@/sim';
import { stringify } from 'yaml';

import { scenarioSchema } from '../schema';

import { configDocuments } from './settings';
import type { Json } from './types';

/** apiVersion, kind and metadata first, as kubectl prints objects. */
function ordered(o: object): Json {
  const src = o as Json;
  const out: Json = {};
  for (const k of ['apiVersion', 'kind', 'metadata']) if (src[k] !== undefined) out[k] = src[k];
  for (const [k, v] of Object.entries(src)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

/** Fields in the order the API (and kubectl) writes them, so an export is stable. */
function canonical(s: Scenario): Scenario {
  const r = scenarioSchema.safeParse(s);
  return r.success ? (r.data as Scenario) : s;
}

/** Every document of the export, in order. */
export function manifestDocuments(scenario: Scenario): Json[] {
  const s = canonical(scenario);
  return [
    ...configDocuments(s.cluster, s.meta, s.nodes.length > 0, s.layout),
    ...[
      ...s.namespaces,
      ...s.nodes,
      ...s.pods,
      ...s.workloads,
      ...s.services,
      ...s.endpointSlices,
      ...s.networkPolicies,
      ...s.others,
    ].map(ordered),
  ];
}

/**
 * The scenario as Kubernetes manifests: multi-document YAML, or a `v1 List` in JSON (as
 * `kubectl get -o json` prints). `importManifests` reads either back to the same scenario.
 */
export function exportManifests(scenario: Scenario, format: 'yaml' | 'json'): string {
  const docs = manifestDocuments(scenario);
  if (format === 'json')
    return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs }, null, 2)}\n`;
  // YAML 1.1 quoting, so that kubectl (which reads YAML 1.1) keeps "yes", "on", "0755" as strings.
  return docs.map((d) => stringify(d, { version: '1.1', lineWidth: 0 })).join('---\n');
}
