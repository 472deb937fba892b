/**
 * Topology-aware routing as kube-proxy applies it (pkg/proxy/topology.go, CategorizeEndpoints →
 * topologyModeFromHints / availableForTopology): only the cluster-wide set is filtered, from the
 * READY endpoints, by the hints the EndpointSlice controller (or a person) wrote — kube-proxy never
 * reads trafficDistribution or any other node's labels. The mode is chosen once per service port:
 * - PreferSameNode: every ready endpoint has a node hint and one names this node;
 * - PreferSameZone: every ready endpoint has a zone hint and one names this node's zone;
 * - otherwise no topology: every ready endpoint.
 * See reference/topology.md §4.
 */
import type { EndpointInfo } from './endpoints';

export type TopologyMode = 'PreferSameNode' | 'PreferSameZone' | '';

/** The mode chosen for one node and service port, and why, for the walk's explanation. */
export interface TopologyChoice {
  readonly mode: TopologyMode;
  /** This node's name and zone label (undefined: none or empty). */
  readonly node: string;
  readonly zone: string | undefined;
  /** Why hints were used or ignored, one clause ("no ready endpoint lacks …"). */
  readonly why: string;
}

/** Who is asking: kube-proxy's node name and its node's `topology.kubernetes.io/zone`. */
export interface ProxyNode {
  readonly name: string;
  readonly zone: string | undefined;
}

const hasNodeHint = (e: EndpointInfo): boolean => e.nodeHints.length > 0;
const hasZoneHint = (e: EndpointInfo): boolean => e.zoneHints.length > 0;

/** topologyModeFromHints: the mode for these ready endpoints on `me`. */
export function topologyMode(ready: readonly EndpointInfo[], me: ProxyNode): TopologyChoice {
  const base = { node: me.name, zone: me.zone };
  if (ready.length === 0)
    return { ...base, mode: '', why: 'no endpoint is ready, so hints play no part' };
  const allNode = ready.every(hasNodeHint);
  if (allNode && ready.some((e) => e.nodeHints.includes(me.name)))
    return {
      ...base,
      mode: 'PreferSameNode',
      why: `every ready endpoint has a node hint and ${ready.filter((e) => e.nodeHints.includes(me.name)).length} name ${me.name}`,
    };
  const allZone = ready.every(hasZoneHint);
  const zoneOk = me.zone !== undefined && ready.some((e) => e.zoneHints.includes(me.zone ?? ''));
  if (allZone && zoneOk)
    return {
      ...base,
      mode: 'PreferSameZone',
      why: `every ready endpoint has a zone hint and ${ready.filter((e) => e.zoneHints.includes(me.zone ?? '')).length} name ${me.zone ?? ''}`,
    };
  return { ...base, mode: '', why: ignoredWhy(ready, me, allNode, allZone) };
}

function ignoredWhy(
  ready: readonly EndpointInfo[],
  me: ProxyNode,
  allNode: boolean,
  allZone: boolean,
): string {
  const anyHint = ready.some((e) => hasZoneHint(e) || hasNodeHint(e));
  if (!anyHint) return 'the endpoints carry no hints';
  const node = allNode ? ` (no ready endpoint is hinted for node ${me.name})` : '';
  if (me.zone === undefined)
    return `${me.name} has no topology.kubernetes.io/zone label, so zone hints cannot match${node}`;
  if (!allZone) {
    const missing = ready.find((e) => !hasZoneHint(e));
    return `ready endpoint ${missing?.text ?? ''} has no zone hint, which switches zone filtering off on every node${node}`;
  }
  return `no ready endpoint is hinted for zone ${me.zone}${node}`;
}

/** The ready endpoints the mode allows (availableForTopology). */
export function filterByTopology(
  ready: readonly EndpointInfo[],
  choice: TopologyChoice,
): EndpointInfo[] {
  if (choice.mode === 'PreferSameNode')
    return ready.filter((e) => e.nodeHints.includes(choice.node));
  if (choice.mode === 'PreferSameZone')
    return ready.filter((e) => e.zoneHints.includes(choice.zone ?? ''));
  return [...ready];
}
