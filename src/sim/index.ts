/**
 * The simulation core's public API: the only import path for other layers (`@/sim`).
 * Pure and deterministic: no DOM, no clock, no unseeded randomness.
 */

// addresses
export {
  canonicalIp,
  compareIp,
  formatHostPort,
  formatIp,
  ip,
  isIp,
  isLoopback,
  parseIp,
  type Family,
  type Ip,
} from './addr/ip';
export {
  cidr,
  cidrContainsCidr,
  cidrContainsIp,
  cidrSize,
  cidrsOverlap,
  firstIp,
  formatCidr,
  hasHostBits,
  lastIp,
  nthIp,
  nthSubnet,
  overlapSpan,
  parseCidr,
  splitDualStack,
  subnetCount,
  toNetwork,
  type Cidr,
} from './addr/cidr';
export { derivedMac, isMac } from './addr/mac';

// model
export type * from './model/k8s';
export {
  DEFAULT_CLUSTER,
  PROXY_MODES,
  SCENARIO_VERSION,
  emptyScenario,
  type ClusterSettings,
  type CniMode,
  type CniSettings,
  type KubeProxySettings,
  type NodeSubnet,
  type Position,
  type ProxyMode,
  type Scenario,
} from './model/scenario';
export { DEFAULT_SCENARIO } from './model/defaultScenario';
export { ids } from './model/ids';
export { CONTROL_PLANE_LABELS, ZONE_LABEL, zoneOf } from './model/topology';
export {
  formatSelector,
  keyOf,
  matchesMap,
  matchesSelector,
  namespaceOf,
  type Labels,
} from './model/labels';
export {
  addNode,
  addPod,
  addService,
  ensureNamespace,
  moveElement,
  removeNode,
  removeNodeAndPods,
  removePod,
  removeService,
  resetLayout,
  updateCluster,
  updatePod,
  updateService,
  upsertNetworkPolicy,
  removeNetworkPolicy,
  type NewPod,
  type NewService,
} from './model/edit';
export {
  addNodeSubnet,
  nextFreeSubnet,
  removeNodeSubnet,
  setNodeZone,
  updateNodeSubnet,
} from './model/subnetEdits';

// derive
export { deriveCluster } from './derive/cluster';
export { ETH_MTU, VXLAN_MTU, VXLAN_PORT, VXLAN_VNI } from './cni/bridge/node';
export { NODE_PORT_MAX, NODE_PORT_MIN } from './derive/services';
export { SERVICE_NAME_LABEL, resolveTargetPort } from './derive/endpoints';
export { localDetectorCidrs } from './derive/settings';
export { blockOf, defaultGateway, subnetOfNode } from './derive/subnets';
export { routerRoutes, type RouterRoute } from './derive/router';
export type {
  Cluster,
  DerivedEndpointSlice,
  DerivedNamespace,
  DerivedNode,
  DerivedPod,
  DerivedPort,
  DerivedService,
  DerivedServicePort,
  DerivedSubnet,
  DeriveNote,
  FdbEntry,
  Iface,
  IfaceAddr,
  IpOwner,
  NeighEntry,
  NetDevice,
  PodAttach,
  Route,
  TunnelInfo,
} from './derive/types';

// the CNI datapath seam
export {
  cniKindOf,
  datapathGeneration,
  isDatapathLoaded,
  loadAllDatapaths,
  loadDatapath,
} from './cni/registry';
export { ciliumConfigMapFor } from './cni/cilium/config';
export type { CniDatapath, CniKind, CniProfile } from './cni/types';
export {
  applyCniChoice,
  cniChoiceById,
  cniChoiceOf,
  CNI_CHOICES,
  type CniChoice,
} from './cni/choice';

// compare datapaths: one walk under two CNIs (the app loads its view on demand)
export {
  compareDatapaths,
  type ComparedSide,
  type DatapathComparison,
  type TraceFn,
} from './compare/compare';
export { alignHops, type AlignedRow } from './compare/align';
export { outerText, whereOf, type Fact } from './compare/facts';

