/** Queries over a node's CNI devices (see CniDatapath.node). */
import type { DerivedNode, NetDevice } from './types';

/** The device named `name` on the node (cni0, flannel.1, tunl0, cilium_host, …). */
export function nodeDevice(node: DerivedNode, name: string): NetDevice | undefined {
  return node.devices.find((d) => d.name === name);
}

/** The node's pod bridge (cni0), when its CNI has one. */
export function podBridge(node: DerivedNode): NetDevice | undefined {
  return node.devices.find((d) => d.role === 'pod-bridge');
}

/** The node's overlay device (flannel.1, tunl0, vxlan.calico, cilium_vxlan), when there is one. */
export function tunnelDevice(node: DerivedNode): NetDevice | undefined {
  return node.devices.find((d) => d.role === 'tunnel');
}
