/**
 * After Calico's dataplane setup: the plugin writes the pod's WorkloadEndpoint (with the Kubernetes
 * datastore it is the pod itself plus the annotations cni.projectcalico.org/containerID, podIP and
 * podIPs; the name escapes '-' as '--': libcalico-go names.WorkloadEndpointIdentifiers), and Felix
 * (calico-node) reacts: the per-interface policy chains cali-tw-<iface> / cali-fw-<iface> reached
 * from cali-to-wl-dispatch / cali-from-wl-dispatch in filter FORWARD, the namespace's profile
 * chains, and a permanent neighbour entry for the pod (felix/rules/dispatch.go, endpoints.go;
 * reference/cni-datapaths.md §2.2, §2.6).
 */
import { ids } from '../model/ids';

import { birthStep } from './step';
import type { BirthContext, BirthStep } from './types';

const esc = (s: string): string => s.replace(/-/g, '--');

/** The WorkloadEndpoint's name: `<node>-k8s-<pod>-<interface>`, dashes doubled. */
export const workloadEndpointName = (node: string, pod: string): string =>
  `${esc(node)}-k8s-${esc(pod)}-eth0`;

export function workloadEndpointStep(ctx: BirthContext): BirthStep {
  const { pod, node } = ctx;
  const name = workloadEndpointName(node.name, pod.name);
  const cali = pod.vethHost?.name ?? 'cali?';
  const labels = {
    ...pod.labels,
    'projectcalico.org/namespace': pod.namespace,
    'projectcalico.org/orchestrator': 'k8s',
    'projectcalico.org/serviceaccount': 'default',
  };
  const yaml = [
    'apiVersion: projectcalico.org/v3',
    'kind: WorkloadEndpoint',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${pod.namespace}`,
    '  labels:',
    ...Object.entries(labels).map(([k, v]) => `    ${k}: ${v}`),
    'spec:',
    '  orchestrator: k8s',
    `  node: ${node.name}`,
    `  pod: ${pod.name}`,
    '  endpoint: eth0',
    `  containerID: ${ctx.containerId.slice(0, 12)}…`,
    `  interfaceName: ${cali}`,
    `  mac: ${pod.eth0?.mac ?? ''}`,
    '  ipNetworks:',
    ...(pod.eth0?.addrs ?? []).map((a) => `  - ${a.ip}/${a.prefix}`),
    '  profiles:',
    `  - kns.${pod.namespace}`,
    `  - ksa.${pod.namespace}.default`,
  ].join('\n');
  return birthStep({
    id: 'endpoint',
    actor: 'plugin',
    actorName: 'calico plugin',
    title: `Writes the WorkloadEndpoint ${name}`,
    explain: `The WorkloadEndpoint tells the rest of Calico that ${pod.key} lives behind ${cali} with ${pod.ips[0] ?? 'its address'}. With the Kubernetes datastore it is not a separate object: the plugin annotates the pod (cni.projectcalico.org/podIP, podIPs, containerID) and Calico reads the endpoint off the pod.`,
    commands: [
      `kubectl annotate pod -n ${pod.namespace} ${pod.name} cni.projectcalico.org/podIP=${pod.eth0?.addrs[0] ? `${pod.eth0.addrs[0].ip}/${pod.eth0.addrs[0].prefix}` : ''}   # what the plugin's update amounts to`,
      `calicoctl get workloadendpoint -n ${pod.namespace} ${name} -o yaml`,
    ],
    output: { label: 'the WorkloadEndpoint', text: yaml },
    touches: [pod.id],
  });
}

export function calicoFelixStep(ctx: BirthContext): BirthStep {
  const { pod, node } = ctx;
  const cali = pod.vethHost?.name ?? 'cali?';
  const neigh = node.neigh.filter((n) => n.dev === cali);
  return birthStep({
    id: 'felix',
    actor: 'agent',
    actorName: 'Felix (calico-node)',
    title: `Felix programs cali-fw-${cali} and cali-tw-${cali}`,
    explain: `Felix, Calico's agent on ${node.name}, sees the new WorkloadEndpoint and writes its policy chains in filter FORWARD: cali-fw-${cali} for packets from the pod (its egress policy), cali-tw-${cali} for packets to it (its ingress policy), each with a jump per NetworkPolicy that selects the pod, then the namespace's profile. It also writes a permanent neighbour entry, so ${node.name} never ARPs for the pod.`,
    commands: [
      `iptables -t filter -N cali-tw-${cali}`,
      `iptables -t filter -N cali-fw-${cali}`,
      `iptables -t filter -A cali-to-wl-dispatch -o ${cali} -g cali-tw-${cali}`,
      `iptables -t filter -A cali-from-wl-dispatch -i ${cali} -g cali-fw-${cali}`,
      `iptables -t filter -A cali-tw-${cali} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
      `iptables -t filter -A cali-tw-${cali} -j cali-pri-kns.${pod.namespace}`,
      `iptables -t filter -A cali-fw-${cali} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
      `iptables -t filter -A cali-fw-${cali} -j cali-pro-kns.${pod.namespace}`,
      ...neigh.map((n) => `ip neigh replace ${n.ip} dev ${cali} lladdr ${n.mac} nud permanent`),
    ],
    ...(neigh.length
      ? {
          output: { label: `ip neigh show dev ${cali}`, text: neigh.map((n) => n.text).join('\n') },
        }
      : {}),
    touches: [ids.nodeNetfilter(node.name), ids.veth(pod.key)],
  });
}
