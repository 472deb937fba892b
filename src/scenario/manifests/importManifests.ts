/**
 * Kubernetes manifests → a scenario (DESIGN.md §2, §5): multi-document YAML, JSON, `v1 List`s,
 * kubeadm ClusterConfiguration and KubeProxyConfiguration for the cluster settings. Objects
 * without a namespace belong to `default` (left absent, as the model reads absent). Input with no
 * Node objects runs on the default cluster's nodes and address plan, and says so.
 */
import {
  DEFAULT_SCENARIO,
  SCENARIO_VERSION,
  cidrContainsCidr,
  cidrContainsIp,
  err,
  ok,
  parseCidr,
  parseIp,
  splitDualStack,
  type Cidr,
  type ClusterSettings,
  type Node,
  type Result,
  type Scenario,
} from '@/sim';

import { readDocuments } from './documents';
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

const cidrsOf = (text: string): Cidr[] =>
  splitDualStack(text).flatMap((t) => {
    const r = parseCidr(t);
    return r.ok ? [r.value] : [];
  });

/** The default cluster's nodes, keeping only the addresses that fit `cluster`'s address plan. */
function defaultNodes(cluster: ClusterSettings): Node[] {
  const podNets = cidrsOf(cluster.podSubnet);
  const nodeNets = cidrsOf(cluster.nodeNetwork);
  return DEFAULT_SCENARIO.nodes.map((n) => {
    const given = cidrsOf(n.spec?.podCIDR ?? '');
    const keepCidr =
      given.length > 0 && given.every((g) => podNets.some((p) => cidrContainsCidr(p, g)));
    const addresses = (n.status?.addresses ?? []).filter((a) => {
      const ip = parseIp(a.address);
      return ip.ok && nodeNets.some((c) => cidrContainsIp(c, ip.value));
    });
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: n.metadata,
      ...(keepCidr && n.spec ? { spec: n.spec } : {}),
      ...(addresses.length > 0 ? { status: { addresses } } : {}),
    };
  });
}

const bareNode = (name: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

const describeNodes = (nodes: readonly Node[]): string =>
  nodes
    .map(
      (n) =>
        `${n.metadata.name}${n.status?.addresses?.[0] ? ` (${n.status.addresses[0].address})` : ''}`,
    )
    .join(' and ');

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
    const config = configKindOf(apiVersion, kind);
    if (config && config !== 'other') {
      if (configs[config]) warnings.push(`${kind} appears more than once; the first one is used`);
      else configs[config] = src;
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
  const collected = collect(docs.value, warnings);
  if (!collected.ok) return collected;
  const { lists, configs } = collected.value;
  const configured = configuredCluster(configs, DEFAULT_SCENARIO.cluster, warnings, notes);
  if (!configured.ok) return configured;
  const { cluster } = configured.value;

  const values = <T>(b: Bucket): T[] => lists[b].map((c) => c.value as T);
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

  let nodes = values<Node>('nodes');
  let defaultNodesUsed: Node[] | undefined;
  if (nodes.length === 0 && !configs.ExplorerSettings) {
    const named = [...new Set(pods.map((p) => p.spec.nodeName).filter((n): n is string => !!n))];
    if (named.length === 0) defaultNodesUsed = defaultNodes(cluster);
    nodes = defaultNodesUsed ?? named.map(bareNode);
    notes.push(
      named.length > 0
        ? `The input has no Node objects, so the nodes its pods name (${named.join(', ')}) are created, with addresses and pod ranges allocated from the default node network ${cluster.nodeNetwork} and pod network ${cluster.podSubnet}.`
        : `The input has no Node objects, so its objects run on the default cluster's nodes ${describeNodes(nodes)}, with pod network ${cluster.podSubnet} and service range ${cluster.serviceSubnet}.`,
    );
  }
  const services = values<Scenario['services'][number]>('services');
  const hasDns = services.some(
    (s) => s.metadata.namespace === 'kube-system' && /dns/.test(s.metadata.name),
  );
  const onDefaultCluster =
    values<Node>('nodes').length === 0 && !configs.ExplorerSettings && nodes === defaultNodesUsed;
  if (!hasDns && onDefaultCluster && services.length > 0) {
    // Application manifests land on the default cluster — which runs CoreDNS behind kube-dns,
    // as every kubeadm cluster does — so that the apps' Service names resolve.
    pods.push(...DEFAULT_SCENARIO.pods.filter((p) => p.metadata.namespace === 'kube-system'));
    services.push(
      ...DEFAULT_SCENARIO.services.filter((x) => x.metadata.namespace === 'kube-system'),
    );
    notes.push(
      "The default cluster's DNS is added: CoreDNS behind kube-system/kube-dns (10.96.0.10), so walks to Service names resolve.",
    );
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
    nodes,
    pods,
    workloads,
    services,
    endpointSlices: values('endpointSlices'),
    networkPolicies: values('networkPolicies'),
    others,
    layout: {},
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
