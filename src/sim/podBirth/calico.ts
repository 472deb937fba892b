/**
 * Calico's CNI ADD (projectcalico/calico cni-plugin, v3.32): the runtime calls `calico`, which runs
 * `calico-ipam` for an address from a block affine to the node (the allocation
 * cni/calico/ipam.ts derives), then — in cni-plugin/pkg/dataplane/linux/dataplane_linux.go
 * DoNetworking — creates the veth pair inside the pod's namespace (host end `cali…`, MAC
 * ee:ee:ee:ee:ee:ee), adds `169.254.1.1 dev eth0 scope link`, `default via 169.254.1.1` and the
 * /32 address, moves the host end out, sets its sysctls (route_localnet, proxy_delay 0, proxy_arp,
 * forwarding), brings it up and adds `<ip>/32 dev cali… scope link` (SetupRoutes). It then writes
 * the WorkloadEndpoint; Felix sees it and programs the cali-fw-/cali-tw- chains and the static
 * neighbour entry. There is no bridge, and no masquerade rule from the plugin: natOutgoing is
 * Felix's, from the IPPool (reference/cni-datapaths.md §2).
 */
import { cidrContainsIp, parseCidr } from '../addr/cidr';
import { parseIp } from '../addr/ip';
import { calicoConfig, type CalicoConfig, type CalicoPool } from '../cni/calico/config';
import type { Cluster, DerivedNode } from '../derive/types';
import { ids } from '../model/ids';

import { calicoFelixStep, workloadEndpointStep } from './calicoEndpoint';
import { portmapStep } from './portmap';
import { birthStep } from './step';
import type { BirthContext, BirthStep, CniAddPlanner } from './types';

const NETWORK = 'k8s-pod-network';
const memo = new WeakMap<Cluster, CalicoConfig>();
/** The IPPools the derivation used (calico-node's default pool when none is given). */
export function calicoPools(c: Cluster): CalicoConfig {
  let hit = memo.get(c);
  if (!hit) memo.set(c, (hit = calicoConfig(c.scenario, [])));
  return hit;
}

const inCidr = (cidr: string, ip: string): boolean => {
  const c = parseCidr(cidr);
  const a = parseIp(ip);
  return c.ok && a.ok && cidrContainsIp(c.value, a.value);
};

/** Where the pod's IPv4 address came from: its pool, its block and the block's owner. */
export function calicoBlockOf(ctx: BirthContext): {
  pool?: CalicoPool;
  block?: string;
  owner?: DerivedNode;
  ip?: string;
} {
  const ip = ctx.pod.ips.find((t) => !t.includes(':'));
  if (!ip) return {};
  const pool = calicoPools(ctx.cluster).pools.find((p) => inCidr(p.cidrText, ip));
  for (const n of [ctx.node, ...ctx.cluster.nodes]) {
    const block = n.podRanges.find((r) => inCidr(r, ip));
    if (block) return { ip, block, owner: n, ...(pool ? { pool } : {}) };
  }
  return { ip, ...(pool ? { pool } : {}) };
}

function ipamStep(ctx: BirthContext): BirthStep {
  const { pod, node } = ctx;
  const { ip, pool, block, owner } = calicoBlockOf(ctx);
  const base = { id: 'ipam', actor: 'ipam' as const, actorName: 'calico-ipam' };
  const handle = `${NETWORK}.${ctx.containerId.slice(0, 12)}…`;
  if (!ip)
    return birthStep({
      ...base,
      title: 'Finds no free address',
      explain: `calico-ipam looks for a free address in ${node.name}'s blocks, then for a free block in the IPPools that select ${node.name}, then borrows from other nodes' blocks — and finds none (or no pool selects the node). ADD fails and the pod stays ContainerCreating.`,
      commands: [`calicoctl ipam show --show-blocks`],
      error:
        'failed to request IPv4 addresses: no free address in the IPPools that select the node',
    });
  const prefix = block ? Number(block.split('/')[1]) : 32;
  const tunnel = node.devices.find(
    (d) => d.role === 'tunnel' && d.addrs.some((a) => block !== undefined && inCidr(block, a.ip)),
  );
  const earlier = node.podKeys
    .slice(0, node.podKeys.indexOf(pod.key))
    .some((k) =>
      ctx.cluster.podByKey.get(k)?.ips.some((a) => block !== undefined && inCidr(block, a)),
    );
  const given = calicoPools(ctx.cluster).affinities.some((a) => a.node === node.name);
  const claimed = owner === node && !tunnel && !earlier && !given && pod.ipAllocated;
  const borrowed = owner !== undefined && owner !== node;
  const blackhole = node.routes.find((r) => r.type === 'blackhole' && r.dst === block);
  const poolText = pool
    ? `IPPool ${pool.name} (${pool.cidrText}, blockSize ${pool.blockSize})`
    : 'the IPPool';
  const explain = !pod.ipAllocated
    ? `The pod's address ${ip} was given in its status (an imported cluster); calico-ipam records it in block ${block ?? '?'} the same way.`
    : borrowed
      ? `${node.name} has no block with a free address and none is left to claim in ${poolText}, so calico-ipam borrows ${ip} from ${owner.name}'s block ${block ?? ''}. ${node.name} will announce a /32 route for it.`
      : claimed
        ? `${node.name} holds no block yet, so calico-ipam claims one from ${poolText}: ${block ?? ''} is now affine to ${node.name} (a BlockAffinity), and BIRD adds a blackhole route for it. The first address goes to the pod — node.spec.podCIDR plays no part.`
        : `calico-ipam takes the next free address, in order, from ${block ?? 'the block'} — a block of ${poolText} that is affine to ${node.name}${tunnel ? ` (its first address went to ${tunnel.name})` : ''}. node.spec.podCIDR plays no part.`;
  return birthStep({
    ...base,
    title: borrowed
      ? `Borrows ${ip} from ${owner.name}'s block ${block ?? ''}`
      : claimed
        ? `Claims block ${block ?? ''} for ${node.name} and takes ${ip}`
        : `Takes ${ip} from ${node.name}'s block ${block ?? ''}`,
    explain,
    commands: [
      `# calico calls /opt/cni/bin/calico-ipam with the same environment and stdin`,
      `# IPAM AutoAssign: Num4 1, HandleID ${handle}, Hostname ${node.name}`,
      `calicoctl ipam show --ip=${ip}`,
    ],
    // calico-ipam returns the address with its block's mask (cni-plugin ipam_plugin.go:
    // Mask: v4Assignments.IPs[0].Mask); the plugin narrows it to /32 on eth0.
    output: {
      label: 'calico-ipam result',
      text: JSON.stringify({ cniVersion: '1.0.0', ips: [{ address: `${ip}/${prefix}` }] }, null, 2),
    },
    ...(claimed && blackhole ? { touches: [ids.nodeRoutes(node.name)] } : {}),
  });
}

