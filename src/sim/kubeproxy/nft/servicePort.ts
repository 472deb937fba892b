/**
 * What kube-proxy's nftables proxier writes for one service port (proxier.go syncProxyRules, the
 * per-service loop): the cluster-ips element; service-ips / service-nodeports / firewall-ips
 * elements, or no-endpoint-services / no-endpoint-nodeports drop and reject elements; the
 * ClusterIP masquerade rule; the external- chain (masquerade for eTP Cluster, the pod and local
 * short-circuits for eTP Local); the firewall- chain; affinity sets; the service- and local-
 * chains' `numgen random mod N vmap`; one endpoint- chain per endpoint (hairpin masquerade,
 * affinity update, DNAT).
 */
import { cidrContainsIp, parseCidr } from '../../addr/cidr';
import { parseIp } from '../../addr/ip';
import type { Categorized, EndpointInfo } from '../endpoints';
import {
  externallyAccessible,
  usesClusterEndpoints,
  usesLocalEndpoints,
  type ServicePortInfo,
} from '../services';

import type { NftContext } from './context';
import { endpointBase, nftServiceChains, servicePortBase } from './names';

const MASQ = 'jump mark-for-masquerade';

export function writeServicePort(k: NftContext, s: ServicePortInfo, cat: Categorized): void {
  const { tx, ipX } = k;
  const svc = s.service;
  const base = servicePortBase(svc.namespace, svc.name, s.proto, s.portName);
  const ch = nftServiceChains(base);
  const ep = (e: EndpointInfo): string =>
    endpointBase(svc.namespace, svc.name, s.proto, s.portName, e.ip, e.port);
  const { hasEndpoints } = cat;
  const hasLocal = cat.local.length > 0;

  for (const e of cat.reachable) tx.chain(`endpoint-${ep(e)}`);
  const usesCluster = cat.cluster.length > 0 && usesClusterEndpoints(s);
  if (usesCluster) tx.chain(ch.cluster);
  const usesLocal = hasLocal && usesLocalEndpoints(s);
  if (usesLocal) tx.chain(ch.local);
  const internalChain = s.internalPolicyLocal ? ch.local : ch.cluster;
  const hasInternal = hasEndpoints && (!s.internalPolicyLocal || hasLocal);
  const externalPolicyChain = s.externalPolicyLocal ? ch.local : ch.cluster;
  const hasExternal = hasEndpoints && (!s.externalPolicyLocal || hasLocal);
  // The external chain is needed even without external endpoints: it short-circuits pod and
  // node traffic to all endpoints.
  const usesExternal = hasEndpoints && externallyAccessible(s);
  if (usesExternal) tx.chain(ch.external);
  const noEndpoints = 'goto reject-chain';
  const internalVerdict = !hasEndpoints ? noEndpoints : 'drop';
  const externalVerdict = !hasEndpoints ? noEndpoints : 'drop';
  const key = (ip: string): (string | number)[] => [ip, s.proto, s.port];

  tx.element('cluster-ips', [s.clusterIP]);
  if (hasInternal) tx.element('service-ips', key(s.clusterIP), `goto ${internalChain}`);
  else tx.element('no-endpoint-services', key(s.clusterIP), internalVerdict, s.name);
  for (const ip of s.externalIPs) {
    if (hasEndpoints) tx.element('service-ips', key(ip), `goto ${ch.external}`);
    if (!hasExternal) tx.element('no-endpoint-services', key(ip), externalVerdict, s.name);
  }
  const usesFirewall = s.loadBalancerIPs.length > 0 && s.sourceRanges.length > 0;
  if (usesFirewall) tx.chain(ch.firewall);
  for (const ip of s.loadBalancerIPs) {
    if (hasEndpoints) tx.element('service-ips', key(ip), `goto ${ch.external}`);
    if (usesFirewall) tx.element('firewall-ips', key(ip), `goto ${ch.firewall}`);
  }
  if (!hasExternal)
    for (const ip of s.loadBalancerIPs)
      tx.element('no-endpoint-services', key(ip), externalVerdict, s.name);
  if (s.nodePort !== 0) {
    // NodePorts are not subject to loadBalancerSourceRanges.
    if (hasEndpoints) tx.element('service-nodeports', [s.proto, s.nodePort], `goto ${ch.external}`);
    if (!hasExternal)
      tx.element('no-endpoint-nodeports', [s.proto, s.nodePort], externalVerdict, s.name);
  }

  if (hasInternal) {
    // Off-cluster traffic to a ClusterIP may bounce to another node: masquerade it.
    if (k.masqueradeAll) tx.rule(internalChain, [ipX, 'daddr', s.clusterIP, MASQ]);
    else if (k.detector !== undefined)
      tx.rule(internalChain, [ipX, 'daddr', s.clusterIP, ipX, 'saddr !=', k.detector, MASQ]);
  }
  if (usesExternal) writeExternalChain(k, s, ch, hasExternal ? externalPolicyChain : undefined);
  if (usesFirewall) writeFirewallChain(k, s, ch.firewall);
  if (s.clientIPAffinity)
    for (const e of cat.reachable)
      tx.set(`affinity-${ep(e)}`, k.addrType, {
        flags: 'dynamic,timeout',
        timeout: s.affinitySeconds,
      });
  if (usesCluster) writeLoadBalancing(k, s, ch.cluster, cat.cluster, ep);
  if (usesLocal) writeLoadBalancing(k, s, ch.local, cat.local, ep);
  for (const e of cat.reachable) {
    const chain = `endpoint-${ep(e)}`;
    // Hairpin: an endpoint reaching itself through the Service is masqueraded.
    tx.rule(chain, [ipX, 'saddr', e.ip, MASQ]);
    if (s.clientIPAffinity) tx.rule(chain, ['update', `@affinity-${ep(e)}`, '{', ipX, 'saddr }']);
    tx.rule(chain, ['meta l4proto', s.proto, 'dnat to', e.text]);
  }
}

