/**
 * kubeadm's and kube-proxy's configuration as a running cluster stores it, so that a dump of
 * `kubectl get cm -n kube-system -o yaml` carries the cluster settings: ConfigMap
 * kube-system/kubeadm-config holds the ClusterConfiguration as YAML text in
 * `data.ClusterConfiguration`, and ConfigMap kube-system/kube-proxy holds the
 * KubeProxyConfiguration in `data["config.conf"]`.
 */
import { parse } from 'yaml';

import type { ConfigKind } from './settings';
import { isJsonObject, type SourceObject } from './types';

const EMBEDDED: readonly { name: string; key: string; kind: ConfigKind }[] = [
  { name: 'kubeadm-config', key: 'ClusterConfiguration', kind: 'ClusterConfiguration' },
  { name: 'kube-proxy', key: 'config.conf', kind: 'KubeProxyConfiguration' },
];

export interface EmbeddedConfig {
  readonly kind: ConfigKind;
  /** The configuration document, located at the ConfigMap's data key. */
  readonly src: SourceObject;
  /** "ConfigMap kube-system/kubeadm-config (data.ClusterConfiguration)". */
  readonly from: string;
}

/**
 * The configuration document a kube-system ConfigMap carries, or undefined when `src` is no such
 * ConfigMap. Text that is not a YAML mapping is reported in `warnings` (and the ConfigMap is then
 * kept like any other object).
 */
export function configFromConfigMap(
  src: SourceObject,
  warnings: string[],
): EmbeddedConfig | undefined {
  const { kind, metadata, data } = src.value;
  if (kind !== 'ConfigMap' || !isJsonObject(metadata) || metadata.namespace !== 'kube-system')
    return undefined;
  const spec = EMBEDDED.find((e) => e.name === metadata.name);
  if (!spec || !isJsonObject(data) || typeof data[spec.key] !== 'string') return undefined;
  const from = `ConfigMap kube-system/${spec.name} (data.${spec.key})`;
  let value: unknown;
  try {
    value = parse(data[spec.key] as string);
  } catch (e) {
    const why = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
    warnings.push(`${from} is not valid YAML (${why}); its settings are not read`);
    return undefined;
  }
  if (!isJsonObject(value)) {
    warnings.push(`${from} holds no ${spec.kind} mapping; its settings are not read`);
    return undefined;
  }
  const line = src.lineOf(['data', spec.key]);
  return {
    kind: spec.kind,
    from,
    src: {
      value: { kind: spec.kind, ...value },
      doc: src.doc,
      ...(src.item !== undefined ? { item: src.item } : {}),
      lineOf: () => line,
    },
  };
}
