/**
 * The bridge plugin's ADD (containernetworking/plugins `plugins/main/bridge/bridge.go` cmdAdd), in
 * its order: the bridge if absent, the veth pair, host-local IPAM, the pod side (address, link up,
 * routes), the gateway address on the bridge, the optional masquerade chain, the result. Every
 * name and address comes from the derived datapath (reference/learning.md §4, steps 1–7).
 */
import { podBridge } from '../derive/devices';
import type { DerivedNode, NetDevice } from '../derive/types';
import { ids } from '../model/ids';
import { hexDigest } from '../util/hash';

import { birthStep } from './step';
import type { BirthContext, BirthStep } from './types';

export interface BridgeOptions {
  /** The network's name (the conflist's `name`): host-local keeps its leases under it. */
  readonly network: string;
  readonly ipMasq: boolean;
  /** Why there is no masquerade chain when `ipMasq` is false. */
  readonly noMasqReason: string;
  /** Someone else masquerades for the node (flanneld): point at the node's iptables. */
  readonly masqElsewhere?: boolean;
  readonly hairpinMode: boolean;
}

/** The node's bridge: the bridge plugin's planner runs on bridge datapaths (cni0). */
export function bridgeOf(
  node: DerivedNode,
): Pick<NetDevice, 'id' | 'name' | 'mac' | 'addrs' | 'mtu'> {
  return (
    podBridge(node) ?? {
      id: ids.nodeBridge(node.name),
      name: 'cni0',
      mac: '',
      addrs: [],
      mtu: 1500,
    }
  );
}

/** The steps of the bridge plugin's ADD for the context's pod. */
export function bridgeAdd(ctx: BirthContext, o: BridgeOptions): BirthStep[] {
  const { pod, node, netns } = ctx;
  const br = bridgeOf(node);
  const veth = pod.vethHost?.name ?? 'veth?';
  const mtu = pod.eth0?.mtu ?? br.mtu;
  const addr = pod.eth0?.addrs[0];
  const actorName = 'bridge plugin';
  const out: BirthStep[] = [
    ctx.firstOnNode
      ? birthStep({
          id: 'bridge',
          actor: 'plugin',
          actorName,
          title: `Creates the ${br.name} bridge`,
          explain: `This is the node's first pod, so there is no ${br.name} yet: the plugin creates it now (a CNI that is "installed" has made no bridge until a pod needs one). Every pod on ${node.name} will plug into it.`,
          commands: [
            `ip link add ${br.name} type bridge`,
            `sysctl -w net.ipv6.conf.${br.name}.accept_ra=0`,
            `ip link set ${br.name} up`,
          ],
          creates: [br.id],
        })
      : birthStep({
          id: 'bridge',
          actor: 'plugin',
          actorName,
          title: `Finds ${br.name} already there`,
          explain: `${br.name} was created by the first pod on ${node.name}; "already exists" is fine. (It fails only if a link that is not a bridge has the name.)`,
          commands: [`ip link add ${br.name} type bridge   # EEXIST: kept`],
          touches: [br.id],
        }),
    birthStep({
      id: 'veth',
      actor: 'plugin',
      actorName,
      title: `Creates the veth pair: eth0 in the pod, ${veth} on ${br.name}`,
      explain: `A veth pair is a virtual cable. It is created from inside the pod's namespace: eth0 stays there, the peer ${veth} is born in the host namespace and is made a port of ${br.name}. eth0 is still down.`,
      commands: [
        `ip -n ${netns} link add eth0 mtu ${mtu} type veth peer name ${veth} netns 1`,
        `ip link set ${veth} up`,
        `ip link set ${veth} master ${br.name}`,
        ...(o.hairpinMode ? [`bridge link set dev ${veth} hairpin on`] : []),
      ],
      creates: [ids.podEth0(pod.key), `vethport:${pod.key}`, ids.veth(pod.key)],
    }),
  ];
  const ipam = ipamStep(ctx, o);
  out.push(ipam);
  if (ipam.error) return out;
  out.push(
    birthStep({
      id: 'pod-side',
      actor: 'plugin',
      actorName,
      title: `Configures eth0 inside the pod: ${addr ? `${addr.ip}/${addr.prefix}` : ''}`,
      explain: `Inside the pod's namespace the address goes on first (the kernel adds the connected route for the pod range), then the link comes up, then one route per IPAM route via the gateway.`,
      commands: [
        `ip netns exec ${netns} sysctl -w net.ipv4.conf.eth0.arp_notify=1`,
        ...(pod.eth0?.addrs ?? []).map(
          (a) => `ip -n ${netns} addr add ${a.ip}/${a.prefix} dev eth0`,
        ),
        `ip -n ${netns} link set eth0 up`,
        ...pod.routes
          .filter((r) => r.proto !== 'kernel')
          .map((r) => `ip -n ${netns} ${r.family === 6 ? '-6 ' : ''}route add ${r.text}`),
      ],
      output: { label: `ip -n ${netns} route`, text: pod.routes.map((r) => r.text).join('\n') },
      touches: [ids.podEth0(pod.key)],
    }),
    gatewayStep(ctx),
    masqStep(ctx, o),
    resultStep(ctx),
  );
  return out;
}

