/**
 * Topology-aware routing as the API server and the EndpointSlice controller see a Service:
 * `spec.trafficDistribution` takes three values (kube-apiserver refuses others), and hints the
 * Service asks for can be withheld (the controller's TopologyAwareHintsDisabled event) or be of
 * no use (no node has a zone label, so kube-proxy never matches a zone hint).
 */
import { keyOf } from '../model/labels';

import { diagnostic, svcRef, type Diagnostic, type ValidateContext } from './types';

const VALUES = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];

export function checkTopology(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const zoned = ctx.cluster.nodes.some((n) => n.zone !== undefined);
  (ctx.scenario.services ?? []).forEach((svc, i) => {
    const key = keyOf(svc.metadata);
    const objects = [svcRef(key)];
    const td = svc.spec.trafficDistribution;
    if (td !== undefined && !VALUES.includes(td)) {
      out.push(
        diagnostic(
          'error',
          'traffic-distribution',
          `Service ${key}'s trafficDistribution "${td}" is not a supported value: kube-apiserver refuses it. Use PreferClose (PreferSameZone) or PreferSameNode, or remove it.`,
          { objects, field: `services[${i}].spec.trafficDistribution` },
        ),
      );
      return;
    }
    const d = ctx.cluster.hints.get(key);
    if (!d || d.heuristic === 'none') return;
    if (!d.enabled)
      out.push(
        diagnostic(
          'warning',
          'topology-hints',
          `Service ${key} asks for topology-aware hints (topology-mode: Auto), but the EndpointSlice controller withholds them — ${d.reason.replace(/^TopologyAwareHintsDisabled: /, '')} — so every node uses every endpoint.`,
          { objects, field: `services[${i}].metadata.annotations` },
        ),
      );
    else if (!zoned && d.heuristic !== 'PreferSameNode')
      out.push(
        diagnostic(
          'warning',
          'topology-hints',
          `Service ${key} has trafficDistribution ${td ?? ''}, but no node has a topology.kubernetes.io/zone label: its endpoints get no zone hints and kube-proxy uses every endpoint. Label the nodes with their zones.`,
          { objects, field: `services[${i}].spec.trafficDistribution` },
        ),
      );
  });
  return out;
}
