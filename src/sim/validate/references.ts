/**
 * Dangling references (`reference-missing`), kinds the explorer does not model
 * (`unsupported-kind`), and the derivation's own notes mapped onto diagnostic codes.
 */
import { SERVICE_NAME_LABEL, resolveTargetPort } from '../derive/endpoints';
import type { DerivedPod, DeriveNote } from '../derive/types';
import { keyOf, matchesMap, namespaceOf } from '../model/labels';

import {
  diagnostic,
  listNames,
  podRef,
  svcRef,
  type Diagnostic,
  type DiagnosticCode,
  type ValidateContext,
} from './types';

/**
 * A named targetPort resolves per pod against `spec.containers[].ports[].name` with the Service
 * port's protocol; the EndpointSlice controller leaves pods that lack it out of that port.
 * An empty or absent selector selects nothing here (the Service's endpoints are managed by hand).
 */
export function checkTargetPorts(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byNs = new Map<string, DerivedPod[]>();
  for (const p of ctx.cluster.pods) {
    const list = byNs.get(p.namespace);
    if (list) list.push(p);
    else byNs.set(p.namespace, [p]);
  }
  const named = (t: number | string): t is string => typeof t === 'string' && !/^\d+$/.test(t);
  ctx.cluster.services.forEach((svc, i) => {
    if (!svc.selector || Object.keys(svc.selector).length === 0 || svc.type === 'ExternalName')
      return;
    if (!svc.ports.some((p) => named(p.targetPort))) return;
    const selected = (byNs.get(svc.namespace) ?? []).filter((p) =>
      matchesMap(svc.selector ?? {}, p.labels),
    );
    if (selected.length === 0) return;
    svc.ports.forEach((sp, j) => {
      const t = sp.targetPort;
      if (!named(t)) return;
      const missing = selected.filter((p) => resolveTargetPort(t, sp.protocol, p) === undefined);
      if (missing.length === 0) return;
      const port = `${sp.port}/${sp.protocol}`;
      const who =
        missing.length === selected.length
          ? 'which no selected pod defines: the Service has no endpoints for that port'
          : `which selected ${missing.length === 1 ? 'pod' : 'pods'} ${listNames(missing.map((p) => p.key))} ${missing.length === 1 ? 'does' : 'do'} not define: ${missing.length === 1 ? 'it gets' : 'they get'} no traffic on that port`;
      out.push(
        diagnostic(
          'warning',
          'reference-missing',
          `Service ${svc.key} port ${port} targets the container port named "${t}" (${sp.protocol}), ${who}. Name the port in the pods' spec.containers[].ports, or use a number.`,
          {
            objects: [svcRef(svc.key), ...missing.map((p) => podRef(p.key))],
            field: `services[${i}].spec.ports[${j}].targetPort`,
          },
        ),
      );
    });
  });
  return out;
}

/** Given EndpointSlices must name an existing Service with the kubernetes.io/service-name label. */
export function checkEndpointSlices(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  (ctx.scenario.endpointSlices ?? []).forEach((slice, i) => {
    const key = keyOf(slice.metadata);
    const objects = [`endpointslice/${key}`];
    const field = `endpointSlices[${i}].metadata.labels["${SERVICE_NAME_LABEL}"]`;
    const svc = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!svc) {
      out.push(
        diagnostic(
          'warning',
          'reference-missing',
          `EndpointSlice ${key} has no ${SERVICE_NAME_LABEL} label: kube-proxy ignores it. Add the label with the name of its Service.`,
          { objects, field },
        ),
      );
      return;
    }
    const svcKey = `${namespaceOf(slice.metadata)}/${svc}`;
    if (!ctx.cluster.serviceByKey.has(svcKey))
      out.push(
        diagnostic(
          'warning',
          'reference-missing',
          `EndpointSlice ${key} belongs to Service ${svcKey}, which does not exist: kube-proxy ignores it until that Service is created. Add the Service or fix the ${SERVICE_NAME_LABEL} label.`,
          {
            objects: [...objects, svcRef(svcKey)],
            field,
          },
        ),
      );
  });
  return out;
}

