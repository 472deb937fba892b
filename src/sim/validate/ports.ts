/**
 * Ports: NodePorts inside kube-apiserver's range and allocated once (`nodeport-range`,
 * `nodeport-duplicate`), and ports that collide in one network namespace (`port-conflict`):
 * containers of a pod share the pod's, hostNetwork pods and hostPorts share the node's.
 */
import { NODE_PORT_MAX, NODE_PORT_MIN } from '../derive/services';
import type { Container, WorkloadKind } from '../model/k8s';
import { keyOf, namespaceOf } from '../model/labels';

import {
  diagnostic,
  listNames,
  podRef,
  svcRef,
  type Diagnostic,
  type ValidateContext,
} from './types';

const inRange = (p: number): boolean =>
  Number.isInteger(p) && p >= NODE_PORT_MIN && p <= NODE_PORT_MAX;
const RANGE = `${NODE_PORT_MIN}–${NODE_PORT_MAX}`;

/**
 * Given nodePorts and healthCheckNodePorts. The range is kube-apiserver's default
 * `--service-node-port-range` (the scenario has no setting for it); ValidateService also rejects
 * a nodePort on a ClusterIP Service ("may not be used when `type` is 'ClusterIP'").
 */
export function checkNodePortRange(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  (ctx.scenario.services ?? []).forEach((svc, i) => {
    const key = keyOf(svc.metadata);
    const objects = [svcRef(key)];
    const type = svc.spec.type ?? 'ClusterIP';
    (svc.spec.ports ?? []).forEach((p, j) => {
      if (p.nodePort === undefined) return;
      const field = `services[${i}].spec.ports[${j}].nodePort`;
      const what = `Service ${key} port ${p.port}/${p.protocol ?? 'TCP'} nodePort ${p.nodePort}`;
      if (type === 'ClusterIP' || type === 'ExternalName') {
        out.push(
          diagnostic(
            'error',
            'nodeport-range',
            `${what} is set on a ${type} Service, which has no NodePorts: kube-apiserver rejects it. Remove nodePort, or set type: NodePort.`,
            { objects, field },
          ),
        );
      } else if (!inRange(p.nodePort)) {
        out.push(
          diagnostic(
            'error',
            'nodeport-range',
            `${what} is outside the NodePort range ${RANGE}: kube-apiserver rejects it ("provided port is not in the valid range"). Pick a port in ${RANGE}, or remove nodePort to have one allocated.`,
            { objects, field },
          ),
        );
      }
    });
    const hc = svc.spec.healthCheckNodePort;
    if (hc !== undefined && !inRange(hc))
      out.push(
        diagnostic(
          'error',
          'nodeport-range',
          `Service ${key} healthCheckNodePort ${hc} is outside the NodePort range ${RANGE}: kube-apiserver rejects it. Pick a port in ${RANGE}, or remove it to have one allocated.`,
          { objects, field: `services[${i}].spec.healthCheckNodePort` },
        ),
      );
  });
  return out;
}

interface PortUse {
  readonly svc: number;
  readonly key: string;
  readonly what: string;
  readonly protocol: string;
  readonly field?: string;
}

/**
 * One NodePort, one Service: the allocator is a bitmap of port numbers, whatever the protocol
 * ("provided port is already allocated"). Inside one Service the same nodePort may serve two
 * protocols (port 53 over TCP and UDP), but not the same protocol twice.
 */
export function checkNodePortDuplicates(ctx: ValidateContext): Diagnostic[] {
  const byPort = new Map<number, PortUse[]>();
  const add = (np: number, u: PortUse): void => {
    const list = byPort.get(np) ?? [];
    list.push(u);
    byPort.set(np, list);
  };
  ctx.cluster.services.forEach((s, i) => {
    const given = ctx.scenario.services[i];
    s.ports.forEach((p, j) => {
      if (p.nodePort === undefined) return;
      const field =
        given?.spec.ports?.[j]?.nodePort !== undefined
          ? `services[${i}].spec.ports[${j}].nodePort`
          : undefined;
      add(p.nodePort, {
        svc: i,
        key: s.key,
        what: `Service ${s.key} port ${p.port}/${p.protocol}`,
        protocol: p.protocol,
        ...(field ? { field } : {}),
      });
    });
    if (s.healthCheckNodePort !== undefined) {
      const field =
        given?.spec.healthCheckNodePort !== undefined
          ? `services[${i}].spec.healthCheckNodePort`
          : undefined;
      add(s.healthCheckNodePort, {
        svc: i,
        key: s.key,
        what: `Service ${s.key} healthCheckNodePort`,
        protocol: 'TCP',
        ...(field ? { field } : {}),
      });
    }
  });
  const out: Diagnostic[] = [];
  for (const [np, uses] of [...byPort.entries()].sort((a, b) => a[0] - b[0])) {
    const clash = uses.filter((u) =>
      uses.some((v) => v !== u && (v.svc !== u.svc || v.protocol === u.protocol)),
    );
    if (clash.length < 2) continue;
    out.push(
      diagnostic(
        'error',
        'nodeport-duplicate',
        `NodePort ${np} is used by ${listNames(
          clash.map((u) => u.what),
          6,
        )}: kube-apiserver gives each NodePort to one Service port ("provided port is already allocated"). Pick another port, or remove nodePort to have one allocated.`,
        {
          objects: [...new Set(clash.map((u) => svcRef(u.key)))],
          field: clash
            .map((u) => u.field)
            .filter((f): f is string => f !== undefined)
            .at(-1),
        },
      ),
    );
  }
  return out;
}