// utilities
export { err, ok, type Result } from './util/result';
export { seededRandom } from './util/hash';

// trace (the app loads it on demand: loadTracing; the CLI and tests may use it directly)
export { loadTracing, loadedTracing, type Tracing } from './tracing';
export { trace } from './trace/tracer';
export { resolveRef, endpointForIp, type Endpoint } from './trace/refs';
export type {
  Hop,
  HopKind,
  HopRule,
  MatchedRule,
  Packet,
  Trace,
  TraceProtocol,
  TraceRequest,
  Verdict,
} from './trace/types';
export { hostListeners } from './trace/edges';

// Linux lab
export { labScript, type LabScript } from './lab/script';

// dns
export { dnsRecords, type DnsRecord } from './dns/records';
export { clusterDnsService, resolveName, searchPath, type DnsAnswer } from './dns/resolve';

// iproute2's view of a namespace (k8snet ip)
export { ipShow, parseIpObject, type IpObject, type IpTarget } from './ip';

// routing
export { lookupRoute, type RouteMatch } from './routing/lookup';

// NetworkPolicy
export { evaluateConnection, evaluateDirection, ICMP_NOTE } from './netpol/evaluate';
export { isolationOf, peersAllowedBy, podsSelectedBy, policiesSelecting } from './netpol/queries';
export { connectivityMatrix } from './netpol/matrix';
export { defaultPolicy, effectivePolicyTypes } from './netpol/defaults';
export { describePeerEntry, describePortEntry, describeRule } from './netpol/describe';
export {
  checkPolicySpec,
  formatFieldPath,
  type FieldPath,
  type PolicyProblem,
} from './netpol/specChecks';
export type {
  AllowedBy,
  ConnectionVerdict,
  ConnectivityMatrix,
  DirectionVerdict,
  Isolation,
  MatrixCell,
  Peer,
  PeerSummary,
  PolicyDirection,
  PolicyProtocol,
} from './netpol/types';

// validation
export { validate, hasErrors } from './validate/validate';
export { capacitySummary, type CapacitySummary, type FamilyCapacity } from './validate/capacity';
export type { Diagnostic, DiagnosticCode, Severity } from './validate/types';

// service proxies (the seam the walk asks at each netfilter hook; DESIGN.md §3)
export {
  isServiceProxyKnown,
  isServiceProxyLoaded,
  loadServiceProxy,
  proxyModeOf,
  registerServiceProxy,
  serviceProxy,
  serviceProxyEpoch,
  serviceProxyFor,
} from './proxy/registry';
export type {
  ChainRun,
  HookRequest,
  HookRun,
  NfHook,
  ProxyRuleRef,
  ProxyView,
  ServiceProxy,
} from './proxy/types';

// netfilter and kube-proxy
export { nodeIptablesText, nodeRuleset, type NodeRuleset } from './kubeproxy/ruleset';
export { endpointChain, serviceChains, servicePortName } from './kubeproxy/chainNames';
export { formatRuleset } from './netfilter/format';
export { parseRuleset } from './netfilter/parse';
export { runHook } from './netfilter/engine';
export type { HookResult, NfContext, NfPacket, RuleRef } from './netfilter/types';

// learning: predict the next hop, a pod is born
export { elementLabel } from './learn/elements';
export {
  asksMechanism,
  CHANGE_CHOICES,
  DROP,
  gradeAnswer,
  headerChange,
  MECHANISM_CHOICES,
  predictQuestion,
  type Choice,
  type HeaderChange,
  type NatMechanism,
  type PredictAnswer,
  type PredictGrade,
  type PredictQuestion,
} from './learn/predict';
export { podBirth } from './podBirth/podBirth';
export { PAUSE_IMAGE } from './podBirth/pause';
export type { BirthActor, BirthStep, CniAddPlanner, PodBirth } from './podBirth/types';
