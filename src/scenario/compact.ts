/**
 * The compact form of a scenario that a share link carries: everything `restore` fills back in
 * is left out (the version, empty lists, default cluster settings, the `apiVersion`/`kind` each
 * list implies). `restore(compactScenario(s))` deep-equals `s`.
 */
import { DEFAULT_CLUSTER, type ClusterSettings, type Scenario } from '@/sim';

import { WORKLOAD_API_VERSION } from './workloadKinds';

type Json = Record<string, unknown>;

/** The apiVersion and kind every element of a scenario list has. */
const IMPLIED: Readonly<Record<string, readonly [string, string]>> = {
  namespaces: ['v1', 'Namespace'],
  nodes: ['v1', 'Node'],
  pods: ['v1', 'Pod'],
  services: ['v1', 'Service'],
  endpointSlices: ['discovery.k8s.io/v1', 'EndpointSlice'],
  networkPolicies: ['networking.k8s.io/v1', 'NetworkPolicy'],
};

const STRING_SETTINGS = ['podSubnet', 'serviceSubnet', 'dnsDomain'] as const;

function withoutKeys(obj: object, keys: readonly string[]): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) if (!keys.includes(k) && v !== undefined) out[k] = v;
  return out;
}

function compactCluster(c: ClusterSettings): Json | undefined {
  const out: Json = {};
  for (const [k, v] of Object.entries(c)) {
    if (v === undefined) continue;
    if ((STRING_SETTINGS as readonly string[]).includes(k)) {
      if (v !== DEFAULT_CLUSTER[k as (typeof STRING_SETTINGS)[number]]) out[k] = v;
    } else if (k === 'nodeNetwork') {
      if (JSON.stringify(v) !== JSON.stringify(DEFAULT_CLUSTER.nodeNetwork)) out[k] = v;
    } else if (k === 'cni') {
      const cni = withoutKeys(c.cni, c.cni.mode === DEFAULT_CLUSTER.cni.mode ? ['mode'] : []);
      if (Object.keys(cni).length > 0) out.cni = cni;
    } else if (k === 'kubeProxy') {
      const kp = withoutKeys(c.kubeProxy, ['mode']);
      if (Object.keys(kp).length > 0) out.kubeProxy = kp;
    } else out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The scenario without anything `restore` would fill back in (the version goes in the link). */
export function compactScenario(s: Scenario): Json {
  const out: Json = {};
  if (s.meta.name !== 'Untitled cluster' || s.meta.description !== undefined) out.meta = s.meta;
  const cluster = compactCluster(s.cluster);
  if (cluster) out.cluster = cluster;
  for (const key of Object.keys(IMPLIED)) {
    const list = s[key as keyof Scenario] as readonly Json[];
    const [apiVersion, kind] = IMPLIED[key] ?? ['', ''];
    if (list.length > 0)
      out[key] = list.map((o) =>
        withoutKeys(
          o,
          o.apiVersion === apiVersion && o.kind === kind ? ['apiVersion', 'kind'] : [],
        ),
      );
  }
  if (s.workloads.length > 0)
    out.workloads = s.workloads.map((w) =>
      withoutKeys(w, w.apiVersion === WORKLOAD_API_VERSION[w.kind] ? ['apiVersion'] : []),
    );
  if (s.others.length > 0) out.others = s.others;
  if (Object.keys(s.layout).length > 0) out.layout = s.layout;
  return out;
}
