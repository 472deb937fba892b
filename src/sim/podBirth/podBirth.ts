/**
 * The runtime's part of a pod's birth (containerd's RunPodSandbox, reference/learning.md §4 R1–R4
 * and §5): the kubelet asks for a sandbox, the runtime creates the network namespace and runs the
 * CNI networks (loopback, then the configured list), starts the pause container that holds the
 * namespace, and the app containers join it. The CNI's own steps come from the cluster's planner.
 */
import type { Cluster, DerivedPod } from '../derive/types';
import { clusterDnsService, searchPath } from '../dns/resolve';
import { ids } from '../model/ids';
import { hexDigest } from '../util/hash';

import { PAUSE_IMAGE } from './pause';
import { plannerFor } from './planners';
import { birthStep } from './step';
import type { BirthContext, BirthStep, PodBirth } from './types';

const hex = (seed: string, n: number): string => {
  let out = '';
  for (let i = 0; out.length < n; i++) out += hexDigest(`${seed}#${i}`, 16);
  return out.slice(0, n);
};

/** The pod's birth, step by step; undefined if there is no such pod. */
export function podBirth(cluster: Cluster, podKey: string): PodBirth | undefined {
  const pod = cluster.podByKey.get(podKey);
  if (!pod) return undefined;
  const node = pod.nodeName !== undefined ? cluster.nodeByName.get(pod.nodeName) : undefined;
  const planner = plannerFor(cluster);
  const containerId = hex(`sandbox:${pod.key}`, 64);
  const uuid = hex(`netns:${pod.key}`, 32);
  const netns = `cni-${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}`;
  const steps: BirthStep[] = [sandboxStep(cluster, pod)];
  const head = { pod: pod.key, ...(node ? { node: node.name } : {}), cni: planner.name(cluster) };
  if (!node)
    return {
      ...head,
      steps: [
        ...steps,
        birthStep({
          id: 'no-node',
          actor: 'kubelet',
          actorName: 'kubelet',
          title: 'No kubelet runs it',
          explain: `The pod is bound to ${pod.nodeName ? `node "${pod.nodeName}", which does not exist` : 'no node'}: no kubelet picks it up, so no sandbox, namespace or address is ever made.`,
          commands: [],
          error: 'pod not scheduled on an existing node',
        }),
      ],
    };
  if (pod.hostNetwork) {
    steps.push(
      birthStep({
        id: 'host-network',
        actor: 'runtime',
        actorName: 'containerd',
        title: 'hostNetwork: no namespace, no CNI call',
        explain: `A hostNetwork pod shares ${node.name}'s own network namespace: no netns is created, no CNI plugin runs, and the pod's IP is the node's (${node.ips[0] ?? ''}).`,
        commands: [],
        skipped: 'hostNetwork: true',
        creates: [pod.id],
      }),
      pauseStep(pod, `${node.name}'s own namespace`),
      containersStep(pod),
    );
    return { ...head, steps };
  }
  const firstOnNode =
    node.podKeys
      .map((k) => cluster.podByKey.get(k))
      .find((p) => p !== undefined && p.eth0 !== undefined)?.key === pod.key;
  const ctx: BirthContext = {
    cluster,
    pod,
    node,
    containerId,
    netns,
    netnsPath: `/var/run/netns/${netns}`,
    firstOnNode,
  };
  const conf = planner.conflist(ctx);
  steps.push(
    birthStep({
      id: 'netns',
      actor: 'runtime',
      actorName: 'containerd',
      title: `Creates the network namespace ${netns}`,
      explain: `The runtime — not the pause container, not the kubelet — makes the pod's network namespace (unshare on a thread) and pins it with a bind mount. It holds only a loopback device, still down.`,
      commands: [`ip netns add ${netns}`],
      creates: [pod.id],
    }),
    birthStep({
      id: 'cni-add',
      actor: 'cni',
      actorName: 'containerd (go-cni)',
      title: 'Runs CNI ADD: loopback, then the configured network',
      explain: `containerd reads the first config in /etc/cni/net.d (${conf.file}) and calls each plugin from /opt/cni/bin with the command in its environment and the plugin's JSON on stdin. The kubelet calls no plugin itself (it has not since dockershim was removed in 1.24).`,
      commands: [
        `ip -n ${netns} link set lo up   # the built-in loopback network`,
        `CNI_COMMAND=ADD CNI_IFNAME=eth0 … /opt/cni/bin/${firstPluginType(conf.json)} < config`,
      ],
      env: {
        CNI_COMMAND: 'ADD',
        CNI_CONTAINERID: containerId,
        CNI_NETNS: ctx.netnsPath,
        CNI_IFNAME: 'eth0',
        CNI_PATH: '/opt/cni/bin',
        CNI_ARGS: `IgnoreUnknown=1;K8S_POD_NAMESPACE=${pod.namespace};K8S_POD_NAME=${pod.name};K8S_POD_INFRA_CONTAINER_ID=${containerId};K8S_POD_UID=${hex(`uid:${pod.key}`, 8)}-…`,
      },
      input: { label: conf.file, text: JSON.stringify(conf.json, null, 2) },
    }),
    ...planner.add(ctx),
  );
  if (steps.some((s) => s.error))
    return {
      ...head,
      steps: [
        ...steps,
        birthStep({
          id: 'teardown',
          actor: 'runtime',
          actorName: 'containerd',
          title: 'ADD failed: DEL and the namespace is removed',
          explain:
            'The runtime undoes what was done (CNI DEL, in reverse plugin order) and deletes the namespace; the kubelet retries later and the pod stays ContainerCreating.',
          commands: [`CNI_COMMAND=DEL … /opt/cni/bin/…`, `ip netns del ${netns}`],
        }),
      ],
    };
  steps.push(pauseStep(pod, `the namespace ${netns}`), containersStep(pod));
  return { ...head, steps };
}

