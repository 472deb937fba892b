/**
 * The `up` body of a lab script: the node network, the outside client, then every node
 * (namespace, sysctls, eth0, the CNI's devices, routes, the proxy's rules, listeners) and every
 * pod (namespace, veth, routes, listeners). Each block starts with a comment naming what it is in
 * the graph, so a reader can map the script back to what the explorer draws.
 */
import type { Route } from '../derive/types';

import { ipn } from './bridgeDatapath';
import type { LabDatapath } from './datapath';
import type { LabListener, LabNode, LabPlan, LabPod } from './plan';
import { commentText, shq } from './shell';

/** How a node's rules text is loaded: the proxy view's format decides the tool. */
export interface RulesText {
  readonly view: string;
  readonly title: string;
  readonly text: string;
}

export function upBody(
  plan: LabPlan,
  dp: LabDatapath,
  rules: (node: LabNode) => RulesText,
): string[] {
  const { client } = plan;
  const router = ipn('lan');
  const out = [
    `# ── the node network's router (graph: net:nodes): one bridge per subnet, holding its gateway ──`,
    "# It joins the subnets and is the nodes' way out; like the explorer's router it has no route to the",
    `# pod network or the Service range${plan.routerRoutes.length ? ' except the cloud routes below' : ''}. Bridged frames skip iptables.`,
    'mkns lan',
    'nsysctl lan net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=0',
  ];
  for (const l of plan.lans)
    out.push(
      `# subnet ${l.cidr}: bridge ${l.bridge}, router address ${l.gateway} (graph: ${commentText(l.id)})`,
      `${router} link add ${l.bridge} type bridge`,
      `${router} addr add ${shq(`${l.gateway}/${l.prefix}`)} dev ${l.bridge}`,
      `${router} link set ${l.bridge} up`,
    );
  for (const r of plan.routerRoutes)
    out.push(
      `# the router: ${commentText(r.node)}'s pod range, a cloud route (cloud-routes)`,
      `${router} route add ${shq(r.dst)} via ${shq(r.via)}`,
    );
  out.push(
    '',
    `# ── the outside client ${client.ip}: a host on ${client.lan.cidr}, outside the cluster (graph: ext:internet) ──`,
    'mkns client',
    ...lanPort('c0', client.lan.bridge, 'client', client.ip, client.lan.prefix),
    `${ipn('client')} route add default via ${shq(client.lan.gateway)} dev eth0`,
  );
  for (const n of plan.nodes) out.push('', ...nodeBlock(plan, dp, n, rules(n)));
  for (const p of plan.pods) out.push('', ...podBlock(plan, dp, p));
  for (const s of plan.skipped) out.push('', `# pod ${commentText(s.key)}: not built (${s.why})`);
  return out;
}

function lanPort(
  port: string,
  bridge: string,
  ns: string,
  ip: string,
  prefix: number,
  mac?: string,
): string[] {
  return [
    `${ipn('lan')} link add ${port} type veth peer name eth0 netns "$P-${ns}"`,
    `${ipn('lan')} link set ${port} master ${bridge} up`,
    ...(mac ? [`${ipn(ns)} link set eth0 address ${shq(mac)}`] : []),
    `${ipn(ns)} addr add ${shq(`${ip}/${prefix}`)} dev eth0`,
    `${ipn(ns)} link set eth0 up`,
  ];
}