export const calicoPlanner: CniAddPlanner = {
  name: (cluster) => `Calico (${cluster.datapath.profile.variant}) with calico-ipam`,
  conflist: () => ({
    // The manifest's 10-calico.conflist (calico.yaml cni_network_config), placeholders filled in.
    file: '/etc/cni/net.d/10-calico.conflist',
    json: {
      name: NETWORK,
      cniVersion: '0.3.1',
      plugins: [
        {
          type: 'calico',
          log_level: 'info',
          log_file_path: '/var/log/calico/cni/cni.log',
          datastore_type: 'kubernetes',
          nodename: '<node name>',
          mtu: 0,
          ipam: { type: 'calico-ipam' },
          policy: { type: 'k8s' },
          kubernetes: { kubeconfig: '/etc/cni/net.d/calico-kubeconfig' },
        },
        { type: 'portmap', snat: true, capabilities: { portMappings: true } },
        { type: 'bandwidth', capabilities: { bandwidth: true } },
      ],
    },
  }),
  add(ctx) {
    const { pod, node, netns } = ctx;
    const cali = pod.vethHost?.name ?? 'cali?';
    const mtu = pod.eth0?.mtu ?? 1500;
    const actor = { actor: 'plugin' as const, actorName: 'calico plugin' };
    const ipam = ipamStep(ctx);
    const steps: BirthStep[] = [
      birthStep({
        id: 'calico',
        ...actor,
        title: 'calico reads its config and asks calico-ipam for an address',
        explain: `The calico binary reads the network config on stdin (ipam type calico-ipam) and the pod's namespace and name from CNI_ARGS, and gets the pod's MTU from /var/lib/calico/mtu (written by Felix: mtu 0 means "ask Felix", here ${mtu}). It creates no devices before it has an address.`,
        commands: [
          'cat /var/lib/calico/mtu',
          `CNI_COMMAND=ADD … /opt/cni/bin/calico-ipam < config`,
        ],
      }),
      ipam,
    ];
    if (ipam.error) return steps;
    const ip4 = pod.eth0?.addrs.find((a) => !a.ip.includes(':'));
    const hostRoute = node.routes.find((r) => r.dev === cali && r.dst === ip4?.ip);
    const podRoutes = pod.routes
      .filter((r) => r.proto !== 'kernel')
      .sort((a, b) => Number(a.via !== undefined) - Number(b.via !== undefined));
    steps.push(
      birthStep({
        id: 'bridge',
        ...actor,
        title: 'No bridge: Calico routes each pod',
        explain: `Calico creates no cni0 and no bridge: every pod gets its own point-to-point veth, and ${node.name} routes to each pod with a /32 route. Pods on one node talk through the host's routing table, not through a switch.`,
        commands: [],
        skipped: 'Calico does not use a bridge',
        touches: [ids.nodeAttach(node.name)],
      }),
      birthStep({
        id: 'veth',
        ...actor,
        title: `Creates the veth pair: eth0 and ${cali}, both in the pod's namespace`,
        explain: `The pair is made inside the pod's namespace: eth0 and the host end ${cali} (cali + 11 hex digits of SHA-1 of "${pod.namespace}.${pod.name}"). The host end gets the fixed MAC ee:ee:ee:ee:ee:ee — every cali interface has it — and both ends come up.`,
        commands: [
          `ip -n ${netns} link add eth0 mtu ${mtu} type veth peer name ${cali} mtu ${mtu}`,
          `ip -n ${netns} link set ${cali} address ee:ee:ee:ee:ee:ee`,
          `ip -n ${netns} link set ${cali} up`,
          `ip -n ${netns} link set eth0 up`,
        ],
        creates: [ids.podEth0(pod.key), ids.vethPort(pod.key), ids.veth(pod.key)],
      }),
      birthStep({
        id: 'pod-side',
        ...actor,
        title: `Routes via 169.254.1.1 and ${ip4 ? `${ip4.ip}/${ip4.prefix}` : 'the address'} on eth0`,
        explain: `The pod's gateway 169.254.1.1 is an address nobody owns: a link route makes it reachable on eth0, and the default route points at it. The address goes on as /${ip4?.prefix ?? 32} — there is no subnet to share, so every packet leaves by the default route.`,
        commands: [
          ...podRoutes.map(
            (r) => `ip -n ${netns} ${r.family === 6 ? '-6 ' : ''}route add ${r.text}`,
          ),
          ...(pod.eth0?.addrs ?? []).map(
            (a) => `ip -n ${netns} addr add ${a.ip}/${a.prefix} dev eth0`,
          ),
        ],
        output: { label: `ip -n ${netns} route`, text: pod.routes.map((r) => r.text).join('\n') },
        touches: [ids.podEth0(pod.key)],
      }),
      birthStep({
        id: 'proxy-arp',
        ...actor,
        title: `Moves ${cali} to the host and turns on proxy ARP`,
        explain: `The host end moves to ${node.name}'s namespace (which leaves it down, so it is brought up again). With proxy_arp=1 and no delay, ${cali} answers the pod's ARP for 169.254.1.1 with ee:ee:ee:ee:ee:ee — the only address the pod ever ARPs for. route_localnet lets NAT to the host's 127.0.0.1 work; forwarding lets the host route the pod's packets.`,
        commands: [
          `ip -n ${netns} link set ${cali} netns 1`,
          `sysctl -w net.ipv4.conf.${cali}.route_localnet=1`,
          `sysctl -w net.ipv4.neigh.${cali}.proxy_delay=0`,
          `sysctl -w net.ipv4.conf.${cali}.proxy_arp=1   # /proc/sys/net/ipv4/conf/${cali}/proxy_arp = 1`,
          `sysctl -w net.ipv4.conf.${cali}.forwarding=1`,
          `ip link set ${cali} up`,
        ],
        touches: [ids.veth(pod.key), ids.nodeAttach(node.name)],
      }),
      birthStep({
        id: 'host-route',
        ...actor,
        title: `Adds the host route ${ip4?.ip ?? ''}/32 dev ${cali}`,
        explain: `${node.name} now knows the pod lives behind ${cali}: one /32 route per pod, scope link (no gateway). Felix keeps it from here on, and BIRD announces the node's whole block to the other nodes, not this /32.`,
        commands: ip4 ? [`ip route add ${ip4.ip}/32 dev ${cali} scope link`] : [],
        ...(hostRoute ? { output: { label: 'new host route', text: hostRoute.text } } : {}),
        touches: [ids.nodeRoutes(node.name)],
      }),
      workloadEndpointStep(ctx),
      birthStep({
        id: 'masquerade',
        ...actor,
        title: 'No masquerade rule from the plugin',
        explain: masqText(ctx),
        commands: [],
        skipped: "natOutgoing is Felix's, set on the IPPool",
        ...(calicoBlockOf(ctx).pool?.natOutgoing
          ? { touches: [ids.nodeNetfilter(node.name)] }
          : {}),
      }),
      birthStep({
        id: 'result',
        ...actor,
        title: 'Prints its result to the runtime',
        explain: `calico prints the host interface and the /32 address; the runtime keeps the result and takes the pod IP from it.`,
        commands: [],
        output: {
          label: 'stdout (CNI result)',
          text: JSON.stringify(
            {
              cniVersion: '0.3.1',
              interfaces: [{ name: cali }],
              ips: (pod.eth0?.addrs ?? []).map((a) => ({ address: `${a.ip}/${a.prefix}` })),
              dns: {},
            },
            null,
            2,
          ),
        },
      }),
      portmapStep(ctx, 'calico'),
      calicoFelixStep(ctx),
    );
    return steps;
  },
};

function masqText(ctx: BirthContext): string {
  const pool = calicoBlockOf(ctx).pool;
  if (!pool)
    return 'The calico plugin writes no iptables rule. Masquerading is Felix’s job, by the IPPool’s natOutgoing.';
  return pool.natOutgoing
    ? `The calico plugin writes no iptables rule. IPPool ${pool.name} has natOutgoing: true, so Felix — not the plugin — masquerades for the whole node: cali-nat-outgoing in ${ctx.node.name}'s nat table matches pool addresses (ipset cali40masq-ipam-pools) leaving for outside every pool.`
    : `The calico plugin writes no iptables rule, and IPPool ${pool.name} has natOutgoing: false: Felix does not masquerade either, so ${ctx.pod.ips[0] ?? 'the pod IP'} leaves the cluster unchanged.`;
}
