/**
 * flannel's CNI side (flannel-io/cni-plugin): the runtime calls `flannel`, which reads
 * /run/flannel/subnet.env (written by flanneld for this node) and delegates to the bridge plugin
 * with `ipMasq: false` — flanneld masquerades for the whole node itself (FLANNEL-POSTRTG) — then
 * portmap runs for hostPorts. Used for both backends the explorer models (host-gw style routes,
 * VXLAN): the pod side is the same; only the MTU and the node routes differ.
 */
import type { Cluster } from '../derive/types';
import { bridgeAdd, bridgeOf } from './bridgePlugin';
import { portmapStep } from './portmap';
import type { BirthContext, BirthStep, CniAddPlanner } from './types';

const NETWORK = 'cbr0';
const BACKEND: Partial<Record<string, string>> = {
  vxlan: 'VXLAN',
  'cloud-routes': 'cloud route: aws-vpc, gce',
};

function subnetEnv(ctx: BirthContext): Record<string, string> {
  const gw = bridgeOf(ctx.node).addrs[0];
  return {
    FLANNEL_NETWORK: ctx.cluster.settings.podSubnet,
    FLANNEL_SUBNET: gw ? `${gw.ip}/${gw.prefix}` : (ctx.node.podCIDRs[0] ?? ''),
    FLANNEL_MTU: String(ctx.pod.eth0?.mtu ?? bridgeOf(ctx.node).mtu),
    FLANNEL_IPMASQ: String(ctx.cluster.settings.cni.masquerade !== false),
  };
}

/** The delegate config flannel hands the bridge plugin (the pod routes are the derived ones). */
function delegate(ctx: BirthContext): unknown {
  const env = subnetEnv(ctx);
  return {
    cniVersion: '0.3.1',
    name: NETWORK,
    type: 'bridge',
    bridge: bridgeOf(ctx.node).name,
    hairpinMode: true,
    isGateway: true,
    isDefaultGateway: true,
    ipMasq: false,
    mtu: Number(env.FLANNEL_MTU),
    ipam: {
      type: 'host-local',
      ranges: [ctx.node.podCIDRs.map((subnet) => ({ subnet }))],
      routes: ctx.pod.routes
        .filter((r) => r.proto !== 'kernel' && r.dst !== 'default')
        .map((r) => ({ dst: r.dst })),
    },
  };
}

export const flannelPlanner: CniAddPlanner = {
  // Cloud routes: flannel's aws-vpc / gce backends write each node's pod range into the cloud's
  // route table instead of the nodes' (flannel Documentation/backends.md); the pod side is the same.
  name: (cluster: Cluster) =>
    `flannel (${BACKEND[cluster.settings.cni.mode] ?? 'host-gw'} backend) with the bridge plugin`,
  conflist: () => ({
    file: '/etc/cni/net.d/10-flannel.conflist',
    json: {
      name: NETWORK,
      cniVersion: '0.3.1',
      plugins: [
        { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
        { type: 'portmap', capabilities: { portMappings: true } },
      ],
    },
  }),
  add(ctx) {
    const env = subnetEnv(ctx);
    const masq = env.FLANNEL_IPMASQ === 'true';
    const steps: BirthStep[] = [
      {
        id: 'flannel',
        actor: 'plugin',
        actorName: 'flannel plugin',
        title: 'flannel reads its subnet and calls the bridge plugin',
        explain: `flannel does not create devices itself. It reads the node's lease from /run/flannel/subnet.env (written by flanneld) and runs the bridge plugin with a config built from it — with ipMasq false, because flanneld masquerades for the node.`,
        commands: [
          'cat /run/flannel/subnet.env',
          `CNI_COMMAND=ADD … /opt/cni/bin/bridge < /var/lib/cni/flannel/${ctx.containerId.slice(0, 12)}…`,
        ],
        input: {
          label: '/run/flannel/subnet.env',
          text: Object.entries(env)
            .map(([k, v]) => `${k}=${v}`)
            .join('\n'),
        },
        output: {
          label: 'stdin of bridge (delegate config)',
          text: JSON.stringify(delegate(ctx), null, 2),
        },
        creates: [],
        touches: [],
      },
      ...bridgeAdd(ctx, {
        network: NETWORK,
        ipMasq: false,
        hairpinMode: true,
        masqElsewhere: masq,
        noMasqReason: masq
          ? `flannel passes ipMasq false: flanneld itself masquerades pod traffic leaving the pod network for the whole node (the FLANNEL-POSTRTG chain in ${ctx.node.name}'s iptables), so no per-pod rule is needed.`
          : 'flannel passes ipMasq false, and this cluster has masquerading off (cni.masquerade: false): pod addresses leave the node unchanged.',
      }),
    ];
    if (steps.some((s) => s.error)) return steps;
    steps.push(portmapStep(ctx, 'flannel'));
    return steps;
  },
};
