/**
 * Kubernetes manifests → a scenario (DESIGN.md §2, §5): multi-document YAML, JSON, `v1 List`s,
 * kubeadm ClusterConfiguration and KubeProxyConfiguration (as documents or as the kube-system
 * ConfigMaps holding them) for the cluster settings; what they leave out of the address plan is
 * inferred from the objects. Objects without a namespace belong to `default` (left absent, as the
 * model reads absent). Input with no Node objects runs on the default cluster's nodes and address
 * plan, and says so.
 */
import {
  DEFAULT_SCENARIO,
  SCENARIO_VERSION,
  err,
  ok,
  type ClusterSettings,
  type Node,
  type Result,
  type Scenario,
} from '@/sim';

import { configFromConfigMap } from './configMaps';
import { detectCni } from './detectCni';
import { defaultDns, nodesFor } from './defaultNodes';
import { readDocuments } from './documents';
import { inferAddressPlan } from './infer';
import { convertObject, type Bucket, type Converted } from './objects';
import { managedWorkloads } from './owners';
import { configKindOf, configuredCluster, type ConfigDocs, type ConfigKind } from './settings';
import {
  errorAt,
  isJsonObject,
  type ImportError,
  type ImportOptions,
  type ImportResult,
  type SourceObject,
} from './types';

/** Inputs longer than this are refused (a whole cluster dump is a few MB). */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;

type Lists = Record<Bucket, Converted[]>;

const emptyLists = (): Lists => ({
  namespaces: [],
  nodes: [],
  pods: [],
  workloads: [],
  services: [],
  endpointSlices: [],
  networkPolicies: [],
  others: [],
});

function nameError(src: SourceObject, kind: string): ImportError | undefined {
  const meta = src.value.metadata;
  if (!isJsonObject(meta))
    return errorAt(src, [], `${kind} has no metadata — every object needs metadata.name`);
  if (typeof meta.name !== 'string' || meta.name === '') {
    const hint =
      typeof meta.generateName === 'string'
        ? ' (generateName is not enough here: give it a fixed name)'
        : '';
    return errorAt(
      src,
      ['metadata'],
      `${kind} has no metadata.name — every object needs a name${hint}`,
    );
  }
  return undefined;
}

function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  return last.replace(/\.(ya?ml|json)$/i, '') || last;
}

interface Collected {
  readonly lists: Lists;
  readonly configs: ConfigDocs;
}

function collect(
  objects: readonly SourceObject[],
  warnings: string[],
  notes: string[],
): Result<Collected, ImportError> {
  const lists = emptyLists();
  const configs: Partial<Record<ConfigKind, SourceObject>> = {};
  const seen = new Map<string, { bucket: Bucket; index: number }>();
  for (const src of objects) {
    const { kind, apiVersion } = src.value;
    if (typeof kind !== 'string' || kind === '')
      return err(
        errorAt(
          src,
          kind === undefined ? [] : ['kind'],
          'this object has no kind — every object needs a kind (e.g. kind: Deployment)',
        ),
      );
    const embedded = configFromConfigMap(src, warnings);
    const config = embedded?.kind ?? configKindOf(apiVersion, kind);
    if (config && config !== 'other') {
      if (configs[config]) warnings.push(`${config} appears more than once; the first one is used`);
      else {
        configs[config] = embedded?.src ?? src;
        if (embedded) notes.push(`The ${config} is read from ${embedded.from}.`);
      }
      continue;
    }
    if (!config) {
      const bad = nameError(src, kind);
      if (bad) return err(bad);
    }
    const converted = convertObject(src, warnings);
    if (!converted.ok) return converted;
    const c = converted.value;
    const id = `${String(apiVersion).split('/')[0]}|${c.label}`;
    const prev = seen.get(id);
    if (prev && config !== 'other') {
      warnings.push(`${c.label} appears more than once; the later definition is used`);
      lists[prev.bucket][prev.index] = c;
    } else {
      seen.set(id, { bucket: c.bucket, index: lists[c.bucket].length });
      lists[c.bucket].push(c);
    }
  }
  return ok({ lists, configs });
}

