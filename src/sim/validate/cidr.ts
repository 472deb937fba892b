/**
 * The address plan's settings — pod network, service range, node network — as Kubernetes reads
 * them: syntax (`cidr-invalid`), host bits (`cidr-host-bits`) and dual-stack families
 * (`cidr-family`). Owns turning settings text into the Plan the other checks use; it does not
 * judge sizes (masks.ts) or overlaps (overlaps.ts).
 */
import { formatCidr, hasHostBits, parseCidr, toNetwork, type Cidr } from '../addr/cidr';
import { isIp, parseIp, type Family } from '../addr/ip';
import type { ClusterSettings, NodeSubnet, Scenario } from '../model/scenario';

import { diagnostic, nodeRef, type Diagnostic, type Plan, type PlanRange } from './types';

/** How messages name one settings field, with example values to suggest. */
export interface SettingSpec {
  readonly key: 'podSubnet' | 'serviceSubnet' | 'nodeNetwork';
  readonly label: string;
  readonly example4: string;
  readonly example6: string;
}

/** `podSubnet` (kube-controller-manager `--cluster-cidr`). */
export const POD_SPEC: SettingSpec = {
  key: 'podSubnet',
  label: 'Pod CIDR',
  example4: '10.244.0.0/16',
  example6: 'fd00:10:244::/56',
};
/** `serviceSubnet` (kube-apiserver `--service-cluster-ip-range`). */
export const SVC_SPEC: SettingSpec = {
  key: 'serviceSubnet',
  label: 'Service CIDR',
  example4: '10.96.0.0/12',
  example6: 'fd00:10:96::/112',
};
/** One `nodeNetwork` subnet: where nodes' eth0 sit. */
export const NODE_SPEC: SettingSpec = {
  key: 'nodeNetwork',
  label: 'Node subnet',
  example4: '192.168.1.0/24',
  example6: 'fd00:192:168:1::/64',
};

/** "IPv4" or "IPv6", as the Kubernetes API spells families. */
export const familyName = (f: Family): string => (f === 4 ? 'IPv4' : 'IPv6');

/** Why `text` is not a CIDR, as a clause ("the prefix length must be 0–32"); '' if it is one. */
export function cidrReason(text: string): string {
  const r = parseCidr(text);
  if (r.ok) return '';
  if (!text.includes('/')) {
    return isIp(text) ? 'the prefix length is missing' : 'expected address/prefix';
  }
  const lead = `"${text}" is not a CIDR: `;
  return r.error.startsWith(lead) ? r.error.slice(lead.length) : r.error;
}

/** Why `text` is not an IP address, as a clause; '' if it is one. */
export function ipReason(text: string): string {
  if (parseIp(text).ok) return '';
  if (text.trim() === '') return 'it is empty';
  return text.includes('/') ? 'it is a CIDR; give a single address' : 'it is not an IP address';
}

/** `cidr-host-bits`: Kubernetes (Go's net.ParseCIDR) silently masks them off. */
export function hostBitsDiagnostic(
  label: string,
  text: string,
  c: Cidr,
  field: string,
  objects: readonly string[] = [],
): Diagnostic | undefined {
  if (!hasHostBits(c)) return undefined;
  const net = formatCidr(toNetwork(c));
  return diagnostic(
    'warning',
    'cidr-host-bits',
    `${label} ${text} has host bits set; did you mean ${net}? Kubernetes would use that block.`,
    { ranges: [text], objects, field },
  );
}

/**
 * Parses one settings value ("a" or the dual-stack "a,b"). Per kube-apiserver's and
 * kube-controller-manager's flag validation, a value holds at most two CIDRs, and two must be of
 * different families ("must contain at most one CIDR of each IP family").
 */
