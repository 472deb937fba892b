/**
 * Graph element ids. The trace's `at`/`via` fields and the graph use the same ids, so a hop can
 * be drawn where it happens.
 */
export const ids = {
  node: (name: string) => `node:${name}`,
  nodeEth0: (name: string) => `node:${name}/eth0`,
  nodeBridge: (name: string) => `node:${name}/cni0`,
  nodeVxlan: (name: string) => `node:${name}/flannel.1`,
  /** A CNI device in a node's root namespace (cni0, flannel.1, tunl0, cilium_host, …). */
  nodeDev: (name: string, dev: string) => `node:${name}/${dev}`,
  /** Where pods attach on a node without a bridge (Calico's routing, Cilium's eBPF datapath). */
  nodeAttach: (name: string) => `node:${name}/pods`,
  nodeRoutes: (name: string) => `node:${name}/routes`,
  nodeNetfilter: (name: string) => `node:${name}/iptables`,
  nodeLink: (name: string) => `link:${name}`,
  pod: (key: string) => `pod:${key}`,
  podEth0: (key: string) => `pod:${key}/eth0`,
  podLo: (key: string) => `pod:${key}/lo`,
  /** The pause (sandbox) container: it holds the pod's namespaces. */
  pause: (key: string) => `pod:${key}/pause`,
  container: (key: string, c: string) => `pod:${key}/c/${c}`,
  veth: (key: string) => `veth:${key}`,
  /** The host end of a pod's veth, drawn where it meets the bridge (or the host). */
  vethPort: (key: string) => `vethport:${key}`,
  bridgeLink: (name: string) => `bridge-link:${name}`,
  service: (key: string) => `svc:${key}`,
  serviceEndpoint: (svcKey: string, ip: string) => `svcep:${svcKey}/${ip}`,
  loadBalancer: (svcKey: string) => `lb:${svcKey}`,
  loadBalancerLink: (svcKey: string) => `lb-link:${svcKey}`,
  /** The bus of one node subnet, by its first block ("net:nodes/192.168.1.0/24"). */
  subnet: (cidr: string) => `net:nodes/${cidr}`,
  /** Whether an id is a subnet bus's. */
  isSubnet: (id: string) => id.startsWith('net:nodes/'),
  /** The router joining the node subnets to each other and to the outside. */
  router: () => 'ext:internet',
  subnetLink: (cidr: string) => `router-link:${cidr}`,
  external: () => 'ext:internet',
} as const;
