import { DEFAULT_CLUSTER } from '@/sim';
import { describe, expect, it } from 'vitest';

import { exportManifests } from './exportManifests';
import { importManifests } from './importManifests';

const NODE = 'apiVersion: v1\nkind: Node\nmetadata: { name: n1 }\n';

function settingsOf(...docs: string[]) {
  const r = importManifests([...docs, NODE].join('---\n'));
  if (!r.ok) throw new Error(r.error.message);
  return { ...r.value, cluster: r.value.scenario.cluster };
}

const kubeadm = (networking: string, extra = '') =>
  `apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: ${networking}\n${extra}`;
const proxy = (fields: string) =>
  `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n${fields}\n`;

describe('cluster settings from kubeadm and kube-proxy configuration', () => {
  it('reads ClusterConfiguration networking', () => {
    const { cluster } = settingsOf(
      kubeadm('{ podSubnet: 10.32.0.0/12, serviceSubnet: 10.112.0.0/12, dnsDomain: k8s.internal }'),
    );
    expect(cluster).toStrictEqual({
      ...DEFAULT_CLUSTER,
      podSubnet: '10.32.0.0/12',
      serviceSubnet: '10.112.0.0/12',
      dnsDomain: 'k8s.internal',
    });
  });

  it('reads the node CIDR mask size from v1beta4 (list) and v1beta3 (map) extraArgs', () => {
    const v4 = settingsOf(
      kubeadm(
        '{ podSubnet: "10.244.0.0/16,fd00:10::/56" }',
        'controllerManager:\n  extraArgs:\n  - { name: node-cidr-mask-size-ipv4, value: "25" }\n  - { name: node-cidr-mask-size-ipv6, value: "80" }\n',
      ),
    ).cluster;
    expect([v4.nodeCIDRMaskSize, v4.nodeCIDRMaskSizeIPv6]).toEqual([25, 80]);
    const v3 = settingsOf(
      'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nnetworking: { podSubnet: 10.244.0.0/16 }\ncontrollerManager:\n  extraArgs: { node-cidr-mask-size: "26" }\n',
    ).cluster;
    expect([v3.nodeCIDRMaskSize, v3.nodeCIDRMaskSizeIPv6]).toEqual([26, undefined]);
  });

  it('reads every modelled KubeProxyConfiguration field', () => {
    const { cluster, warnings } = settingsOf(
      kubeadm('{ podSubnet: 10.244.0.0/16 }'),
      proxy(
        'mode: iptables\nclusterCIDR: 10.0.0.0/8\ndetectLocalMode: ClusterCIDR\nmasqueradeAll: true\nnodePortAddresses: [192.168.1.0/24]\niptables: { localhostNodePorts: false, masqueradeBit: 15, syncPeriod: 30s }\nconntrack: { maxPerCore: 0 }',
      ),
    );
    expect(cluster.kubeProxy).toStrictEqual({
      mode: 'iptables',
      clusterCIDR: '10.0.0.0/8',
      masqueradeAll: true,
      nodePortAddresses: ['192.168.1.0/24'],
      iptables: { localhostNodePorts: false, masqueradeBit: 15 },
    });
    expect(cluster.podSubnet).toBe('10.244.0.0/16');
    expect(warnings).toEqual([]);
  });

  it('a clusterCIDR equal to the pod network is the default (absent)', () => {
    const { cluster } = settingsOf(
      kubeadm('{ podSubnet: 10.244.0.0/16 }'),
      proxy('clusterCIDR: 10.244.0.0/16'),
    );
    expect(cluster.kubeProxy).toStrictEqual({ mode: 'iptables' });
  });

  it('without a ClusterConfiguration the pod network defaults to kube-proxy clusterCIDR', () => {
    const r = settingsOf(
      proxy('mode: iptables\ndetectLocalMode: ClusterCIDR\nclusterCIDR: 10.0.0.0/8'),
    );
    expect(r.cluster.podSubnet).toBe('10.0.0.0/8');
    expect(r.cluster.kubeProxy).toStrictEqual({ mode: 'iptables' });
    expect(r.notes).toContain(
      "The pod network is 10.0.0.0/8, kube-proxy's clusterCIDR (no kubeadm ClusterConfiguration gives a podSubnet).",
    );
  });

  it.each(['detectLocalMode: ClusterCIDR', 'mode: iptables', 'detectLocalMode: ""'])(
    'without clusterCIDR (%s) kube-proxy has no local-traffic detector: clusterCIDR ""',
    (fields) => {
      const { cluster } = settingsOf(proxy(fields));
      expect(cluster.kubeProxy.clusterCIDR).toBe('');
      expect(cluster.podSubnet).toBe(DEFAULT_CLUSTER.podSubnet);
    },
  );

  it('warns about what it does not model', () => {
    const { cluster, warnings } = settingsOf(proxy('mode: ipvs\ndetectLocalMode: NodeCIDR'));
    expect(cluster.kubeProxy).toStrictEqual({ mode: 'iptables' });
    expect(warnings).toEqual([
      'KubeProxyConfiguration: mode "ipvs" is not modelled; the explorer shows what iptables mode would do',
      'KubeProxyConfiguration: detectLocalMode NodeCIDR is not modelled; local traffic is detected by the pod network instead',
    ]);
  });

  it('reads mode: nftables (and nftables.masqueradeAll), which export writes back', () => {
    const { cluster, warnings, scenario } = settingsOf(
      proxy(
        'mode: nftables\nclusterCIDR: 10.244.0.0/16\nnftables: { masqueradeAll: true, syncPeriod: 30s }\nnodePortAddresses: [primary]',
      ),
    );
    expect(cluster.kubeProxy).toStrictEqual({
      mode: 'nftables',
      masqueradeAll: true,
      nodePortAddresses: ['primary'],
    });
    expect(warnings).toEqual([]);
    const yaml = exportManifests(scenario, 'yaml');
    expect(yaml).toMatch(/kind: KubeProxyConfiguration\nmode: nftables\n/);
    expect(settingsOf(yaml).cluster.kubeProxy).toStrictEqual(cluster.kubeProxy);
  });

  it('an empty mode is iptables (kube-proxy’s default on Linux)', () => {
    const kp = settingsOf(proxy('mode: ""\nclusterCIDR: 10.244.0.0/16')).cluster.kubeProxy;
    expect(kp).toStrictEqual({ mode: 'iptables' });
  });

  it('keeps other kubeadm and kubelet documents for export', () => {
    const r = settingsOf(
      'apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nlocalAPIEndpoint: { advertiseAddress: 192.168.1.10 }\n',
    );
    expect(r.scenario.others).toStrictEqual([
      {
        apiVersion: 'kubeadm.k8s.io/v1beta4',
        kind: 'InitConfiguration',
        localAPIEndpoint: { advertiseAddress: '192.168.1.10' },
      },
    ]);
    expect(r.warnings).toEqual(['InitConfiguration is not modelled; kept for export']);
  });

  it('reports a wrongly typed setting with its line', () => {
    const r = importManifests(kubeadm('\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 12\n'));
    expect(r.ok || r.error).toEqual({
      message:
        'document 1, line 5: ClusterConfiguration: networking.serviceSubnet: expected a string, got 12 — quote it in YAML ("12")',
      doc: 1,
      line: 5,
    });
  });
});