const WORKLOAD_REF: Readonly<Record<WorkloadKind, string>> = {
  Deployment: 'deploy',
  ReplicaSet: 'rs',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  Job: 'job',
};

/** Two containers of one pod on one port: the second cannot bind it (they share the pod's netns). */
function containerClashes(
  containers: readonly Container[],
  owner: string,
  base: string,
  objects: readonly string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, { c: number; p: number }>();
  containers.forEach((c, ci) =>
    (c.ports ?? []).forEach((port, pi) => {
      const k = `${port.containerPort}/${port.protocol ?? 'TCP'}`;
      const prev = seen.get(k);
      if (!prev) {
        seen.set(k, { c: ci, p: pi });
        return;
      }
      const field = `${base}.containers[${ci}].ports[${pi}].containerPort`;
      const first = containers[prev.c]?.name ?? '';
      if (prev.c === ci) {
        out.push(
          diagnostic(
            'warning',
            'port-conflict',
            `Container ${c.name} of ${owner} declares ${k} twice (ports[${prev.p}] and ports[${pi}]); Kubernetes warns about the duplicate definition. Remove one.`,
            { objects, field },
          ),
        );
      } else {
        out.push(
          diagnostic(
            'error',
            'port-conflict',
            `Containers ${first} and ${c.name} of ${owner} both listen on ${k}: containers of a pod share one network namespace, so the second cannot bind the port. Change one containerPort.`,
            { objects, field },
          ),
        );
      }
    }),
  );
  return out;
}

/** Ports taken on the node itself: hostNetwork pods' ports and other pods' hostPorts. */
function nodeClashes(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const index = new Map<string, number>();
  (ctx.scenario.pods ?? []).forEach((p, i) => {
    const k = keyOf(p.metadata);
    if (!index.has(k)) index.set(k, i);
  });
  for (const node of ctx.cluster.nodes) {
    const taken = new Map<string, { pod: string; field?: string }>();
    for (const key of node.podKeys) {
      const pod = ctx.cluster.podByKey.get(key);
      if (!pod) continue;
      const i = index.get(key);
      pod.containers.forEach((c, ci) =>
        (c.ports ?? []).forEach((port, pi) => {
          const hostPort = pod.hostNetwork ? port.containerPort : port.hostPort;
          if (hostPort === undefined || hostPort === 0) return;
          const k = `${hostPort}/${port.protocol ?? 'TCP'}`;
          const attr = pod.hostNetwork ? 'containerPort' : 'hostPort';
          const field =
            i !== undefined ? `pods[${i}].spec.containers[${ci}].ports[${pi}].${attr}` : undefined;
          const prev = taken.get(k);
          if (!prev) {
            taken.set(k, { pod: key, ...(field ? { field } : {}) });
            return;
          }
          if (prev.pod === key) return; // the same pod: containerClashes reports it
          out.push(
            diagnostic(
              'error',
              'port-conflict',
              `Pods ${prev.pod} and ${key} on node ${node.name} both take host port ${k}: hostNetwork pods and hostPorts share the node's ports, so the scheduler would not place both there. Change one port or move one pod.`,
              { objects: [podRef(prev.pod), podRef(key), `node/${node.name}`], field },
            ),
          );
        }),
      );
    }
  }
  return out;
}

/** Every `port-conflict` diagnostic: per pod, per workload template, then per node. */
export function checkPortConflicts(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  (ctx.scenario.pods ?? []).forEach((p, i) => {
    const key = keyOf(p.metadata);
    out.push(
      ...containerClashes(p.spec.containers ?? [], `pod ${key}`, `pods[${i}].spec`, [podRef(key)]),
    );
  });
  (ctx.scenario.workloads ?? []).forEach((w, i) => {
    const ref = `${WORKLOAD_REF[w.kind] ?? w.kind.toLowerCase()}/${namespaceOf(w.metadata)}/${w.metadata.name}`;
    const containers = w.spec.template.spec.containers ?? [];
    out.push(
      ...containerClashes(
        containers,
        `${w.kind} ${keyOf(w.metadata)}'s pods`,
        `workloads[${i}].spec.template.spec`,
        [ref],
      ),
    );
  });
  out.push(...nodeClashes(ctx));
  return out;
}
