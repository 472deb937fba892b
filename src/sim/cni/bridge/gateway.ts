/**
 * The address the bridge (cni0) takes in a node's pod range: the first host address, as the
 * bridge plugin's host-local IPAM does (gateway .1). If a pod was given that address explicitly
 * (imported data can be like that), the next free one; in a range too small for a gateway
 * (/32, or a /31 whose other address is a pod's), none — pods then reach the host by proxy ARP.
 */
import { cidrSize, nthIp, parseCidr, toNetwork } from '../../addr/cidr';
import { formatIp } from '../../addr/ip';

export interface Gateway {
  readonly ip: string;
  readonly prefix: number;
}

export function bridgeGateway(podCIDR: string, taken: ReadonlySet<string>): Gateway | undefined {
  const r = parseCidr(podCIDR);
  if (!r.ok) return undefined;
  const net = toNetwork(r.value);
  const size = cidrSize(net);
  const limit = size < 256n ? size : 256n;
  for (let i = 1n; i < limit; i++) {
    const a = nthIp(net, i);
    if (!a) return undefined;
    if (net.family === 4 && i === size - 1n && size > 2n) return undefined; // broadcast
    const t = formatIp(a);
    if (!taken.has(t)) return { ip: t, prefix: net.prefix };
  }
  return undefined;
}
