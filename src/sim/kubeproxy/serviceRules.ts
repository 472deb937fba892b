/**
 * The rules kube-proxy writes for one service port (proxier.go syncProxyRules, the per-service
 * loop): entry rules in KUBE-SERVICES / KUBE-NODEPORTS, the REJECT / DROP rules for missing
 * (local) endpoints and the health-check ACCEPT in the filter table, the ClusterIP masquerade
 * rule. KUBE-EXT / KUBE-FW are in externalRules.ts, KUBE-SVC / KUBE-SVL / KUBE-SEP in
 * endpointRules.ts.
 */
import type { ProxyContext } from './context';
import { writeEndpointChains, writeServiceToEndpointRules } from './endpointRules';
import type { Categorized } from './endpoints';
import { writeExtChain, writeFwChain } from './externalRules';
import {
  externallyAccessible,
  usesClusterEndpoints,
  usesLocalEndpoints,
  type ServicePortInfo,
} from './services';
import { comment, protoMatch } from './writer';

const LOCALHOST_NODEPORTS_COUNTER = 'localhost_nps_accepted_pkts';
const MASQ = ['-j', 'KUBE-MARK-MASQ'];
const DROP = ['-j', 'DROP'];

/** A filter-table verdict for traffic kube-proxy cannot serve, with its comment. */
interface Verdict {
  readonly text: string;
  readonly target: 'REJECT' | 'DROP';
}

/** Writes every nat and filter rule of one service port given its categorized endpoints. */
export function writeServicePort(k: ProxyContext, s: ServicePortInfo, cat: Categorized): void {
  const { nat, filter } = k;
  const { svc, svl, ext, fw } = s.chains;
  const { hasEndpoints } = cat;
  const local = cat.local.length > 0;
  const port = String(s.port);
  // Internal (ClusterIP) traffic goes to SVC, or SVL with internalTrafficPolicy Local.
  const internalChain = s.internalPolicyLocal ? svl : svc;
  const hasInternal = hasEndpoints && (!s.internalPolicyLocal || local);
  // External traffic (NodePort, externalIPs, LB IPs) goes to EXT, which then picks SVC or SVL.
  const hasExternal = hasEndpoints && (!s.externalPolicyLocal || local);
  const usesFwChain = hasEndpoints && s.loadBalancerIPs.length > 0 && s.sourceRanges.length > 0;
  // Filter verdicts: no endpoints at all → REJECT; endpoints, but none here for Local → DROP.
  const noEndpoints: Verdict = { text: `${s.name} has no endpoints`, target: 'REJECT' };
  const noLocal: Verdict = { text: `${s.name} has no local endpoints`, target: 'DROP' };
  const internalFilter = !hasEndpoints ? noEndpoints : !hasInternal ? noLocal : undefined;
  const externalFilter = !hasEndpoints ? noEndpoints : !hasExternal ? noLocal : undefined;
  const to = (ip: string): string[] => [...protoMatch(s.proto), '-d', ip, '--dport', port];
  const clusterIP = [comment(`${s.name} cluster IP`), to(s.clusterIP)].flat();
  const filterRule = (chain: string, v: Verdict, match: string[]): void =>
    filter.rule(chain, comment(v.text), match, '-j', v.target);

  if (hasInternal) nat.rule('KUBE-SERVICES', clusterIP, '-j', internalChain);
  else if (internalFilter) filterRule('KUBE-SERVICES', internalFilter, to(s.clusterIP));

  for (const ip of s.externalIPs) {
    if (hasEndpoints)
      nat.rule('KUBE-SERVICES', comment(`${s.name} external IP`), to(ip), '-j', ext);
    if (externalFilter) filterRule('KUBE-EXTERNAL-SERVICES', externalFilter, to(ip));
  }
  for (const ip of s.loadBalancerIPs) {
    const lbChain = usesFwChain ? fw : ext;
    if (hasEndpoints)
      nat.rule('KUBE-SERVICES', comment(`${s.name} loadbalancer IP`), to(ip), '-j', lbChain);
    if (usesFwChain)
      filter.rule(
        'KUBE-PROXY-FIREWALL',
        comment(`${s.name} traffic not accepted by ${fw}`),
        to(ip),
        DROP,
      );
  }
  if (externalFilter)
    for (const ip of s.loadBalancerIPs)
      filterRule('KUBE-EXTERNAL-SERVICES', externalFilter, to(ip));

  if (s.nodePort !== 0) {
    const np = [...protoMatch(s.proto), '--dport', String(s.nodePort)];
    if (hasEndpoints) {
      // NodePorts are not subject to loadBalancerSourceRanges: they jump straight to EXT.
      if (k.localhostNodePorts) {
        const lo = [...protoMatch(s.proto), '-d', '127.0.0.0/8', '--dport', String(s.nodePort)];
        const acct = ['-m', 'nfacct', '--nfacct-name', LOCALHOST_NODEPORTS_COUNTER];
        nat.rule('KUBE-NODEPORTS', comment(s.name), lo, acct, '-j', ext);
      }
      nat.rule('KUBE-NODEPORTS', comment(s.name), np, '-j', ext);
    }
    const localDst = ['-m', 'addrtype', '--dst-type', 'LOCAL'];
    if (externalFilter) filterRule('KUBE-EXTERNAL-SERVICES', externalFilter, [...localDst, ...np]);
  }
  // The health-check node port is accepted whether or not this node has local endpoints.
  if (s.healthCheckNodePort !== 0) {
    const hc = [...protoMatch('tcp'), '--dport', String(s.healthCheckNodePort)];
    filter.rule('KUBE-NODEPORTS', comment(`${s.name} health check node port`), hc, '-j', 'ACCEPT');
  }

  if (hasInternal) {
    // Off-cluster traffic to a ClusterIP is masqueraded (it may bounce to another node).
    if (k.masqueradeAll) nat.rule(internalChain, clusterIP, MASQ);
    else if (k.detector !== undefined)
      nat.rule(internalChain, clusterIP, '!', '-s', k.detector, MASQ);
  }
  if (hasEndpoints && externallyAccessible(s)) writeExtChain(k, s, hasExternal);
  if (usesFwChain) writeFwChain(k, s);
  if (cat.cluster.length > 0 && usesClusterEndpoints(s))
    writeServiceToEndpointRules(k, s, svc, cat.cluster);
  if (local && usesLocalEndpoints(s)) writeServiceToEndpointRules(k, s, svl, cat.local);
  writeEndpointChains(k, s, cat.reachable);
}
