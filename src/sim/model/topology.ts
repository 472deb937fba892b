/**
 * Where a node sits: its zone, as the well-known label `topology.kubernetes.io/zone` says (the
 * cloud provider or the kubelet sets it; kube-proxy and the EndpointSlice controller read it).
 */
import type { ObjectMeta } from './k8s';

/** The well-known zone label (k8s.io/api/core/v1 LabelTopologyZone). */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
/** The label that marks control-plane nodes (left out of the topology hints' CPU shares). */
export const CONTROL_PLANE_LABELS = [
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
] as const;

/**
 * A node's zone, or undefined when the label is missing or empty (kube-proxy: "a missing or
 * empty zone label never matches").
 * @example zoneOf({ name: 'n', labels: { 'topology.kubernetes.io/zone': 'zone-a' } }) // 'zone-a'
 */
export function zoneOf(meta: Pick<ObjectMeta, 'labels'> | undefined): string | undefined {
  const z = meta?.labels?.[ZONE_LABEL];
  return z === undefined || z === '' ? undefined : z;
}
