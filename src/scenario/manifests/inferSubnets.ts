/**
 * The node subnets read off Node objects when no ExplorerSettings document gives them. A node's
 * address is never widened into a block holding other nodes: it sits on the block its Calico
 * annotation states (`projectcalico.org/IPv4Address: 10.0.1.5/24`, which Calico's node agent
 * copies from the interface), else on the /24 (/64) around it — the most common subnet size.
 * Nodes on the same block(s) share one subnet; each inferred subnet is one note.
 */
import {
  formatCidr,
  parseCidr,
  parseIp,
  toNetwork,
  type Cidr,
  type Family,
  type Node,
  type NodeSubnet,
} from '@/sim';

import type { Inferred } from './infer';

const ASSUMED_PREFIX: Readonly<Record<Family, number>> = { 4: 24, 6: 64 };
const CALICO_ADDRESS: Readonly<Record<Family, string>> = {
  4: 'projectcalico.org/IPv4Address',
  6: 'projectcalico.org/IPv6Address',
};

/** The block a node address sits on, and whether an annotation said so. */
function blockFor(node: Node, ipText: string): { block: Cidr; stated: boolean } | undefined {
  const a = parseIp(ipText);
  if (!a.ok) return undefined;
  const annotated = node.metadata.annotations?.[CALICO_ADDRESS[a.value.family]];
  const c = annotated !== undefined ? parseCidr(annotated.trim()) : undefined;
  if (c?.ok && c.value.family === a.value.family && c.value.addr === a.value.n)
    return { block: toNetwork(c.value), stated: true };
  const prefix = ASSUMED_PREFIX[a.value.family];
  return { block: toNetwork({ family: a.value.family, addr: a.value.n, prefix }), stated: false };
}

/** The subnets the nodes' InternalIPs imply, in order of appearance; undefined when none. */
export function inferNodeSubnets(nodes: readonly Node[]): Inferred<NodeSubnet[]> | undefined {
  const groups = new Map<string, { nodes: string[]; stated: boolean }>();
  for (const n of nodes) {
    const ips = (n.status?.addresses ?? []).filter((a) => a.type === 'InternalIP');
    const blocks: { block: Cidr; stated: boolean }[] = [];
    for (const a of ips) {
      const b = blockFor(n, a.address);
      if (b && !blocks.some((x) => x.block.family === b.block.family)) blocks.push(b);
    }
    if (blocks.length === 0) continue;
    const key = blocks.map((b) => formatCidr(b.block)).join(',');
    const g = groups.get(key) ?? { nodes: [], stated: true };
    g.nodes.push(n.metadata.name);
    g.stated &&= blocks.every((b) => b.stated);
    groups.set(key, g);
  }
  if (groups.size === 0) return undefined;
  const value: NodeSubnet[] = [];
  const notes: string[] = [];
  for (const [cidr, g] of groups) {
    value.push({ cidr, inferred: true });
    const who =
      g.nodes.length > 3
        ? `${g.nodes.slice(0, 3).join(', ')} and ${g.nodes.length - 3} more`
        : g.nodes.join(', ');
    notes.push(
      `Node subnet ${cidr} inferred from the InternalIP of ${who} (${g.stated ? "the node's projectcalico.org address annotation" : 'the /24 or /64 around it; the actual prefix is not in a Node object'}); add an ExplorerSettings document (nodeNetwork) to set it.`,
    );
  }
  return { value, notes };
}