/** Objects of kinds the explorer does not model: kept for export, reported so none goes unnoticed. */
export function checkOtherKinds(ctx: ValidateContext): Diagnostic[] {
  return (ctx.scenario.others ?? []).flatMap((o, i) => {
    const kind = typeof o.kind === 'string' && o.kind !== '' ? o.kind : 'Object';
    const name = o.metadata?.name ?? '';
    const id = o.metadata?.namespace ? `${o.metadata.namespace}/${name}` : name;
    const label = id ? `${kind} ${id}` : kind;
    // Calico's IPPools and BlockAffinities are its configuration: read when the CNI is Calico.
    if (kind === 'IPPool' || kind === 'BlockAffinity') {
      if (/^(crd\.)?projectcalico\.org\//.test(o.apiVersion ?? '')) {
        if (ctx.scenario.cluster?.cni?.mode === 'calico') return [];
        return [
          diagnostic(
            'warning',
            'unsupported-kind',
            `${label} is Calico configuration, read only when the CNI is Calico (Network tab, or ExplorerSettings cni.mode: calico); kept for export.`,
            { objects: [`${kind.toLowerCase()}/${id}`], field: `others[${i}]` },
          ),
        ];
      }
    }
    // Cilium's configuration: the kube-system/cilium-config ConfigMap and CiliumNodes (cluster-pool IPAM).
    const ciliumConfig =
      (kind === 'ConfigMap' && id === 'kube-system/cilium-config') ||
      (kind === 'CiliumNode' && /^cilium\.io\//.test(o.apiVersion ?? ''));
    if (ciliumConfig) {
      if (ctx.scenario.cluster?.cni?.mode === 'cilium') return [];
      return [
        diagnostic(
          'warning',
          'unsupported-kind',
          `${label} is Cilium configuration, read only when the CNI is Cilium (ExplorerSettings cni.mode: cilium); kept for export.`,
          { objects: [`${kind.toLowerCase()}/${id}`], field: `others[${i}]` },
        ),
      ];
    }
    return diagnostic('warning', 'unsupported-kind', `${label} is not modelled; kept for export.`, {
      objects: [`${kind.toLowerCase()}/${id}`],
      field: `others[${i}]`,
    });
  });
}

const NOTE_CODES: Readonly<Record<string, { code: DiagnosticCode; field?: string }>> = {
  'pod-node-missing': { code: 'reference-missing' },
  'podcidr-exhausted': { code: 'capacity', field: 'cluster.podSubnet' },
  'pod-ip-exhausted': { code: 'capacity' },
  'node-no-address': { code: 'capacity', field: 'cluster.nodeNetwork' },
};

/**
 * The derivation's notes as diagnostics (all errors: each leaves an object without a network).
 * A capacity note is dropped when a capacity diagnostic already names its node; unknown note
 * codes pass through as warnings under their own code.
 */
export function mapNotes(
  ctx: ValidateContext,
  notes: readonly DeriveNote[],
  already: readonly Diagnostic[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const podIndex = new Map<string, number>();
  (ctx.scenario.pods ?? []).forEach((p, i) => {
    const k = podRef(keyOf(p.metadata));
    if (!podIndex.has(k)) podIndex.set(k, i);
  });
  const covered = new Set(
    already
      .filter((d) => d.code === 'capacity' && d.severity === 'error')
      .flatMap((d) => d.objects.filter((o) => o.startsWith('node/'))),
  );
  for (const note of notes) {
    const map = NOTE_CODES[note.code];
    if (!map) {
      out.push({
        severity: 'warning',
        code: note.code,
        message: note.message,
        ranges: [],
        objects: [...note.objects],
      });
      continue;
    }
    if (map.code === 'capacity' && note.objects.some((o) => covered.has(o))) continue;
    const podIdx = note.objects.map((o) => podIndex.get(o)).find((x) => x !== undefined);
    const field =
      map.field ??
      (note.code === 'pod-node-missing' && podIdx !== undefined
        ? `pods[${podIdx}].spec.nodeName`
        : undefined);
    out.push(diagnostic('error', map.code, note.message, { objects: note.objects, field }));
  }
  return out;
}