function assemble(text: string, opts: ImportOptions): Result<ImportResult, ImportError> {
  if (text.length > MAX_IMPORT_CHARS)
    return err({
      message: `the input is too large (${text.length} characters; up to 64 MB are read)`,
    });
  const docs = readDocuments(text);
  if (!docs.ok) return docs;
  if (docs.value.length === 0)
    return err({
      message:
        'no Kubernetes objects in the input — expected YAML or JSON manifests (apiVersion, kind, metadata)',
    });
  const warnings: string[] = [];
  const notes: string[] = [];
  const collected = collect(docs.value, warnings, notes);
  if (!collected.ok) return collected;
  const { lists, configs } = collected.value;
  const values = <T>(b: Bucket): T[] => lists[b].map((c) => c.value as T);
  const givenNodes = values<Node>('nodes');
  const services = values<Scenario['services'][number]>('services');

  // What no configuration document gives is read off the objects (a `kubectl get` dump).
  const inferred = inferAddressPlan(givenNodes, services);
  const base: ClusterSettings = {
    ...DEFAULT_SCENARIO.cluster,
    ...Object.fromEntries(Object.entries(inferred).map(([k, v]) => [k, v.value])),
  };
  const configured = configuredCluster(configs, base, warnings, notes);
  if (!configured.ok) return configured;
  const { given } = configured.value;
  for (const [key, v] of Object.entries(inferred))
    if (!given.has(key as keyof typeof inferred)) notes.push(...v.notes);

  const pods = values<Scenario['pods'][number]>('pods');
  let workloads = values<Scenario['workloads'][number]>('workloads');
  const others = values<Scenario['others'][number]>('others');
  const managed = managedWorkloads(workloads, pods);
  for (const m of managed) {
    const c = lists.workloads[m.index];
    if (!c) continue;
    others.push(c.raw as Scenario['others'][number]);
    notes.push(`${c.label} is kept for export but not expanded: ${m.reason}`);
  }
  const skip = new Set(managed.map((m) => m.index));
  workloads = workloads.filter((_, i) => !skip.has(i));
  let cluster = configured.value.cluster;
  // Without an ExplorerSettings cni, the CNI the dump shows (cilium-config, cilium pods, …).
  if (configs.ExplorerSettings?.value.cni === undefined) {
    const cni = detectCni({ others, pods, workloads });
    if (cni) {
      cluster = { ...cluster, cni: { ...cluster.cni, mode: cni.mode } };
      notes.push(cni.note);
    }
  }
  const guessed = inferred.nodeNetwork?.value.length ?? 0;
  if (!given.has('nodeNetwork') && guessed > 1 && cluster.cni.mode === 'routes')
    notes.push(
      `The nodes' addresses fall in ${guessed} different inferred subnets: with host-gw routes (CNI mode routes) a node only reaches the pods of nodes on its own subnet. If the nodes share a larger subnet, give it in an ExplorerSettings document (nodeNetwork).`,
    );

  // Without Node objects (and unless ExplorerSettings says defaultNodes: false) the pods' nodes
  // or the default cluster's nodes are used, as for plain application manifests.
  const filled =
    givenNodes.length === 0 && configured.value.defaultNodes
      ? nodesFor(pods, cluster, notes)
      : { nodes: givenNodes, onDefaultNodes: false };
  const hasDns = services.some(
    (s) => s.metadata.namespace === 'kube-system' && /dns/.test(s.metadata.name),
  );
  if (!hasDns && filled.onDefaultNodes && services.length > 0) {
    // The default cluster runs CoreDNS behind kube-dns, as every kubeadm cluster does.
    const dns = defaultDns(cluster, notes);
    pods.push(...dns.pods);
    services.push(...dns.services);
  } else if (!hasDns && services.length > 0)
    notes.push(
      'There is no cluster DNS Service (kube-system/kube-dns): walks to DNS names will not resolve; walk to svc/NAMESPACE/NAME instead.',
    );

  const meta = configured.value.meta;
  const name = meta?.name ?? (opts.fileName ? baseName(opts.fileName) : 'Imported manifests');
  const scenario: Scenario = {
    version: SCENARIO_VERSION,
    meta: { name, ...(meta?.description !== undefined ? { description: meta.description } : {}) },
    cluster,
    namespaces: values('namespaces'),
    nodes: filled.nodes,
    pods,
    workloads,
    services,
    endpointSlices: values('endpointSlices'),
    networkPolicies: values('networkPolicies'),
    others,
    layout: configured.value.layout,
  };
  return ok({ scenario, warnings, notes });
}

/**
 * Reads Kubernetes manifests (multi-document YAML, JSON, `v1 List`, kubeadm and kube-proxy
 * configuration) into a scenario. Never throws; errors carry the document number and line.
 */
export function importManifests(
  text: string,
  opts: ImportOptions = {},
): Result<ImportResult, ImportError> {
  try {
    return assemble(text, opts);
  } catch (e) {
    return err({
      message: `could not import the manifests: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
}
