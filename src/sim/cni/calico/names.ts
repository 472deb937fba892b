/**
 * Names Calico derives: a workload's host-side veth is `cali` + the first 11 hex digits of
 * SHA-1("<namespace>.<pod>") (libcalico-go VethNameForWorkload, FELIX_INTERFACEPREFIX "cali"), so
 * default/a is `caliacd53aa4120`; its MAC is always ee:ee:ee:ee:ee:ee (the CNI plugin sets it).
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const CALI_MAC = 'ee:ee:ee:ee:ee:ee';
/** The pods' gateway: nobody owns it; the host end of the veth answers ARP by proxy ARP. */
export const CALI_GATEWAY = '169.254.1.1';
/** The IPv6 gateway: the link-local address of the host end (from its MAC, EUI-64). */
export const CALI_GATEWAY6 = 'fe80::ecee:eeff:feee:eeee';
export const TUNL0 = 'tunl0';
export const VXLAN_CALICO = 'vxlan.calico';

/** `cali` + 11 hex digits of SHA-1("namespace.pod"). */
export function caliName(namespace: string, pod: string): string {
  return `cali${bytesToHex(sha1(utf8ToBytes(`${namespace}.${pod}`))).slice(0, 11)}`;
}