export function parseSetting(
  value: unknown,
  spec: SettingSpec,
  out: Diagnostic[],
  at: { readonly field: string; readonly name: string } = {
    field: `cluster.${spec.key}`,
    name: `${spec.label} (${spec.key})`,
  },
): PlanRange[] {
  const { field, name } = at;
  const text = typeof value === 'string' ? value : '';
  if (text.trim() === '') {
    out.push(
      diagnostic('error', 'cidr-invalid', `${name} is empty. Use a block like ${spec.example4}.`, {
        field,
      }),
    );
    return [];
  }
  const parts = text.split(',').map((p) => p.trim());
  const valid: PlanRange[] = [];
  for (const part of parts) {
    if (part === '') {
      out.push(
        diagnostic(
          'error',
          'cidr-invalid',
          `${name} "${text}" has an empty entry. Write one block, or an IPv4 and an IPv6 block separated by a comma.`,
          { field },
        ),
      );
      continue;
    }
    const r = parseCidr(part);
    if (!r.ok) {
      const example = part.includes(':') ? spec.example6 : spec.example4;
      out.push(
        diagnostic(
          'error',
          'cidr-invalid',
          `${name} "${part}" is not a CIDR: ${cidrReason(part)}. Use a block like ${example}.`,
          { field },
        ),
      );
      continue;
    }
    const hb = hostBitsDiagnostic(spec.label, part, r.value, field);
    if (hb) out.push(hb);
    valid.push({ label: spec.label, text: part, net: toNetwork(r.value), field, objects: [] });
  }
  if (parts.length > 2) {
    out.push(
      diagnostic(
        'error',
        'cidr-family',
        `${name} "${text}" lists ${parts.length} blocks: Kubernetes accepts at most two, one IPv4 and one IPv6.`,
        { ranges: valid.map((v) => v.text), field },
      ),
    );
  }
  const kept: PlanRange[] = [];
  for (const v of valid) {
    const first = kept.find((k) => k.net.family === v.net.family);
    if (!first) {
      kept.push(v);
      continue;
    }
    if (parts.length <= 2) {
      const fam = familyName(v.net.family);
      out.push(
        diagnostic(
          'error',
          'cidr-family',
          `${name} "${text}" has two ${fam} blocks: a dual-stack value must be one IPv4 and one IPv6 block. Remove one.`,
          { ranges: [first.text, v.text], field },
        ),
      );
    }
  }
  return kept;
}

/**
 * The node subnets the user gave (`nodeNetwork`), each parsed like a settings value. Subnets an
 * import inferred from the nodes' addresses are not ranges anyone gave: they are left out, so
 * nothing is reported about a block the input never named (the nodes' addresses still are).
 */
function parseSubnetList(value: unknown, out: Diagnostic[]): PlanRange[] {
  if (typeof value === 'string') return parseSetting(value, NODE_SPEC, out); // a v1 document
  if (!Array.isArray(value)) return [];
  const list = value as readonly Partial<NodeSubnet>[];
  return list.flatMap((sub, i) =>
    sub.inferred === true
      ? []
      : parseSetting(sub.cidr, NODE_SPEC, out, {
          field: `cluster.nodeNetwork[${i}].cidr`,
          name:
            list.length > 1
              ? `Node subnet ${i + 1} (nodeNetwork[${i}].cidr)`
              : 'Node network (nodeNetwork)',
        }).map((r) => ({ ...r, label: list.length > 1 ? 'Node subnet' : 'Node network' })),
  );
}

/** The settings half of validation: the Plan, and the problems found reading it. */
export function parsePlan(scenario: Scenario): { plan: Plan; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const s: Partial<ClusterSettings> = scenario.cluster ?? {};
  const plan: Plan = {
    pod: parseSetting(s.podSubnet, POD_SPEC, out),
    svc: parseSetting(s.serviceSubnet, SVC_SPEC, out),
    node: parseSubnetList(s.nodeNetwork, out),
  };
  out.push(...crossFamily(scenario, plan));
  return { plan, diagnostics: out };
}

/**
 * Families that do not line up between settings: ClusterIPs of a family the pods do not have are
 * unreachable from them, and pod ranges of a family the nodes have no address in cannot be
 * routed between nodes.
 */