function nodeBlock(plan: LabPlan, dp: LabDatapath, n: LabNode, rules: RulesText): string[] {
  const name = commentText(n.node.name);
  const extra = n.node.externalIps.filter((x) => !x.includes(':'));
  const localhost = plan.cluster.settings.kubeProxy.iptables?.localhostNodePorts !== false;
  return [
    `# ── node ${name} (graph: ${commentText(n.node.id)}) ──`,
    `mkns ${n.ns}`,
    `# forwarding on (a router for its pods); route_localnet as kube-proxy sets it for NodePorts on 127.0.0.1${localhost ? '' : ' (off: localhostNodePorts is false)'};`,
    `# bridged pod traffic through iptables (br_netfilter), which kube-proxy needs`,
    `nsysctl ${n.ns} net.ipv4.ip_forward=1 net.ipv4.conf.all.route_localnet=${localhost ? 1 : 0} net.bridge.bridge-nf-call-iptables=1`,
    `# ${name}: eth0 ${n.ip}/${n.prefix} on the node network ${n.lan.cidr}, port ${n.lanPort} of the router's ${n.lan.bridge} (graph: ${commentText(n.node.eth0.id)})`,
    ...lanPort(n.lanPort, n.lan.bridge, n.ns, n.ip, n.prefix, n.node.eth0.mac),
    ...extra.map((x) => `${ipn(n.ns)} addr add ${shq(`${x}/32`)} dev eth0  # ExternalIP`),
    ...dp.nodeDevices(plan, n),
    ...routeLines(plan, n.ns, name, n.routes, n.node.rejectedRoutes),
    `# ${name}: the rules kubelet, kube-proxy and the CNI write — the text \`k8snet iptables --node ${name}\` prints (graph: ${commentText(n.node.id)}/iptables)`,
    ...rulesBlock(n.ns, rules),
    ...listenerLines(n.ns, name, n.listeners),
  ];
}

function podBlock(plan: LabPlan, dp: LabDatapath, p: LabPod): string[] {
  const name = commentText(p.pod.key);
  return [
    `# ── pod ${name} on ${commentText(p.node.node.name)} (graph: ${commentText(p.pod.id)}) ──`,
    `mkns ${p.ns}`,
    ...dp.podLink(plan, p),
    ...routeLines(plan, p.ns, name, p.routes, []),
    ...(p.listeners.length
      ? listenerLines(p.ns, name, p.listeners)
      : [
          `# ${name} declares no containerPorts: no listener (the explorer assumes its process listens on the port asked; here it refuses)`,
        ]),
  ];
}

/** The routes a CNI or admin adds (not the kernel's connected routes, which `addr add` makes). */
function routeLines(
  plan: LabPlan,
  ns: string,
  who: string,
  routes: readonly Route[],
  rejected: readonly { readonly route: Route; readonly error: string }[],
): string[] {
  const out: string[] = [];
  for (const r of routes) {
    if (r.proto === 'kernel') continue;
    out.push(`# ${who}: ${routePurpose(plan, r)}`);
    out.push(`${ipn(ns)} route add ${r.text.split(/\s+/).map(shq).join(' ')}`);
  }
  for (const x of rejected.filter((y) => y.route.family === 4))
    out.push(
      `# ${who}: not installed — ip route add ${commentText(x.route.text)}: ${commentText(x.error)} (as on a real node)`,
    );
  return out;
}

function routePurpose(plan: LabPlan, r: Route): string {
  if (r.dst === 'default')
    return `default route to the node network's router${r.via ? ` ${r.via}` : ''}`;
  const owner = plan.nodes.find((n) => n.node.podCIDRs.includes(r.dst));
  if (owner) return `route to ${commentText(owner.node.name)}'s pods (${r.dst})`;
  return `route to ${r.dst}`;
}

function rulesBlock(ns: string, rules: RulesText): string[] {
  let tag = 'K8SNET_RULES';
  while (rules.text.split('\n').includes(tag)) tag += '_';
  return [`load_rules ${ns} ${shq(rules.view)} <<'${tag}'`, rules.text.replace(/\n+$/, ''), tag];
}

function listenerLines(ns: string, who: string, ls: readonly LabListener[]): string[] {
  if (!ls.length) return [];
  return [
    `# ${who}: a listener on every port it serves; each answers with its own address and the client it saw`,
    ...ls.map((l) => `serve ${ns} ${l.protocol} ${l.port} ${shq(l.ip)}  # ${commentText(l.who)}`),
  ];
}
