/**
 * kube-proxy's per-service and per-endpoint chain names (pkg/proxy/iptables/proxier.go,
 * portProtoHash / servicePortEndpointChainName): a prefix plus the first 16 characters of the
 * standard base32 encoding of SHA-256(servicePortName + protocol [+ endpoint]), which keeps the
 * name within iptables' 28-character limit.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (standard alphabet, with `=` padding as Go's base32.StdEncoding). */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += B32.charAt((acc >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  if (bits > 0) out += B32.charAt((acc << (5 - bits)) & 31);
  while (out.length % 8 !== 0) out += '=';
  return out;
}

const cache = new Map<string, string>();

/** The first 16 base32 characters of SHA-256(`s`) (memoised: names repeat on every node). */
export function hash16(s: string): string {
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  const h = base32(sha256(utf8ToBytes(s))).slice(0, 16);
  if (cache.size > 100_000) cache.clear();
  cache.set(s, h);
  return h;
}

/**
 * kube-proxy's ServicePortName string: "ns/name:port", or "ns/name" when the port is unnamed.
 * @example servicePortName('ns1', 'svc1', 'p80') // "ns1/svc1:p80"
 */
export function servicePortName(namespace: string, name: string, port: string): string {
  return port === '' ? `${namespace}/${name}` : `${namespace}/${name}:${port}`;
}

/** The chain names of one service port; `protocol` is lowercase ("tcp"). */
export interface ServiceChains {
  /** KUBE-SVC-: load-balances over cluster-wide endpoints (traffic policy Cluster). */
  readonly svc: string;
  /** KUBE-SVL-: load-balances over this node's endpoints (traffic policy Local). */
  readonly svl: string;
  /** KUBE-EXT-: external destinations (NodePort, externalIPs, load-balancer IPs). */
  readonly ext: string;
  /** KUBE-FW-: loadBalancerSourceRanges filtering. */
  readonly fw: string;
}

/**
 * KUBE-SVC/SVL/EXT/FW names of a service port.
 * @example serviceChains('ns1/svc1:p80', 'tcp').svc // "KUBE-SVC-XPGD46QRK7WJZT7O"
 */
export function serviceChains(svcPortName: string, protocol: string): ServiceChains {
  const h = hash16(svcPortName + protocol);
  return { svc: `KUBE-SVC-${h}`, svl: `KUBE-SVL-${h}`, ext: `KUBE-EXT-${h}`, fw: `KUBE-FW-${h}` };
}

/**
 * KUBE-SEP name of one endpoint of a service port (`endpoint` is "ip:port" or "[v6]:port").
 * @example endpointChain('ns1/svc1:p80', 'tcp', '10.180.0.1:80') // "KUBE-SEP-SXIVWICOYRO3J4NJ"
 */
export function endpointChain(svcPortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(svcPortName + protocol + endpoint)}`;
}