function ipamStep(ctx: BirthContext, o: BridgeOptions): BirthStep {
  const { pod, node } = ctx;
  const range = node.podCIDRs[0] ?? '';
  const gw = bridgeOf(node).addrs[0]?.ip;
  const addr = pod.eth0?.addrs[0];
  const dir = `/var/lib/cni/networks/${o.network}`;
  const base = {
    id: 'ipam',
    actor: 'ipam' as const,
    actorName: 'host-local IPAM',
    commands: [`flock ${dir}/lock`, `ls ${dir}   # the addresses already leased`],
  };
  if (!addr)
    return birthStep({
      ...base,
      title: 'Finds no free address',
      explain: `host-local walks ${range || "the node's range"} and every address is leased (or the node has no pod range): ADD fails, the runtime runs DEL and tears the namespace down, and the pod stays ContainerCreating.`,
      error: 'failed to allocate for range 0: no IP addresses available in range set',
    });
  const given = !pod.ipAllocated;
  return birthStep({
    ...base,
    title: `Leases ${addr.ip} from ${range}`,
    explain: given
      ? `The pod's address ${addr.ip} was given in its status (an imported cluster): host-local would record it the same way, as a file named after the address.`
      : `host-local locks its directory and walks ${range}, skipping the gateway ${gw ?? '.1'} and starting after last_reserved_ip.0, so addresses are not reused at once. It records the lease as a file named after the address, holding the sandbox id and the interface.`,
    commands: [
      ...base.commands,
      `printf '${ctx.containerId.slice(0, 12)}…\\r\\neth0' > ${dir}/${addr.ip}`,
      `echo ${addr.ip} > ${dir}/last_reserved_ip.0`,
    ],
    output: {
      label: 'IPAM result',
      text: JSON.stringify(
        {
          ips: [{ address: `${addr.ip}/${addr.prefix}`, ...(gw ? { gateway: gw } : {}) }],
          routes: pod.routes
            .filter((r) => r.proto !== 'kernel')
            .map((r) => ({
              dst: r.dst === 'default' ? (r.family === 6 ? '::/0' : '0.0.0.0/0') : r.dst,
            })),
        },
        null,
        2,
      ),
    },
  });
}