function firstPluginType(conf: unknown): string {
  const plugins = (conf as { plugins?: { type?: string }[] }).plugins;
  return plugins?.[0]?.type ?? (conf as { type?: string }).type ?? 'plugin';
}

function sandboxStep(cluster: Cluster, pod: DerivedPod): BirthStep {
  const dns = clusterDnsService(cluster)?.clusterIPs[0];
  const hostPorts = pod.containers.flatMap((c) => (c.ports ?? []).filter((p) => p.hostPort));
  const request = {
    metadata: { name: pod.name, namespace: pod.namespace, uid: `${hex(`uid:${pod.key}`, 8)}-…` },
    hostname: pod.name,
    dns_config: {
      servers: dns ? [dns] : [],
      searches: searchPath(cluster, pod.namespace),
      options: ['ndots:5'],
    },
    port_mappings: hostPorts.map((p) => ({
      container_port: p.containerPort,
      host_port: p.hostPort,
    })),
    linux: {
      security_context: { namespace_options: { network: pod.hostNetwork ? 'NODE' : 'POD' } },
    },
  };
  return birthStep({
    id: 'sandbox',
    actor: 'kubelet',
    actorName: 'kubelet',
    title: `The kubelet on ${pod.nodeName ?? '(no node)'} asks for a sandbox`,
    explain: `The scheduler bound ${pod.key} to a node; that node's kubelet sees it and calls the container runtime over CRI (RunPodSandbox) with the pod's name, hostname, DNS settings and hostPorts.`,
    commands: ['crictl runp pod-config.json   # the CRI call the kubelet makes'],
    input: { label: 'RunPodSandbox request', text: JSON.stringify(request, null, 2) },
  });
}

function pauseStep(pod: DerivedPod, where: string): BirthStep {
  return birthStep({
    id: 'pause',
    actor: 'pause',
    actorName: 'pause container',
    title: 'The pause container starts and holds the namespace',
    explain: `The runtime writes resolv.conf and starts ${PAUSE_IMAGE} inside ${where}. pause sets up nothing: it sleeps, reaps zombie processes and keeps the namespace alive while app containers come and go. If it dies, the pod gets a new sandbox, a new ADD and usually a new IP.`,
    commands: [`# /pause: for (;;) pause();  — SIGCHLD: reap children; SIGTERM: exit 0`],
    creates: [ids.pause(pod.key)],
  });
}

function containersStep(pod: DerivedPod): BirthStep {
  return birthStep({
    id: 'containers',
    actor: 'containers',
    actorName: 'kubelet',
    title: `App containers join the sandbox: ${pod.containers.map((c) => c.name).join(', ') || 'none'}`,
    explain: `The kubelet creates each container in the sandbox's namespaces (CreateContainer, StartContainer): they share eth0, ${pod.ips[0] ?? 'the IP'}, the port space and localhost, and the kubelet reports status.podIP.`,
    commands: pod.containers.map(
      (c) => `crictl create <sandbox> ${c.name}.json && crictl start <id>   # ${c.image ?? ''}`,
    ),
    output: {
      label: 'kubectl get pod -o wide',
      text: `${pod.name}   Running   ${pod.ips[0] ?? '<none>'}   ${pod.nodeName ?? ''}`,
    },
    creates: pod.containers.map((c) => ids.container(pod.key, c.name)),
  });
}
