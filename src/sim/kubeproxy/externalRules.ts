/**
 * KUBE-EXT (external destinations: NodePorts, externalIPs, load-balancer IPs) and KUBE-FW
 * (loadBalancerSourceRanges) chains of one service port, as proxier.go writes them.
 */
import { cidrContainsIp, parseCidr } from '../addr/cidr';
import { parseIp } from '../addr/ip';

import type { ProxyContext } from './context';
import type { ServicePortInfo } from './services';
import { comment } from './writer';

const SRC_LOCAL = ['-m', 'addrtype', '--src-type', 'LOCAL'];

/** KUBE-EXT: masquerade (eTP Cluster) or the short-circuits of eTP Local, then the policy chain. */
export function writeExtChain(k: ProxyContext, s: ServicePortInfo, hasExternal: boolean): void {
  const { ext, svc, svl } = s.chains;
  k.nat.chain(ext);
  if (!s.externalPolicyLocal) {
    // Cluster policy may pick an endpoint on another node: masquerade.
    const c = comment(`masquerade traffic for ${s.name} external destinations`);
    k.nat.rule(ext, c, '-j', 'KUBE-MARK-MASQ');
  } else {
    // Pod → external destination is short-circuited to all endpoints (as if it went out to the
    // load balancer and came back), unmasqueraded.
    if (k.detector !== undefined) {
      const c = comment(`pod traffic for ${s.name} external destinations`);
      k.nat.rule(ext, c, '-s', k.detector, '-j', svc);
    }
    // The node itself (or a local LB IP as source) still needs masquerade, and goes to SVC.
    const masq = comment(`masquerade LOCAL traffic for ${s.name} external destinations`);
    k.nat.rule(ext, masq, SRC_LOCAL, '-j', 'KUBE-MARK-MASQ');
    const route = comment(`route LOCAL traffic for ${s.name} external destinations`);
    k.nat.rule(ext, route, SRC_LOCAL, '-j', svc);
  }
  // Anything else falls through to the policy chain (none when eTP Local has no local endpoint).
  if (hasExternal) k.nat.rule(ext, '-j', s.externalPolicyLocal ? svl : svc);
}

/** KUBE-FW: allowed source ranges jump to KUBE-EXT; the rest falls to KUBE-PROXY-FIREWALL. */
export function writeFwChain(k: ProxyContext, s: ServicePortInfo): void {
  const { fw, ext } = s.chains;
  k.nat.chain(fw);
  const c = comment(`${s.name} loadbalancer IP`);
  let allowFromNode = false;
  for (const cidr of s.sourceRanges) {
    k.nat.rule(fw, c, '-s', cidr, '-j', ext);
    if (k.nodeIP !== undefined && cidrHolds(cidr, k.nodeIP)) allowFromNode = true;
  }
  // A node's request to a VIP-like LB IP loops back with the LB IP as source: allow it when the
  // source ranges admit the node.
  if (allowFromNode) for (const lb of s.loadBalancerIPs) k.nat.rule(fw, c, '-s', lb, '-j', ext);
  // Whatever reaches the end was not DNATed; filter KUBE-PROXY-FIREWALL drops it.
  k.nat.rule(fw, comment(`other traffic to ${s.name} will be dropped by KUBE-PROXY-FIREWALL`));
}

function cidrHolds(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  const a = parseIp(ip);
  return c.ok && a.ok && cidrContainsIp(c.value, a.value);
}
