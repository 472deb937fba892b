/**
 * The walk and the rule views: the tracer, kube-proxy's rules and the netfilter engine, the
 * service proxies and the CNIs' walks. Not needed to draw the first screen, so the app loads this
 * module on demand (`loadTracing`, tracing.ts); the CLI and tests may import the same functions
 * from the index directly.
 */
export { trace } from './trace/tracer';
export { hostListeners } from './trace/edges';
export { nodeIptablesText, nodeRuleset } from './kubeproxy/ruleset';
export { endpointChain, serviceChains, servicePortName } from './kubeproxy/chainNames';
export {
  isServiceProxyKnown,
  isServiceProxyLoaded,
  loadServiceProxy,
  serviceProxy,
  serviceProxyEpoch,
  serviceProxyFor,
} from './proxy/registry';
