/**
 * A pod is born (issue 14): what the kubelet, the container runtime, the CNI plugins and the
 * pause container do between `kubectl apply` and a pod with an IP — as steps, each with the
 * equivalent `ip`/`iptables` commands and the graph elements it creates. Computed from the derived
 * datapath (the pod's eth0, veth, addresses and routes; the node's bridge and routes), so the
 * player stays true to what the walks use. Sources: reference/learning.md §4–5.
 */
import type { Cluster, DerivedNode, DerivedPod } from '../derive/types';

/** Who acts in a step. */
export type BirthActor =
  | 'kubelet'
  | 'runtime'
  | 'cni'
  | 'plugin'
  | 'ipam'
  | 'kernel'
  | 'pause'
  | 'containers'
  /** A node agent that acts on the new endpoint (Calico's Felix, the cilium-agent). */
  | 'agent';

export interface BirthStep {
  /** Stable within a birth ("sandbox", "netns", "bridge", "veth", "ipam", …). */
  readonly id: string;
  readonly actor: BirthActor;
  /** Who it is, as the learner should name it ("containerd", "bridge plugin", "host-local"). */
  readonly actorName: string;
  readonly title: string;
  /** Two or three plain sentences. */
  readonly explain: string;
  /** Shell equivalents of what is done (netlink calls, iptables rules), in order. */
  readonly commands: readonly string[];
  /** Environment the runtime passes to a CNI plugin. */
  readonly env?: Readonly<Record<string, string>>;
  /** What the plugin reads on stdin, or a file's content (JSON or text). */
  readonly input?: { readonly label: string; readonly text: string };
  /** What the step leaves behind to read: the plugin's result, `ip route`, a file. */
  readonly output?: { readonly label: string; readonly text: string };
  /** Graph elements that exist from this step on. */
  readonly creates: readonly string[];
  /** Graph elements the step changes (an address on cni0, a rule in iptables). */
  readonly touches: readonly string[];
  /** Set when the step does nothing here, and why. */
  readonly skipped?: string;
  /** Set when the step fails (the pod never gets its network), with the error as printed. */
  readonly error?: string;
}

export interface PodBirth {
  readonly pod: string;
  readonly node?: string;
  /** The CNI as the player names it ("flannel (vxlan backend), delegating to bridge"). */
  readonly cni: string;
  readonly steps: readonly BirthStep[];
}

/** What a CNI planner gets: the pod and node as derived, and the sandbox's generated names. */
export interface BirthContext {
  readonly cluster: Cluster;
  readonly pod: DerivedPod;
  readonly node: DerivedNode;
  /** The sandbox (pause container) id: 64 hex digits. */
  readonly containerId: string;
  /** `/var/run/netns/cni-…` */
  readonly netnsPath: string;
  /** `cni-…` (the name `ip netns` shows). */
  readonly netns: string;
  /** True when no other pod on the node was wired before this one (the bridge is not there yet). */
  readonly firstOnNode: boolean;
}

/**
 * One CNI's ADD, as steps: the seam a new datapath plugs into (Calico, Cilium, …). It reads the
 * derived datapath only, never re-derives it.
 */
export interface CniAddPlanner {
  /** The name the player shows. */
  name(cluster: Cluster): string;
  /** The config file the runtime reads from /etc/cni/net.d, and its content. */
  conflist(ctx: BirthContext): { readonly file: string; readonly json: unknown };
  /** The plugin steps of ADD for eth0, after the runtime has called the first plugin. */
  add(ctx: BirthContext): BirthStep[];
}
