/**
 * Node objects: the pod range each node was given (`spec.podCIDR(s)`) and its addresses
 * (`status.addresses`). Ranges and addresses allocated by the explorer are correct by
 * construction; only values given explicitly are judged here.
 */
import {
  cidrContainsCidr,
  cidrContainsIp,
  cidrsOverlap,
  formatCidr,
  lastIp,
  nthSubnet,
  parseCidr,
  toNetwork,
  type Cidr,
} from '../addr/cidr';
import { formatIp, parseIp } from '../addr/ip';
import { givenPodCIDRs } from '../derive/nodes';
import { blockOf } from '../derive/subnets';
import type { Node } from '../model/k8s';

import { cidrReason, familyName, hostBitsDiagnostic, ipReason } from './cidr';
import { nodeMaskFor } from './masks';
import {
  diagnostic,
  nodeRef,
  type Diagnostic,
  type PlanRange,
  type ValidateContext,
} from './types';

/** The field a node's j-th given pod range was written in. */
export function nodeRangeField(n: Node, i: number, j: number): string {
  return n.spec?.podCIDRs && n.spec.podCIDRs.length > 0
    ? `nodes[${i}].spec.podCIDRs[${j}]`
    : `nodes[${i}].spec.podCIDR`;
}

const MAX_SUGGESTION_SCAN = 4096;

/** The first node-sized range of `pod` that no node uses, as kube-controller-manager would pick. */
export function freeNodeRange(ctx: ValidateContext, pod: PlanRange): string | undefined {
  const mask = nodeMaskFor(ctx.scenario.cluster ?? {}, pod.net.family);
  if (mask === undefined || mask < pod.net.prefix) return undefined;
  // Also keep clear of the service range and the node network: a suggestion must be clean.
  const used: Cidr[] = [...ctx.plan.svc, ...ctx.plan.node].map((r) => r.net);
  for (const n of ctx.cluster.nodes)
    for (const t of n.podCIDRs) {
      const r = parseCidr(t);
      if (r.ok) used.push(toNetwork(r.value));
    }
  for (let k = 0; k < MAX_SUGGESTION_SCAN; k++) {
    const cand = nthSubnet(pod.net, mask, k);
    if (!cand) return undefined;
    if (!used.some((u) => cidrsOverlap(u, cand))) return formatCidr(cand);
  }
  return undefined;
}

/** Syntax, host bits, families and containment of every node's given pod ranges. */
export function checkNodeRanges(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { plan } = ctx;
  (ctx.scenario.nodes ?? []).forEach((n, i) => {
    const name = n.metadata.name;
    const objects = [nodeRef(name)];
    const given = givenPodCIDRs(n);
    const label = `Node ${name}'s pod range`;
    const pluralField = n.spec?.podCIDRs && n.spec.podCIDRs.length > 0;
    if (given.length > 2) {
      out.push(
        diagnostic(
          'error',
          'cidr-family',
          `Node ${name}'s pod ranges (spec.podCIDRs) list ${given.length} blocks: a node has at most two, one per IP family. Remove the extra ones.`,
          { ranges: given, objects, field: `nodes[${i}].spec.podCIDRs` },
        ),
      );
    }
    const seen: { text: string; net: Cidr }[] = [];
    given.forEach((raw, j) => {
      const text = raw.trim();
      const field = nodeRangeField(n, i, j);
      const where = pluralField ? `spec.podCIDRs[${j}]` : 'spec.podCIDR';
      const r = parseCidr(text);
      if (!r.ok) {
        const pod =
          plan.pod.find((p) => p.net.family === (text.includes(':') ? 6 : 4)) ?? plan.pod[0];
        const hint = pod
          ? (freeNodeRange(ctx, pod) ?? `a block inside ${pod.text}`)
          : '10.244.1.0/24';
        out.push(
          diagnostic(
            'error',
            'cidr-invalid',
            `${label} (${where}) "${text}" is not a CIDR: ${cidrReason(text)}. Use a block inside the pod network, like ${hint}.`,
            { objects, field },
          ),
        );
        return;
      }
      const hb = hostBitsDiagnostic(label, text, r.value, field, objects);
      if (hb) out.push(hb);
      const net = toNetwork(r.value);
      const fam = familyName(net.family);
      const twin = seen.find((s) => s.net.family === net.family);
      seen.push({ text, net });
      if (twin) {
        out.push(
          diagnostic(
            'error',
            'cidr-family',
            `Node ${name} has two ${fam} pod ranges, ${twin.text} and ${text}: kube-apiserver accepts at most one per IP family. Remove one.`,
            { ranges: [twin.text, text], objects, field },
          ),
        );
        return;
      }
      if (plan.pod.length === 0) return;
      const pod = plan.pod.find((p) => p.net.family === net.family);
      if (!pod) {
        const other = plan.pod.map((p) => p.text).join(',');
        out.push(
          diagnostic(
            'error',
            'cidr-family',
            `${label} ${text} is ${fam} but the pod network (podSubnet ${other}) has no ${fam} block. Use a range inside ${other}, or add an ${fam} block to podSubnet.`,
            { ranges: [text, ...plan.pod.map((p) => p.text)], objects, field },
          ),
        );
        return;
      }
      if (cidrContainsCidr(pod.net, net)) return;
      const free = freeNodeRange(ctx, pod);
      const suggestion = free ? ` such as ${free}` : '';
      out.push(
        diagnostic(
          'error',
          'podcidr-outside-cluster',
          `${label} ${text} is outside Pod CIDR ${pod.text}: kube-proxy and the CNI treat its pods as outside the cluster (their traffic to Services is masqueraded). Use a range inside ${pod.text}${suggestion}, or remove ${where} to have one allocated.`,
          { ranges: [text, pod.text], objects, field },
        ),
      );
    });
  });
  return out;
}

