/**
 * The node subnets: each given gateway must be a usable address of its subnet, and a datapath
 * that routes pod traffic straight to the other nodes (`routes`, host-gw) must not be asked to
 * cross subnets — the kernel refuses a next hop on no connected subnet (`cross-subnet-routes`).
 */
import { cidrContainsIp, lastIp, parseCidr, toNetwork } from '../addr/cidr';
import { formatIp, parseIp } from '../addr/ip';
import { subnetOfNode } from '../derive/subnets';
import type { NodeSubnet } from '../model/scenario';

import { familyName, ipReason } from './cidr';
import { diagnostic, listNames, nodeRef, type Diagnostic, type ValidateContext } from './types';

/** Each given gateway: an IP address, of a family the subnet has, a host address inside it. */
export function checkSubnetGateways(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const list = ctx.scenario.cluster?.nodeNetwork;
  if (!Array.isArray(list)) return out;
  (list as readonly Partial<NodeSubnet>[]).forEach((sub, i) => {
    if (typeof sub.gateway !== 'string' || sub.inferred === true) return;
    const field = `cluster.nodeNetwork[${i}].gateway`;
    const blocks = String(sub.cidr ?? '')
      .split(',')
      .map((t) => parseCidr(t.trim()))
      .flatMap((r) => (r.ok ? [toNetwork(r.value)] : []));
    for (const raw of sub.gateway.split(',').map((t) => t.trim())) {
      const r = parseIp(raw);
      if (!r.ok) {
        out.push(
          diagnostic(
            'error',
            'ip-invalid',
            `Node subnet ${sub.cidr ?? ''}'s gateway "${raw}" is not usable: ${ipReason(raw)}. Give the router's address on the subnet, e.g. its first address.`,
            { field },
          ),
        );
        continue;
      }
      const ip = formatIp(r.value);
      const host = `${ip}/${r.value.family === 4 ? 32 : 128}`;
      const block = blocks.find((b) => b.family === r.value.family);
      if (!block) {
        if (blocks.length > 0)
          out.push(
            diagnostic(
              'error',
              'cidr-family',
              `Node subnet ${sub.cidr ?? ''}'s gateway ${ip} is ${familyName(r.value.family)}, but the subnet has no ${familyName(r.value.family)} block. Remove it, or add that block to the subnet.`,
              { ranges: [host], field },
            ),
          );
        continue;
      }
      const text = `${formatIp({ family: block.family, n: block.addr })}/${block.prefix}`;
      const why = !cidrContainsIp(block, r.value)
        ? `is outside the subnet ${text}: a default route's gateway must be on the link`
        : r.value.n === block.addr
          ? `is the network address of ${text}`
          : block.family === 4 && r.value.n === lastIp(block).n && block.prefix < 31
            ? `is the broadcast address of ${text}`
            : undefined;
      if (why)
        out.push(
          diagnostic(
            'error',
            'ip-outside-range',
            `Node subnet ${text}'s gateway ${ip} ${why}. Use a host address of ${text} (clouds put the router on the first one).`,
            { ranges: [host, text], field },
          ),
        );
    }
  });
  return out;
}

/**
 * `cross-subnet-routes`: pod routes the CNI wanted between nodes of different given subnets,
 * refused by the kernel because their next hop is on no connected subnet. One warning per pair of
 * subnets. (Between subnets an import inferred, the import's note says it instead.)
 */
export function checkCrossSubnetRoutes(ctx: ValidateContext): Diagnostic[] {
  const pairs = new Map<string, { nodes: Set<string>; ranges: Set<string>; example: string }>();
  const { cluster } = ctx;
  for (const node of cluster.nodes)
    for (const x of node.rejectedRoutes) {
      if (x.existing !== undefined || x.route.via === undefined) continue;
      const peer = cluster.nodes.find((n) => n.ips.includes(x.route.via ?? ''));
      const a = subnetOfNode(cluster, node.name);
      const b = peer ? subnetOfNode(cluster, peer.name) : undefined;
      // Only subnets the input gave: an inferred /24 is a guess, not a fault to report.
      if (!peer || !a || !b || a.id === b.id || a.source !== 'given' || b.source !== 'given')
        continue;
      const [s1, s2] = a.id < b.id ? [a, b] : [b, a];
      const key = `${s1.id}|${s2.id}`;
      const p = pairs.get(key) ?? {
        nodes: new Set<string>(),
        ranges: new Set([...s1.cidrs, ...s2.cidrs]),
        example: `ip route add ${x.route.text} on ${node.name}: ${x.error.replace(/^Error: /, '').replace(/\.$/, '')}`,
      };
      p.nodes.add(node.name);
      p.nodes.add(peer.name);
      pairs.set(key, p);
    }
  const mode = cluster.settings.cni.mode;
  return [...pairs.values()].map((p) => {
    const ranges = [...p.ranges];
    const nodes = [...p.nodes].sort();
    return diagnostic(
      'warning',
      'cross-subnet-routes',
      `CNI mode ${mode === 'routes' ? 'routes (host-gw)' : mode} sends pod traffic straight to the other node, which needs both nodes on one subnet: ${listNames(nodes, 6)} are on different subnets (${ranges.join(' and ')}), so the kernel refuses those routes (${p.example}) and their pod traffic goes to the router, which has no pod routes. Use the VXLAN overlay, or cloud-routes (the router holds each node's pod range).`,
      { ranges, objects: nodes.map(nodeRef), field: 'cluster.cni.mode' },
    );
  });
}
