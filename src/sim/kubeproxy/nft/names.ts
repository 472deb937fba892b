/**
 * kube-proxy's nftables chain and set names (pkg/proxy/nftables/proxier.go, hashAndTruncate):
 * the first 8 characters of base32(SHA-256(name)), "-", then the readable name
 * `ns/svc/proto/port` (an endpoint adds `__IP/port`, IPv6 colons as dots), cut to 240
 * characters ending in "..." (knftables' 256-character limit minus the longest prefix).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

import { base32 } from '../chainNames';

const BASE_MAX = 256 - 16;
const memo = new Map<string, string>();

/** The hash-prefixed, length-limited form of `name`. */
export function hashAndTruncate(name: string): string {
  const hit = memo.get(name);
  if (hit !== undefined) return hit;
  let out = `${base32(sha256(utf8ToBytes(name))).slice(0, 8)}-${name}`;
  if (out.length > BASE_MAX) out = `${out.slice(0, BASE_MAX - 3)}...`;
  if (memo.size > 100_000) memo.clear();
  memo.set(name, out);
  return out;
}

/**
 * The base of a service port's chain names.
 * @example servicePortBase('ns1', 'svc1', 'tcp', 'p80') // "ULMVA6XW-ns1/svc1/tcp/p80"
 */
export function servicePortBase(ns: string, svc: string, proto: string, port: string): string {
  return hashAndTruncate(`${ns}/${svc}/${proto}/${port}`);
}

/**
 * The base of an endpoint's chain and affinity-set names (`endpoint` is "ip:port" / "[v6]:port").
 * @example endpointBase('ns1', 'svc1', 'tcp', 'p80', '10.180.0.1:80') // "5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80"
 */
export function endpointBase(
  ns: string,
  svc: string,
  proto: string,
  port: string,
  ip: string,
  epPort: number,
): string {
  return hashAndTruncate(`${ns}/${svc}/${proto}/${port}__${ip.replaceAll(':', '.')}/${epPort}`);
}

/** The chains of one service port. */
export interface NftServiceChains {
  /** service-: load-balances over the endpoints for traffic policy Cluster. */
  readonly cluster: string;
  /** local-: over this node's endpoints (traffic policy Local). */
  readonly local: string;
  /** external-: entry for NodePorts, externalIPs and load-balancer IPs. */
  readonly external: string;
  /** firewall-: loadBalancerSourceRanges. */
  readonly firewall: string;
}

export function nftServiceChains(base: string): NftServiceChains {
  return {
    cluster: `service-${base}`,
    local: `local-${base}`,
    external: `external-${base}`,
    firewall: `firewall-${base}`,
  };
}