/** Node addresses: valid IPs, inside the node network, not its network, gateway or broadcast. */
export function checkNodeAddresses(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const nets = ctx.plan.node;
  (ctx.scenario.nodes ?? []).forEach((n, i) => {
    const name = n.metadata.name;
    const objects = [nodeRef(name)];
    (n.status?.addresses ?? []).forEach((a, j) => {
      if (a.type !== 'InternalIP' && a.type !== 'ExternalIP') return;
      const field = `nodes[${i}].status.addresses[${j}].address`;
      const where = `${a.type} (status.addresses[${j}].address)`;
      const r = parseIp(a.address);
      if (!r.ok) {
        const hint = nets[0] ? ` Use an address in the node network ${nets[0].text}.` : '';
        out.push(
          diagnostic(
            'error',
            'ip-invalid',
            `Node ${name}'s ${where} "${a.address}" is not usable: ${ipReason(a.address)}.${hint}`,
            { objects, field },
          ),
        );
        return;
      }
      if (a.type !== 'InternalIP') return;
      const ipText = formatIp(r.value);
      const same = nets.filter((x) => x.net.family === r.value.family);
      if (same.length === 0) return;
      const net = same.find((x) => cidrContainsIp(x.net, r.value));
      const host = `${ipText}/${r.value.family === 4 ? 32 : 128}`;
      if (!net) {
        const list = same.map((x) => x.text).join(', ');
        const own = blockOf(ctx.cluster.subnets, ipText)?.subnet.cidrs.join(',') ?? 'its own /24';
        out.push(
          diagnostic(
            'warning',
            'ip-outside-range',
            `Node ${name}'s InternalIP ${ipText} is in none of the node subnets (${list}): ${name} is taken to sit on a subnet of its own, ${own}, reached from the others only through the router. Use an address in ${same[0]?.text ?? ''}, or add ${name}'s subnet to nodeNetwork.`,
            { ranges: [host, ...same.map((x) => x.text)], objects, field },
          ),
        );
        return;
      }
      const gateway = blockOf(ctx.cluster.subnets, ipText)?.gateway;
      const isBroadcast =
        r.value.family === 4 && r.value.n === lastIp(net.net).n && net.net.prefix < 31;
      const small = net.net.prefix >= bitsLen(r.value.family) - 1; // /31, /32: no reserved addresses
      const role = small
        ? undefined
        : r.value.n === net.net.addr
          ? 'the network address of the node subnet %s, which no host can use'
          : ipText === gateway
            ? "the node subnet %s's default gateway, which its router holds"
            : isBroadcast
              ? 'the broadcast address of the node subnet %s, which no host can use'
              : undefined;
      if (role)
        out.push(
          diagnostic(
            'warning',
            'ip-outside-range',
            `Node ${name}'s InternalIP ${ipText} is ${role.replace('%s', net.text)}. Pick another address in ${net.text}.`,
            { ranges: [host, net.text], objects, field },
          ),
        );
    });
  });
  return out;
}

const bitsLen = (f: 4 | 6): number => (f === 4 ? 32 : 128);
