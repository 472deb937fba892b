/**
 * Addresses given on Pods and Services: valid IPs (`ip-invalid`), one per family
 * (`cidr-family`), inside the range they are drawn from (`ip-outside-range`). Addresses the
 * explorer allocated are correct by construction and not judged here.
 */
import { cidrContainsIp, lastIp, parseCidr, toNetwork, type Cidr } from '../addr/cidr';
import { formatIp, parseIp, type Ip } from '../addr/ip';
import { keyOf } from '../model/labels';

import { familyName, ipReason } from './cidr';
import {
  diagnostic,
  podRef,
  svcRef,
  type Diagnostic,
  type PlanRange,
  type ValidateContext,
} from './types';

interface Given {
  readonly text: string;
  readonly field: string;
  /** How the message names the field: "status.podIPs[1].ip". */
  readonly where: string;
}

/** Pod IPs as given: `status.podIPs` wins over `status.podIP`, as the API defaults them. */
function givenPodIps(ctx: ValidateContext, i: number): Given[] {
  const st = ctx.scenario.pods[i]?.status;
  if (st?.podIPs && st.podIPs.length > 0)
    return st.podIPs.map((p, j) => ({
      text: p.ip,
      field: `pods[${i}].status.podIPs[${j}].ip`,
      where: `status.podIPs[${j}].ip`,
    }));
  return st?.podIP !== undefined
    ? [{ text: st.podIP, field: `pods[${i}].status.podIP`, where: 'status.podIP' }]
    : [];
}

/** ClusterIPs as given: `spec.clusterIPs` wins over `spec.clusterIP`; "None" is headless. */
function givenClusterIps(ctx: ValidateContext, i: number): Given[] {
  const spec = ctx.scenario.services[i]?.spec;
  const list: Given[] =
    spec?.clusterIPs && spec.clusterIPs.length > 0
      ? spec.clusterIPs.map((t, j) => ({
          text: t,
          field: `services[${i}].spec.clusterIPs[${j}]`,
          where: `spec.clusterIPs[${j}]`,
        }))
      : spec?.clusterIP !== undefined
        ? [
            {
              text: spec.clusterIP,
              field: `services[${i}].spec.clusterIP`,
              where: 'spec.clusterIP',
            },
          ]
        : [];
  return list.filter((g) => g.text !== 'None' && g.text !== '');
}

const hostText = (a: Ip): string => `${formatIp(a)}/${a.family === 4 ? 32 : 128}`;

/**
 * The network address, the gateway (the bridge plugin puts cni0 on the first host address) and,
 * for IPv4 blocks up to /30, the broadcast: host-local never hands them to a pod.
 */
function reservedRole(net: Cidr, a: Ip, podRange = true): string | undefined {
  const tiny = net.prefix >= (net.family === 4 ? 31 : 127);
  if (tiny) return undefined;
  if (a.n === net.addr) return 'network address';
  // cni0 takes a pod range's first address; a service range's first one is an ordinary ClusterIP
  // (kube-apiserver gives it to the `kubernetes` Service).
  if (podRange && a.n === net.addr + 1n) return "gateway address (cni0's)";
  if (net.family === 4 && a.n === lastIp(net).n) return 'broadcast address';
  return undefined;
}

/**
 * Parses a list of given addresses, reporting invalid text and a second address of one family
 * (the API allows one per family, primary first).
 */
function parseGiven(
  list: readonly Given[],
  owner: string,
  objects: readonly string[],
  fix: string,
  out: Diagnostic[],
): { ip: Ip; g: Given }[] {
  const ok: { ip: Ip; g: Given }[] = [];
  for (const g of list) {
    const r = parseIp(g.text);
    if (!r.ok) {
      out.push(
        diagnostic(
          'error',
          'ip-invalid',
          `${owner} (${g.where}) "${g.text}" is not usable: ${ipReason(g.text)}. ${fix}`,
          {
            objects,
            field: g.field,
          },
        ),
      );
      continue;
    }
    const twin = ok.find((o) => o.ip.family === r.value.family);
    if (twin) {
      out.push(
        diagnostic(
          'error',
          'cidr-family',
          `${owner}s ${formatIp(twin.ip)} and ${formatIp(r.value)} are both ${familyName(r.value.family)}: Kubernetes allows one address per IP family. Remove one.`,
          { ranges: [hostText(twin.ip), hostText(r.value)], objects, field: g.field },
        ),
      );
      continue;
    }
    ok.push({ ip: r.value, g });
  }
  return ok;
}

