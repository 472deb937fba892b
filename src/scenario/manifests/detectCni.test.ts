/** Importing a dump of a Cilium cluster picks Cilium and says why (issue 15, "choosing and detecting"). */
import { describe, expect, it } from 'vitest';

import { importManifests } from './importManifests';

const NODE = `apiVersion: v1
kind: Node
metadata: {name: node-1}
status: {addresses: [{type: InternalIP, address: 192.168.1.11}]}
`;

const imported = (text: string) => {
  const r = importManifests(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('CNI detection on import', () => {
  it('the cilium-config ConfigMap picks Cilium, keeps the ConfigMap and says so in a note', () => {
    const r = imported(`${NODE}---
apiVersion: v1
kind: ConfigMap
metadata: {name: cilium-config, namespace: kube-system}
data: {routing-mode: native, kube-proxy-replacement: "true"}
`);
    expect(r.scenario.cluster.cni.mode).toBe('cilium');
    expect(r.scenario.others.some((o) => o.kind === 'ConfigMap')).toBe(true);
    expect(r.notes.join(' ')).toContain(
      'The cluster runs Cilium (found ConfigMap kube-system/cilium-config)',
    );
  });

  it('cilium agent pods (k8s-app: cilium) pick Cilium too', () => {
    const r = imported(`${NODE}---
apiVersion: v1
kind: Pod
metadata: {name: cilium-x7k2p, namespace: kube-system, labels: {k8s-app: cilium}}
spec: {nodeName: node-1, hostNetwork: true, containers: [{name: cilium-agent, image: quay.io/cilium/cilium:v1.16.5}]}
`);
    expect(r.scenario.cluster.cni.mode).toBe('cilium');
    expect(r.notes.join(' ')).toContain('pod kube-system/cilium-x7k2p (k8s-app: cilium)');
  });

  it('ExplorerSettings cni.mode wins over detection; nothing found keeps flannel', () => {
    const given = imported(`${NODE}---
apiVersion: explorer.k8snet.dev/v1alpha1
kind: ExplorerSettings
cni: {mode: vxlan}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cilium-config, namespace: kube-system}
data: {routing-mode: tunnel}
`);
    expect(given.scenario.cluster.cni.mode).toBe('vxlan');
    expect(given.notes.join(' ')).not.toContain('runs Cilium');
    expect(imported(NODE).scenario.cluster.cni.mode).toBe('routes');
  });
});