function crossFamily(scenario: Scenario, plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  const podFams = new Set(plan.pod.map((r) => r.net.family));
  if (podFams.size > 0) {
    for (const svc of plan.svc) {
      if (podFams.has(svc.net.family)) continue;
      const fam = familyName(svc.net.family);
      out.push(
        diagnostic(
          'warning',
          'cidr-family',
          `Service CIDR ${svc.text} is ${fam} but the pod network (podSubnet) has no ${fam} block: pods cannot reach these ClusterIPs. Add an ${fam} pod block or use a service range of the pods' family.`,
          { ranges: [svc.text, ...plan.pod.map((p) => p.text)], field: svc.field },
        ),
      );
    }
  }
  // kube-apiserver: "ipFamilyPolicy: RequireDualStack" needs a dual-stack service range.
  (scenario.services ?? []).forEach((svc, i) => {
    if (svc.spec.ipFamilyPolicy !== 'RequireDualStack') return;
    if (new Set(plan.svc.map((r) => r.net.family)).size >= 2) return;
    const key = `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
    out.push(
      diagnostic(
        'error',
        'cidr-family',
        `Service ${key} asks for ipFamilyPolicy RequireDualStack but the service range (serviceSubnet ${plan.svc.map((r) => r.text).join(',') || 'unset'}) has one family: kube-apiserver rejects it. Add a block of the other family to serviceSubnet, or use PreferDualStack.`,
        {
          ranges: plan.svc.map((r) => r.text),
          objects: [`svc/${key}`],
          field: `services[${i}].spec.ipFamilyPolicy`,
        },
      ),
    );
  });
  if (plan.node.length === 0) return out;
  const nodeFams = new Set(plan.node.map((r) => r.net.family));
  for (const n of scenario.nodes ?? [])
    for (const a of n.status?.addresses ?? []) {
      const r = parseIp(a.address);
      if (r.ok) nodeFams.add(r.value.family);
    }
  (scenario.nodes ?? []).forEach((n, i) => {
    const given = (n.status?.addresses ?? []).filter((a) => a.type === 'InternalIP');
    const fams = new Set(
      given.flatMap((a) => {
        const r = parseIp(a.address);
        return r.ok ? [r.value.family] : [];
      }),
    );
    if (fams.size === 0) return; // addresses are allocated from the node network
    const name = n.metadata.name;
    const field = `nodes[${i}].status.addresses`;
    const list = given.map((a) => a.address).join(', ');
    // The node's pod ranges: pinned ones as given, else one per pod network family (allocated).
    const pinned = [...(n.spec?.podCIDRs ?? []), ...(n.spec?.podCIDR ? [n.spec.podCIDR] : [])];
    const rangeFams = new Set(
      pinned.length
        ? pinned.map((t) => (t.includes(':') ? 6 : 4))
        : plan.pod.map((r) => r.net.family),
    );
    for (const pod of plan.pod) {
      const f = pod.net.family;
      if (fams.has(f) || !nodeFams.has(f) || !rangeFams.has(f)) continue;
      const fam = familyName(pod.net.family);
      out.push(
        diagnostic(
          'warning',
          'cidr-family',
          `Node ${name} has no ${fam} address (InternalIP ${list}) but the pod network has the ${fam} block ${pod.text}: no node has a next hop for ${name}'s ${fam} pod range, so ${fam} pod traffic cannot cross to or from ${name}. Give ${name} an ${fam} InternalIP.`,
          { ranges: [pod.text], objects: [nodeRef(name)], field },
        ),
      );
    }
    for (const f of fams) {
      if (plan.node.some((r) => r.net.family === f)) continue;
      const fam = familyName(f);
      out.push(
        diagnostic(
          'warning',
          'cidr-family',
          `Node ${name}'s address ${list} is ${fam} but the node network (nodeNetwork ${plan.node.map((r) => r.text).join(',')}) has no ${fam} block: routes and the node network's gateway are worked out from it. Add an ${fam} block to nodeNetwork or give ${name} an address inside it.`,
          { ranges: plan.node.map((r) => r.text), objects: [nodeRef(name)], field },
        ),
      );
    }
  });
  for (const pod of plan.pod) {
    if (nodeFams.has(pod.net.family)) continue;
    const fam = familyName(pod.net.family);
    out.push(
      diagnostic(
        'warning',
        'cidr-family',
        `Pod CIDR ${pod.text} is ${fam} but the node network (nodeNetwork) has no ${fam} block and no node has an ${fam} address: ${fam} pod traffic cannot be routed between nodes. Add an ${fam} node network block.`,
        {
          ranges: [pod.text, ...plan.node.map((p) => p.text)],
          field: plan.node[0]?.field ?? 'cluster.nodeNetwork',
        },
      ),
    );
  }
  return out;
}