/** Given pod IPs: valid, one per family, inside the node's pod range (or the pod network). */
export function checkPodIps(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  (ctx.scenario.pods ?? []).forEach((pod, i) => {
    const key = keyOf(pod.metadata);
    const objects = [podRef(key)];
    const fix = 'Remove it to let IPAM allocate one.';
    const ips = parseGiven(givenPodIps(ctx, i), `Pod ${key}'s IP`, objects, fix, out);
    if (pod.spec.hostNetwork === true) return; // it shares its node's addresses
    const derived = ctx.cluster.podByKey.get(key);
    const node =
      derived?.nodeName !== undefined ? ctx.cluster.nodeByName.get(derived.nodeName) : undefined;
    for (const { ip, g } of ips) {
      const ranges: PlanRange[] = [];
      for (const t of node?.podCIDRs ?? []) {
        const r = parseCidr(t);
        if (r.ok && r.value.family === ip.family)
          ranges.push({
            label: `node ${node?.name ?? ''}'s pod range`,
            text: t,
            net: toNetwork(r.value),
            objects: [],
          });
      }
      const inNode = ranges.length > 0;
      if (!inNode)
        for (const p of ctx.plan.pod)
          if (p.net.family === ip.family) ranges.push({ ...p, label: 'Pod CIDR' });
      if (ranges.length === 0 && ctx.plan.pod.length === 0) continue;
      const where = `Pod ${key}'s IP (${g.where}) ${formatIp(ip)}`;
      const range = ranges[0];
      if (!range) {
        out.push(
          diagnostic(
            'error',
            'ip-outside-range',
            `${where} is ${familyName(ip.family)} but the pod network has no ${familyName(ip.family)} block. Remove it to let IPAM allocate one.`,
            { ranges: [hostText(ip), ...ctx.plan.pod.map((p) => p.text)], objects, field: g.field },
          ),
        );
        continue;
      }
      const objs = node && inNode ? [...objects, `node/${node.name}`] : objects;
      if (!cidrContainsIp(range.net, ip)) {
        out.push(
          diagnostic(
            'error',
            'ip-outside-range',
            `${where} is outside ${inNode ? 'its ' : ''}${range.label} ${range.text}: routes to that address lead elsewhere, so replies never reach the pod. Use an address in ${range.text}, or remove ${g.where} to let IPAM allocate one.`,
            { ranges: [hostText(ip), range.text], objects: objs, field: g.field },
          ),
        );
        continue;
      }
      const role = inNode ? reservedRole(range.net, ip) : undefined;
      if (role)
        out.push(
          diagnostic(
            'error',
            'ip-outside-range',
            `${where} is the ${role} of ${range.label} ${range.text}, which host-local IPAM never hands out. Use another address in ${range.text}.`,
            { ranges: [hostText(ip), range.text], objects: objs, field: g.field },
          ),
        );
    }
  });
  return out;
}

/**
 * Given ClusterIPs: kube-apiserver rejects an address outside the service range ("provided IP is
 * not in the valid range") and its allocator reserves the network address (and, for IPv4, the
 * broadcast address). External and load-balancer IPs must be IPs (ValidateService).
 */
export function checkServiceIps(ctx: ValidateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  (ctx.scenario.services ?? []).forEach((svc, i) => {
    const key = keyOf(svc.metadata);
    const objects = [svcRef(key)];
    const svcRange = ctx.plan.svc[0];
    const fix = svcRange
      ? `Remove it to have one allocated from ${svcRange.text}.`
      : 'Remove it to have one allocated.';
    const ips = parseGiven(
      givenClusterIps(ctx, i),
      `Service ${key}'s ClusterIP`,
      objects,
      fix,
      out,
    );
    for (const { ip, g } of ips) {
      if (ctx.plan.svc.length === 0) break;
      const where = `Service ${key}'s ClusterIP (${g.where}) ${formatIp(ip)}`;
      const range = ctx.plan.svc.find((r) => r.net.family === ip.family);
      const all = ctx.plan.svc.map((r) => r.text);
      if (!range || !cidrContainsIp(range.net, ip)) {
        const what = range
          ? `outside the service range ${range.text}`
          : `${familyName(ip.family)} but the service range ${all.join(',')} has no ${familyName(ip.family)} block`;
        out.push(
          diagnostic(
            'error',
            'ip-outside-range',
            `${where} is ${what}: kube-apiserver rejects it ("provided IP is not in the valid range"). ${fix}`,
            { ranges: [hostText(ip), ...(range ? [range.text] : all)], objects, field: g.field },
          ),
        );
        continue;
      }
      const role = reservedRole(range.net, ip, false);
      if (role)
        out.push(
          diagnostic(
            'error',
            'ip-outside-range',
            `${where} is the ${role} of the service range ${range.text}, which kube-apiserver never allocates. Pick another address in ${range.text}.`,
            { ranges: [hostText(ip), range.text], objects, field: g.field },
          ),
        );
    }
    (svc.spec.externalIPs ?? []).forEach((t, j) => {
      if (!parseIp(t).ok)
        out.push(
          diagnostic(
            'error',
            'ip-invalid',
            `Service ${key}'s external IP (spec.externalIPs[${j}]) "${t}" is not usable: ${ipReason(t)}. Give a single address, like 203.0.113.10.`,
            {
              objects,
              field: `services[${i}].spec.externalIPs[${j}]`,
            },
          ),
        );
    });
    (svc.status?.loadBalancer?.ingress ?? []).forEach((ing, j) => {
      if (ing.ip !== undefined && !parseIp(ing.ip).ok)
        out.push(
          diagnostic(
            'error',
            'ip-invalid',
            `Service ${key}'s load-balancer IP (status.loadBalancer.ingress[${j}].ip) "${ing.ip}" is not usable: ${ipReason(ing.ip)}. Remove it to have one assigned.`,
            {
              objects,
              field: `services[${i}].status.loadBalancer.ingress[${j}].ip`,
            },
          ),
        );
    });
  });
  return out;
}
