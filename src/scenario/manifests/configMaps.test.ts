import { DEFAULT_CLUSTER } from '@/sim';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { importManifests } from './importManifests';

const NODE = 'apiVersion: v1\nkind: Node\nmetadata: { name: n1 }\n';

/** The ConfigMaps as `kubectl get cm -n kube-system -o yaml` prints them (kind's, abridged). */
const KUBEADM_CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: kubeadm-config
  namespace: kube-system
data:
  ClusterConfiguration: |
    apiServer:
      certSANs:
      - localhost
    apiVersion: kubeadm.k8s.io/v1beta3
    clusterName: kind
    controllerManager:
      extraArgs:
        enable-hostpath-provisioner: "true"
        node-cidr-mask-size-ipv4: "25"
    kind: ClusterConfiguration
    kubernetesVersion: v1.30.0
    networking:
      dnsDomain: cluster.local
      podSubnet: 10.244.0.0/16
      serviceSubnet: 10.96.0.0/16
`;

const KUBE_PROXY = `apiVersion: v1
kind: ConfigMap
metadata:
  name: kube-proxy
  namespace: kube-system
  labels: { app: kube-proxy }
data:
  config.conf: |-
    apiVersion: kubeproxy.config.k8s.io/v1alpha1
    bindAddress: 0.0.0.0
    clusterCIDR: 10.244.0.0/16
    conntrack:
      maxPerCore: 0
    detectLocalMode: ""
    iptables:
      localhostNodePorts: null
      masqueradeAll: false
      masqueradeBit: null
      minSyncPeriod: 1s
    kind: KubeProxyConfiguration
    mode: iptables
    nodePortAddresses: null
  kubeconfig.conf: |-
    apiVersion: v1
    kind: Config
`;

function imported(...docs: string[]) {
  const r = importManifests([...docs, NODE].join('\n---\n'));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("kubeadm's and kube-proxy's ConfigMaps", () => {
  it('reads ClusterConfiguration from kube-system/kubeadm-config', () => {
    const r = imported(KUBEADM_CONFIG);
    expect(r.scenario.cluster).toStrictEqual({
      ...DEFAULT_CLUSTER,
      serviceSubnet: '10.96.0.0/16',
      nodeCIDRMaskSize: 25,
    });
    expect(r.scenario.others).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.notes).toContain(
      'The ClusterConfiguration is read from ConfigMap kube-system/kubeadm-config (data.ClusterConfiguration).',
    );
  });

  it("reads KubeProxyConfiguration from kube-system/kube-proxy's config.conf", () => {
    const r = imported(KUBE_PROXY);
    expect(r.scenario.cluster.kubeProxy).toStrictEqual({ mode: 'iptables', iptables: {} });
    expect(r.scenario.cluster.podSubnet).toBe('10.244.0.0/16');
    expect(r.scenario.others).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('reads both from one kubectl List, next to the objects', () => {
    const items = [KUBEADM_CONFIG, KUBE_PROXY].map((d) => parse(d) as unknown);
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
    const r = imported(list);
    expect(r.scenario.cluster.serviceSubnet).toBe('10.96.0.0/16');
    expect(r.scenario.cluster.kubeProxy.mode).toBe('iptables');
    expect(r.scenario.others).toEqual([]);
  });

  it('a ClusterConfiguration document given first wins over the ConfigMap, with a warning', () => {
    const doc =
      'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: { serviceSubnet: 10.100.0.0/16 }\n';
    const r = imported(doc, KUBEADM_CONFIG);
    expect(r.scenario.cluster.serviceSubnet).toBe('10.100.0.0/16');
    expect(r.warnings).toEqual([
      'ClusterConfiguration appears more than once; the first one is used',
    ]);
  });

  it('keeps ConfigMaps it cannot read, and other ConfigMaps, as unmodelled objects', () => {
    const broken = KUBEADM_CONFIG.replace('networking:', 'networking: [');
    const other = KUBE_PROXY.replace('namespace: kube-system', 'namespace: default');
    const r = imported(broken, other);
    expect(r.scenario.others.map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`)).toEqual([
      'kube-system/kubeadm-config',
      'default/kube-proxy',
    ]);
    expect(r.warnings[0]).toMatch(
      /^ConfigMap kube-system\/kubeadm-config \(data\.ClusterConfiguration\) is not valid YAML/,
    );
    expect(r.scenario.cluster).toStrictEqual(DEFAULT_CLUSTER);
  });

  it('reports a wrongly typed setting inside the ConfigMap at its data key', () => {
    const r = importManifests(KUBE_PROXY.replace('mode: iptables', 'mode: 3'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^document 1, line 8: KubeProxyConfiguration: /);
  });
});