function gatewayStep(ctx: BirthContext): BirthStep {
  const br = bridgeOf(ctx.node);
  const gw = br.addrs[0];
  const hostRoute = ctx.node.routes.find((r) => r.dev === br.name && r.proto === 'kernel');
  const base = { id: 'gateway', actor: 'plugin' as const, actorName: 'bridge plugin' };
  if (!gw)
    return birthStep({
      ...base,
      title: `No gateway address for ${br.name}`,
      explain: `The node's pod range is too small to spare a gateway address, so ${br.name} stays without one and the pod reaches the host by proxy ARP.`,
      commands: [],
      skipped: 'no gateway address in the range',
    });
  if (!ctx.firstOnNode)
    return birthStep({
      ...base,
      title: `${br.name} already holds the gateway ${gw.ip}`,
      explain: `isGateway: the bridge must hold the pods' gateway address. It got ${gw.ip}/${gw.prefix} with the node's first pod, so nothing changes. (If it held a different address — after a podCIDR change — ADD would fail with "${br.name} already has an IP address different from …".)`,
      commands: [`ip addr show dev ${br.name}   # ${gw.ip}/${gw.prefix} present: nothing to add`],
      touches: [br.id],
    });
  return birthStep({
    ...base,
    title: `Gives ${br.name} the gateway address ${gw.ip}`,
    explain: `isGateway: the bridge takes the range's first address, which every pod on the node uses as its default gateway; the kernel adds the host's route to the pod range through ${br.name}. IP forwarding is switched on so the host routes for the pods.`,
    commands: [
      `ip addr add ${gw.ip}/${gw.prefix} dev ${br.name}`,
      'sysctl -w net.ipv4.ip_forward=1',
    ],
    ...(hostRoute ? { output: { label: 'new host route', text: hostRoute.text } } : {}),
    touches: [br.id, ids.nodeRoutes(ctx.node.name)],
  });
}

function masqStep(ctx: BirthContext, o: BridgeOptions): BirthStep {
  const base = { id: 'masquerade', actor: 'plugin' as const, actorName: 'bridge plugin' };
  const ip = ctx.pod.ips[0] ?? '';
  const range = ctx.node.podCIDRs[0] ?? '';
  if (!o.ipMasq)
    return birthStep({
      ...base,
      title: 'No masquerade rule from the plugin (ipMasq: false)',
      explain: o.noMasqReason,
      commands: [],
      skipped: 'ipMasq is false',
      ...(o.masqElsewhere ? { touches: [ids.nodeNetfilter(ctx.node.name)] } : {}),
    });
  // bridge: chain CNI-<sha512(name+id), 28 chars>, rules commented with the network and container.
  const chain = `CNI-${hexDigest(`${o.network}${ctx.containerId}`, 16)}${hexDigest(ctx.containerId, 8)}`;
  const c = `-m comment --comment "name: \\"${o.network}\\" id: \\"${ctx.containerId.slice(0, 12)}…\\""`;
  return birthStep({
    ...base,
    title: `Adds the masquerade chain ${chain}`,
    explain: `ipMasq: traffic from ${ip} to anywhere outside ${range} (but not multicast) leaves with the node's address; a per-pod chain is jumped to from POSTROUTING.`,
    commands: [
      `iptables -t nat -N ${chain}`,
      `iptables -t nat -A ${chain} -d ${range} ${c} -j ACCEPT`,
      `iptables -t nat -A ${chain} ! -d 224.0.0.0/4 ${c} -j MASQUERADE`,
      `iptables -t nat -A POSTROUTING -s ${ip} ${c} -j ${chain}`,
    ],
    touches: [ids.nodeNetfilter(ctx.node.name)],
  });
}

function resultStep(ctx: BirthContext): BirthStep {
  const { pod, node } = ctx;
  const result = {
    cniVersion: '1.1.0',
    interfaces: [
      { name: bridgeOf(node).name, mac: bridgeOf(node).mac },
      { name: pod.vethHost?.name, mac: pod.vethHost?.mac },
      { name: 'eth0', mac: pod.eth0?.mac, sandbox: ctx.netnsPath },
    ],
    ips: (pod.eth0?.addrs ?? []).map((a) => ({
      address: `${a.ip}/${a.prefix}`,
      gateway: bridgeOf(node).addrs[0]?.ip,
      interface: 2,
    })),
    routes: pod.routes.filter((r) => r.proto !== 'kernel').map((r) => ({ dst: r.dst, gw: r.via })),
    dns: {},
  };
  return birthStep({
    id: 'result',
    actor: 'plugin',
    actorName: 'bridge plugin',
    title: 'Prints its result to the runtime',
    explain: `The plugin waits for ${pod.vethHost?.name ?? 'the host veth'} to be up, then prints the result on stdout. The runtime keeps it (DEL gets it back later) and takes the pod IP from eth0.`,
    commands: [],
    output: { label: 'stdout (CNI result)', text: JSON.stringify(result, null, 2) },
  });
}
