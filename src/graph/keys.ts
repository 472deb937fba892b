/** Data keys and class names shared by the element mapper, the stylesheet and the tests. */
export const CY_DATA = {
  label: 'label',
  kind: 'kind',
  color: 'color',
  namespace: 'namespace',
  width: 'w',
  height: 'h',
} as const;

/** Element kinds (the `kind` data field), one per shape in the legend. */
export const KIND = {
  node: 'k8s-node',
  /** A box around the nodes of one zone (topology.kubernetes.io/zone) on one subnet. */
  zone: 'zone',
  eth0: 'eth0',
  routes: 'routes',
  iptables: 'iptables',
  bridge: 'bridge',
  bridgePort: 'bridge-port',
  vxlan: 'vxlan',
  pod: 'pod',
  podEth0: 'pod-eth0',
  /** The pause (sandbox) container: it holds the pod's network namespace. */
  pause: 'pause',
  container: 'container',
  bus: 'bus',
  busTap: 'bus-tap',
  external: 'external',
  service: 'service',
  loadBalancer: 'load-balancer',
  marker: 'packet',
  veth: 'veth',
  link: 'link',
  internal: 'internal',
  endpoint: 'endpoint',
  /** Overview: one tile per Kubernetes node, its pods-by-namespace bar and diagnostics badge. */
  tile: 'node-tile',
  tileBar: 'tile-bar',
  tileBadge: 'tile-badge',
  /** Overview: the frame around a zone's / subnet's tiles, and around the Service summaries. */
  tileGroup: 'tile-group',
  /** Overview: the Services of one namespace, summarised. */
  serviceSummary: 'service-summary',
} as const;

export const CY_CLASS = {
  selected: 'is-selected',
  onPath: 'on-path',
  current: 'is-current',
  dropped: 'is-dropped',
  reply: 'is-reply',
  natted: 'is-natted',
  dim: 'is-dim',
  hostNetwork: 'host-network',
  notReady: 'not-ready',
  error: 'has-error',
  isolated: 'is-isolated',
  highlight: 'is-highlight',
  policySelected: 'is-policy-selected',
  policyPeer: 'is-policy-peer',
  markerRequest: 'marker-request',
  markerReply: 'marker-reply',
  markerDrop: 'marker-drop',
  /** Pause containers when the user hides them. */
  pauseOff: 'pause-off',
  /** Not created yet (the pod-birth player's earlier steps). */
  unborn: 'is-unborn',
  /** Pointed at: what a step just made, or the places predict mode offers. */
  hint: 'is-hint',
  /** A tile whose node is drawn in full below the grid (set by the overview, not by patches). */
  expanded: 'expanded',
  /** A tile or summary standing in for a selected / highlighted element that is not drawn. */
  proxySelected: 'proxy-selected',
  /** Tiles zoomed in far enough to read their details (address, pod range). */
  detail: 'detail',
  badgeError: 'badge-error',
  badgeWarning: 'badge-warning',
} as const;