function writeExternalChain(
  k: NftContext,
  s: ServicePortInfo,
  ch: ReturnType<typeof nftServiceChains>,
  policyChain: string | undefined,
): void {
  const { tx, ipX } = k;
  if (!s.externalPolicyLocal) tx.rule(ch.external, [MASQ]);
  else {
    // Pods going to an external address are sent to all endpoints, unmasqueraded, as if they
    // had gone out to the load balancer and come back.
    if (k.detector !== undefined)
      tx.rule(
        ch.external,
        [ipX, 'saddr', k.detector, 'goto', ch.cluster],
        'short-circuit pod traffic',
      );
    // The node itself (its source is a local address) still needs masquerade.
    tx.rule(ch.external, ['fib saddr type local', MASQ], 'masquerade local traffic');
    tx.rule(ch.external, ['fib saddr type local goto', ch.cluster], 'short-circuit local traffic');
  }
  if (policyChain !== undefined) tx.rule(ch.external, ['goto', policyChain]);
}

/** `ip saddr != { ranges } drop`; a VIP-like LB IP loops back as source when the node is allowed. */
function writeFirewallChain(k: NftContext, s: ServicePortInfo, chain: string): void {
  const sources = [...s.sourceRanges];
  const node = k.nodeIP !== undefined ? parseIp(k.nodeIP) : undefined;
  const allowFromNode = s.sourceRanges.some((r) => {
    const c = parseCidr(r);
    return c.ok && node?.ok === true && cidrContainsIp(c.value, node.value);
  });
  if (allowFromNode) sources.push(...s.loadBalancerIPs);
  k.tx.rule(chain, [k.ipX, 'saddr != {', sources.join(', '), '} drop']);
}

/** Affinity lookups, then one `numgen random mod N vmap` over the endpoint chains. */
function writeLoadBalancing(
  k: NftContext,
  s: ServicePortInfo,
  chain: string,
  endpoints: readonly EndpointInfo[],
  ep: (e: EndpointInfo) => string,
): void {
  if (s.clientIPAffinity)
    for (const e of endpoints)
      k.tx.rule(chain, [k.ipX, 'saddr', `@affinity-${ep(e)}`, 'goto', `endpoint-${ep(e)}`]);
  const elements = endpoints.map((e, i) => `${i} : goto endpoint-${ep(e)}`).join(' , ');
  k.tx.rule(chain, ['numgen random mod', endpoints.length, 'vmap {', elements, '}']);
}
