/**
 * The lookup tables a lab's `probe` resolves refs with, written as bash `case` statements for
 * this cluster: the same refs `k8snet trace` takes (pod/NS/NAME, NS/NAME, deploy|sts|ds|rs|job/
 * NS/NAME, svc/NS/NAME, NAME.NS.svc.DOMAIN, node/NAME), each to the namespace a probe runs in
 * (as a source) or the address it connects to (as a destination).
 */
import type { WorkloadKind } from '../model/k8s';
import { defaultEntryNode } from '../trace/target';

import type { LabPlan } from './plan';
import { shq } from './shell';

const WORKLOAD: Readonly<Record<WorkloadKind, string>> = {
  Deployment: 'deploy',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  ReplicaSet: 'rs',
  Job: 'job',
};
const v4 = (ip: string): boolean => !ip.includes(':');

/** A bash function: one `case` arm per value, patterns single-quoted (matched literally). */
function table(name: string, rows: readonly (readonly [readonly string[], string])[]): string[] {
  const arms = rows
    .filter(([pats]) => pats.length > 0)
    .map(
      ([pats, value]) =>
        `    ${pats.map((p) => `'${p.replace(/'/g, `'\\''`)}'`).join(' | ')}) echo ${value} ;;`,
    );
  return [`${name}() {`, '  case $1 in', ...arms, '    *) return 1 ;;', '  esac', '}'];
}

export function refTables(plan: LabPlan): string[] {
  const { cluster } = plan;
  const nodeNs = new Map(plan.nodes.map((n) => [n.node.name, n]));
  const src: [string[], string][] = [];
  const dst: [string[], string][] = [];
  const firstOfWorkload = new Set<string>();
  for (const p of cluster.pods) {
    const refs = [`pod/${p.key}`, p.key];
    const w = p.workload;
    const wref = w ? `${WORKLOAD[w.kind]}/${p.namespace}/${w.name}` : undefined;
    if (wref && !firstOfWorkload.has(wref)) {
      firstOfWorkload.add(wref);
      refs.push(wref);
    }
    const host = p.hostNetwork ? nodeNs.get(p.nodeName ?? '') : undefined;
    const lab = plan.pods.find((x) => x.pod.key === p.key);
    if (host) {
      src.push([refs, host.ns]);
      dst.push([refs, shq(host.ip)]);
    } else if (lab) {
      src.push([refs, lab.ns]);
      dst.push([refs, shq(lab.ip)]);
    }
  }
  for (const s of cluster.services) {
    const ip = s.clusterIPs.find(v4);
    dst.push([
      [`svc/${s.key}`, `${s.name}.${s.namespace}.svc.${cluster.settings.dnsDomain}`],
      ip ? shq(ip) : 'none',
    ]);
  }
  for (const n of plan.nodes) {
    src.push([[`node/${n.node.name}`], n.ns]);
    dst.push([[`node/${n.node.name}`], shq(n.ip)]);
  }
  const owned: [string[], string][] = [
    ...plan.pods.map((p): [string[], string] => [[p.ip], p.ns]),
    ...plan.nodes.map((n): [string[], string] => [
      n.node.localIps.filter((ip) => v4(ip) && !ip.startsWith('127.')),
      n.ns,
    ]),
  ];
  return [
    '# refs → the namespace a probe runs in (sources) and the address it connects to (destinations)',
    ...table('ref_ns', src),
    ...table('ref_ip', dst),
    '# addresses that belong to a pod or a node: a probe from one runs in that namespace',
    ...table('ip_ns', owned),
    ...table(
      'node_ns',
      plan.nodes.map((n) => [[n.node.name], n.ns]),
    ),
    ...table(
      'node_ip',
      plan.nodes.map((n) => [[n.node.name], shq(n.ip)]),
    ),
    '# load-balancer and external IPs: the node the load balancer sends an outside client to',
    ...table('default_entry', entryRows(plan)),
    ...outsideTable(plan),
  ];
}

const pat = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * What an outside client connects to for a Service ref, as \`k8snet trace\` chooses: the
 * load-balancer IP, else an external IP, else the NodePort on the node it enters; a Service with
 * none of them is reached at its ClusterIP (ref_ip).
 */
function outsideTable(plan: LabPlan): string[] {
  const arms: string[] = [];
  for (const s of plan.cluster.services) {
    const names = [
      `svc/${s.key}`,
      `${s.name}.${s.namespace}.svc.${plan.cluster.settings.dnsDomain}`,
    ];
    const ip = s.loadBalancerIPs.find(v4) ?? s.externalIPs.find(v4);
    if (ip) {
      arms.push(
        `    ${names.map((n) => `${pat(`${n} `)}*`).join(' | ')}) echo ip ${shq(ip)} "$2" ;;`,
      );
      continue;
    }
    const first = s.ports.find((p) => p.nodePort !== undefined)?.nodePort;
    if (first === undefined) continue;
    for (const p of s.ports)
      if (p.nodePort !== undefined) {
        const keys = names.flatMap((n) => [pat(`${n} ${p.port}`), pat(`${n} ${p.nodePort ?? ''}`)]);
        arms.push(`    ${keys.join(' | ')}) echo nodeport ${p.nodePort} ;;`);
      }
    arms.push(`    ${names.map((n) => `${pat(`${n} `)}*`).join(' | ')}) echo nodeport ${first} ;;`);
  }
  return [
    '# an outside client\'s Service ref (as k8snet trace picks): "ip IP PORT", or "nodeport PORT" on the node it enters',
    'svc_outside() {',
    '  case "$1 $2" in',
    ...arms,
    '    *) return 1 ;;',
    '  esac',
    '}',
  ];
}

function entryRows(plan: LabPlan): [string[], string][] {
  const rows: [string[], string][] = [];
  for (const s of plan.cluster.services)
    for (const ip of [...s.loadBalancerIPs, ...s.externalIPs].filter(v4)) {
      const n = defaultEntryNode(plan.cluster, { ip, protocol: 'TCP', how: '', service: s });
      if (n) rows.push([[ip], shq(n.name)]);
    }
  return rows;
}
