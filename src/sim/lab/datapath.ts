/**
 * The CNI datapaths a lab can build, one builder per kind, chosen by the cluster's CNI mode:
 * each writes a node's devices (bridge, tunnel) and wires a pod into its node. The script
 * checks at `up` that the kernel has what the builder needs (`kernel`), and refuses by name
 * otherwise. A mode without a builder is refused when the script is generated.
 */
import type { Cluster } from '../derive/types';

import { bridgeDatapath } from './bridgeDatapath';
import type { LabNode, LabPlan, LabPod } from './plan';

/** A kernel feature `up` probes for in a scratch namespace before building anything. */
export interface KernelCheck {
  /** An `ip link add` type and its options ("vxlan id 1 dstport 8472"). */
  readonly linkType: string;
  /** What is missing if that fails, in the user's words ("VXLAN (CONFIG_VXLAN)"). */
  readonly what: string;
}

export interface LabDatapath {
  /** How the user knows it: "flannel host-gw (routes)". */
  readonly name: string;
  readonly kernel: readonly KernelCheck[];
  /** A node's CNI devices, addresses and neighbours (not its routes: those are the node's). */
  nodeDevices(plan: LabPlan, node: LabNode): string[];
  /** The pod's eth0 and its link into the node. */
  podLink(plan: LabPlan, pod: LabPod): string[];
}

const BUILDERS: Readonly<Record<string, (c: Cluster) => LabDatapath>> = {
  routes: (c) => bridgeDatapath(c, 'flannel host-gw style (cni0 bridge, routes between nodes)'),
  vxlan: (c) => bridgeDatapath(c, 'flannel VXLAN (cni0 bridge, flannel.1 tunnel)'),
  'cloud-routes': (c) =>
    bridgeDatapath(c, "cloud routes (cni0 bridge; the router holds a route to each node's pods)"),
};

/** Datapaths the explorer models that a network-namespace lab cannot build, and why. */
const REFUSED: Readonly<Record<string, string>> = {
  calico:
    'Calico needs its own builder (cali veths, proxy ARP, BIRD routes); IP-in-IP (tunl0) is not in every kernel',
  cilium:
    "Cilium's datapath is eBPF programs loaded by the agent, which a shell script cannot build",
};

/** The builder for the cluster's CNI mode, or a refusal naming the datapath. */
export function labDatapathFor(
  cluster: Cluster,
): { ok: true; datapath: LabDatapath } | { ok: false; error: string } {
  const mode = cluster.settings.cni.mode;
  const build = BUILDERS[mode];
  if (build) return { ok: true, datapath: build(cluster) };
  const why = REFUSED[mode] ?? 'the lab has no builder for it yet';
  return { ok: false, error: `the lab cannot build the CNI datapath "${mode}": ${why}` };
}
