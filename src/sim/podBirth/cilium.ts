/**
 * Cilium's CNI ADD (cilium/cilium plugins/cilium-cni/cmd/cmd.go Add, Cilium 1.16+): `cilium-cni`
 * does little itself — it asks the cilium-agent over /var/run/cilium/cilium.sock for its
 * configuration and for an address (the agent's IPAM: cluster-pool, cni/cilium/ipam.ts), creates
 * the veth pair in the host namespace (host end `lxc…`, peer `tmp…`: pkg/datapath/connector
 * veth.go SetupVethWithNames, rp_filter off on lxc), moves the peer into the pod and renames it
 * eth0, sets the /32 address and the routes via cilium_host's router IP (configureIface), then
 * creates the endpoint with a synchronous build: the agent gives it a security identity from its
 * labels, writes the endpoint and ipcache entries and attaches the eBPF program to lxc's tc
 * ingress (cil_from_container). No bridge and no iptables rule (reference/cni-datapaths.md §3).
 */
import { configOf, readCiliumConfig, type CiliumConfig } from '../cni/cilium/config';
import { endpointIdOf, endpointMapText, identityOf } from '../cni/cilium/deliver';
import { CILIUM_HOST } from '../cni/cilium/ipam';
import type { Cluster } from '../derive/types';
import { ids } from '../model/ids';
import { hexDigest } from '../util/hash';

import { birthStep } from './step';
import type { BirthContext, BirthStep, CniAddPlanner } from './types';

const SOCK = '/var/run/cilium/cilium.sock';
const api = (method: string, path: string): string =>
  `curl -s --unix-socket ${SOCK} -X ${method} 'http://localhost/v1${path}'`;

const cfgOf = (c: Cluster): CiliumConfig =>
  configOf(c.datapath) ?? readCiliumConfig(c.scenario, []);

/** The node's router IP: cilium_host's /32, every local pod's gateway. */
const routerOf = (ctx: BirthContext): string | undefined =>
  ctx.node.devices.find((d) => d.name === CILIUM_HOST)?.addrs[0]?.ip;

/** The security identity's labels, as `cilium-dbg identity get` prints them. */
export function identityLabels(ctx: BirthContext): string[] {
  return [
    `k8s:io.kubernetes.pod.namespace=${ctx.pod.namespace}`,
    ...Object.entries(ctx.pod.labels)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `k8s:${k}=${v}`),
  ];
}

function ipamStep(ctx: BirthContext): BirthStep {
  const { pod, node } = ctx;
  const cfg = cfgOf(ctx.cluster);
  const ip = pod.ips.find((t) => !t.includes(':'));
  const cidr = node.podRanges[0] ?? '';
  const router = routerOf(ctx);
  const base = { id: 'ipam', actor: 'ipam' as const, actorName: `cilium-agent IPAM (${cfg.ipam})` };
  const req = api('POST', `/ipam?family=ipv4&owner=${pod.namespace}/${pod.name}`);
  const where =
    cfg.ipam === 'cluster-pool'
      ? `the node's CIDR ${cidr}, which the operator carved out of cluster-pool-ipv4-cidr (${cfg.poolCidrs.join(', ')}) at /${cfg.maskSize} and recorded in CiliumNode ${node.name} (spec.ipam.podCIDRs) — node.spec.podCIDR plays no part`
      : `the node's spec.podCIDR ${cidr} (ipam: kubernetes)`;
  if (!ip)
    return birthStep({
      ...base,
      title: 'Finds no free address',
      explain: `The agent has no free address in ${cidr ? where : `a CIDR for ${node.name} (the cluster pool is used up)`}. ADD fails and the pod stays ContainerCreating.`,
      commands: [req],
      error: 'unable to allocate IP via local cilium agent: no IP addresses available',
    });
  return birthStep({
    ...base,
    title: `The agent allocates ${ip} from ${cidr}`,
    explain: `cilium-cni does not pick the address: it asks the agent, which takes a random free address from ${where}. The answer also carries the router IP ${router ?? '(none)'} — cilium_host's — that becomes the pod's gateway.`,
    commands: [req, 'cilium-dbg status --all-addresses'],
    output: {
      label: 'agent IPAM response',
      text: JSON.stringify(
        {
          address: { ipv4: ip },
          ipv4: { ip, gateway: router, cidrs: [cidr] },
          'host-addressing': { ipv4: { ip: router, 'alloc-range': cidr } },
        },
        null,
        2,
      ),
    },
  });
}

export const ciliumPlanner: CniAddPlanner = {
  name: (cluster) => `Cilium (${cluster.datapath.profile.variant}): cilium-cni and the agent`,
  conflist: () => ({
    // What the agent's CNI installer writes (Helm cni.confFileMountPath, 05-cilium.conflist).
    file: '/etc/cni/net.d/05-cilium.conflist',
    json: {
      cniVersion: '0.3.1',
      name: 'cilium',
      plugins: [
        {
          type: 'cilium-cni',
          'enable-debug': false,
          'log-file': '/var/run/cilium/cilium-cni.log',
        },
      ],
    },
  }),
  add(ctx) {
    const { pod, node, netns } = ctx;
    const cfg = cfgOf(ctx.cluster);
    const lxc = pod.vethHost?.name ?? 'lxc?';
    const tmp = `tmp${hexDigest(`tmp:${pod.key}`, 5)}`;
    const mtu = pod.eth0?.mtu ?? 1500;
    const router = routerOf(ctx);
    const routeMtu = pod.routes.find((r) => r.dst === 'default')?.mtu;
    const actor = { actor: 'plugin' as const, actorName: 'cilium-cni' };
    const agent = { actor: 'agent' as const, actorName: 'cilium-agent' };
    const ipam = ipamStep(ctx);
    const steps: BirthStep[] = [
      birthStep({
        id: 'agent-config',
        ...actor,
        title: 'cilium-cni asks the agent for its configuration',
        explain: `The plugin is a thin client of the cilium-agent on ${node.name}: it connects to the agent's socket and reads how the node is set up — the datapath mode (veth), the IPAM mode, the device MTU and the route MTU.`,
        commands: [api('GET', '/config')],
        output: {
          label: 'agent configuration (excerpt)',
          text: JSON.stringify(
            {
              datapathMode: 'veth',
              ipamMode: cfg.ipam,
              routingMode: cfg.routingMode,
              deviceMTU: mtu,
              routeMTU: routeMtu ?? mtu,
              addressing: { ipv4: { ip: router, 'alloc-range': node.podRanges[0] } },
            },
            null,
            2,
          ),
        },
      }),
      ipam,
    ];
    if (ipam.error) return steps;
    const ip4 = pod.eth0?.addrs[0];
    steps.push(
      birthStep({
        id: 'bridge',
        ...actor,
        title: 'No bridge: the lxc device is the pod’s port',
        explain: `Cilium creates no cni0: each pod's veth ends in an lxc device on ${node.name} whose eBPF program routes, load-balances and enforces policy for that pod.`,
        commands: [],
        skipped: 'Cilium does not use a bridge',
        touches: [ids.nodeAttach(node.name)],
      }),
      birthStep({
        id: 'veth',
        ...actor,
        title: `Creates the veth pair ${lxc} / eth0`,
        explain: `The pair is made in the host namespace: ${lxc} (lxc + 12 hex digits of a hash of the container id and interface) stays on ${node.name}, its peer is born as ${tmp}, moves into the pod and is renamed eth0. Reverse-path filtering is switched off on ${lxc} so the host may route with pod source addresses.`,
        commands: [
          `ip link add ${lxc} mtu ${mtu} type veth peer name ${tmp} mtu ${mtu}`,
          `sysctl -w net.ipv4.conf.${lxc}.rp_filter=0`,
          `ip link set ${lxc} up`,
          `ip link set ${tmp} netns ${netns}`,
          `ip -n ${netns} link set ${tmp} name eth0`,
        ],
        creates: [ids.podEth0(pod.key), ids.vethPort(pod.key), ids.veth(pod.key)],
      }),
      birthStep({
        id: 'pod-side',
        ...actor,
        title: `${ip4 ? `${ip4.ip}/${ip4.prefix}` : 'The address'} on eth0, default route via ${router ?? 'eth0'}`,
        explain: router
          ? `The pod's gateway is the router IP ${router}, which lives on cilium_host — not on ${lxc}. When the pod ARPs for it, the eBPF program on ${lxc} answers with ${lxc}'s own MAC.${routeMtu ? ` The default route carries mtu ${routeMtu}: room for the tunnel's headers, while the devices keep ${mtu}.` : ''}`
          : `This node has no router IP, so the pod gets an on-link default route; the eBPF program on ${lxc} answers every ARP request.`,
        commands: [
          `ip -n ${netns} link set eth0 up`,
          ...(pod.eth0?.addrs ?? []).map(
            (a) => `ip -n ${netns} addr add ${a.ip}/${a.prefix} dev eth0`,
          ),
          ...[...pod.routes]
            .sort((a, b) => Number(a.via !== undefined) - Number(b.via !== undefined))
            .map((r) => `ip -n ${netns} route add ${r.text}`),
        ],
        output: { label: `ip -n ${netns} route`, text: pod.routes.map((r) => r.text).join('\n') },
        touches: [ids.podEth0(pod.key)],
      }),
      birthStep({
        id: 'endpoint',
        ...agent,
        title: `Creates endpoint ${endpointIdOf(pod.key)} with identity ${identityOf(pod)}`,
        explain: `cilium-cni hands the agent the new endpoint (container id, ${lxc}, MACs, address) and waits for it to be built. The agent derives the pod's security identity from its labels — every pod with the same labels in ${pod.namespace} shares identity ${identityOf(pod)}; policy matches identities, not addresses — and writes the endpoint map and the ipcache entry that the other eBPF programs look up.`,
        commands: [
          `${api('PUT', `/endpoint/cilium-local:0`)} -d @endpoint.json   # sync-build: true`,
          `cilium-dbg identity get ${identityOf(pod)}`,
          'cilium-dbg bpf endpoint list',
          `cilium-dbg bpf ipcache get ${ip4?.ip ?? ''}`,
        ],
        output: {
          label: 'identity, endpoint map, ipcache',
          text: [
            `${identityOf(pod)}  ${identityLabels(ctx).join('\n       ')}`,
            endpointMapText(pod, ctx.cluster),
            `${ip4?.ip ?? ''}/32 identity=${identityOf(pod)} encryptkey=0 tunnelendpoint=0.0.0.0`,
          ].join('\n'),
        },
        touches: [pod.id],
      }),
      birthStep({
        id: 'bpf',
        ...agent,
        title: `Attaches the eBPF program to ${lxc} (tc ingress)`,
        explain: `Regenerating the endpoint compiles bpf_lxc with this endpoint's id, identity and MACs and attaches cil_from_container to ${lxc}'s tc ingress hook — everything the pod sends runs through it: ARP replies, Service translation, egress policy, the choice between local delivery and the tunnel. Shown as the classic clsact qdisc with a direct-action filter; on kernels from 6.6 the agent attaches the same program through a tcx link instead.`,
        commands: [
          `tc qdisc replace dev ${lxc} clsact`,
          `tc filter replace dev ${lxc} ingress prio 1 handle 1 bpf da obj bpf_lxc.o sec cil_from_container`,
          `tc filter show dev ${lxc} ingress`,
        ],
        // The loader names each program after its section and device (pkg/datapath/loader).
        output: {
          label: `tc filter show dev ${lxc} ingress`,
          text: `filter protocol all pref 1 bpf chain 0\nfilter protocol all pref 1 bpf chain 0 handle 0x1 cil_from_container-${lxc} direct-action not_in_hw id … tag …`,
        },
        touches: [ids.veth(pod.key), ids.nodeAttach(node.name)],
      }),
      birthStep({
        id: 'masquerade',
        ...actor,
        title: 'No iptables rule for the pod',
        explain: `Neither cilium-cni nor the agent adds a rule for this pod: forwarding, Services and policy happen in eBPF. ${cfg.masquerade ? "Traffic leaving the cluster is masqueraded node-wide by the agent's masquerading (enable-ipv4-masquerade), not per pod." : 'Masquerading is off (enable-ipv4-masquerade: false): the pod address leaves the node unchanged.'}`,
        commands: [],
        skipped: 'Cilium writes no per-pod iptables rule',
      }),
      birthStep({
        id: 'result',
        ...actor,
        title: 'Prints its result to the runtime',
        explain: `With the endpoint ready, cilium-cni prints ${lxc}, eth0 and the address with its gateway; the runtime takes the pod IP from it.`,
        commands: [],
        output: {
          label: 'stdout (CNI result)',
          text: JSON.stringify(
            {
              cniVersion: '0.3.1',
              interfaces: [
                { name: lxc, mac: pod.vethHost?.mac },
                { name: 'eth0', mac: pod.eth0?.mac, sandbox: ctx.netnsPath },
              ],
              ips: (pod.eth0?.addrs ?? []).map((a) => ({
                address: `${a.ip}/${a.prefix}`,
                ...(router ? { gateway: router } : {}),
                interface: 1,
              })),
              routes: pod.routes.map((r) => ({
                dst:
                  r.dst === 'default' ? '0.0.0.0/0' : r.dst.includes('/') ? r.dst : `${r.dst}/32`,
                ...(r.via ? { gw: r.via } : {}),
              })),
              dns: {},
            },
            null,
            2,
          ),
        },
      }),
    );
    return steps;
  },
};
