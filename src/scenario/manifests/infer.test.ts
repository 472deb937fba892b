import { DEFAULT_CLUSTER, type Node, type Service } from '@/sim';
import { describe, expect, it } from 'vitest';

import { importManifests } from './importManifests';
import { inferAddressPlan } from './infer';

const node = (name: string, podCIDRs: string[], ...ips: string[]): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  ...(podCIDRs.length > 0 ? { spec: { podCIDR: podCIDRs[0], podCIDRs } } : {}),
  status: {
    addresses: [
      ...ips.map((address) => ({ type: 'InternalIP' as const, address })),
      { type: 'Hostname' as const, address: name },
    ],
  },
});

const svc = (name: string, ...clusterIPs: string[]): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { clusterIPs, ports: [{ port: 80 }] },
});

const values = (nodes: Node[], services: Service[]) =>
  Object.fromEntries(
    Object.entries(inferAddressPlan(nodes, services)).map(([k, v]) => [k, v.value]),
  );

describe('inferAddressPlan', () => {
  it('reads a kind cluster: its blocks fit the defaults except the node network', () => {
    const nodes = [
      node('kind-control-plane', ['10.244.0.0/24'], '172.18.0.3'),
      node('kind-worker', ['10.244.1.0/24'], '172.18.0.2'),
    ];
    expect(values(nodes, [svc('kubernetes', '10.96.0.1'), svc('web', '10.96.148.52')])).toEqual({
      podSubnet: '10.244.0.0/16',
      serviceSubnet: '10.96.0.0/12',
      nodeNetwork: [{ cidr: '172.18.0.0/24', inferred: true }],
    });
  });

  it('reads a k3s cluster: the conventional /16 around the podCIDRs and the ClusterIPs', () => {
    const nodes = [
      node('server', ['10.42.0.0/24'], '192.168.64.2'),
      node('agent', ['10.42.1.0/24'], '192.168.64.3'),
    ];
    const plan = inferAddressPlan(nodes, [
      svc('kubernetes', '10.43.0.1'),
      svc('x', '10.43.17.201'),
    ]);
    expect(plan.podSubnet).toStrictEqual({
      value: '10.42.0.0/16',
      notes: [
        "podSubnet 10.42.0.0/16 inferred from the nodes' podCIDRs; add a ClusterConfiguration to set it.",
      ],
    });
    expect(plan.serviceSubnet?.value).toBe('10.43.0.0/16');
    expect(plan.serviceSubnet?.notes[0]).toMatch(/inferred from the Services' clusterIPs/);
    expect(plan.nodeNetwork?.value).toEqual([{ cidr: '192.168.64.0/24', inferred: true }]);
    expect(plan.nodeNetwork?.notes).toEqual([
      'Node subnet 192.168.64.0/24 inferred from the InternalIP of server, agent (the /24 or /64 around it; the actual prefix is not in a Node object); add an ExplorerSettings document (nodeNetwork) to set it.',
    ]);
  });

  it('widens ranges past the conventional size only when further apart; never node addresses', () => {
    const nodes = [node('a', ['10.1.0.0/24'], '10.0.0.5'), node('b', ['10.2.0.0/24'], '10.0.3.7')];
    expect(values(nodes, [svc('x', '172.20.0.10'), svc('y', '172.21.5.1')])).toEqual({
      podSubnet: '10.0.0.0/14',
      serviceSubnet: '172.20.0.0/15',
      nodeNetwork: [
        { cidr: '10.0.0.0/24', inferred: true },
        { cidr: '10.0.3.0/24', inferred: true },
      ],
    });
  });

  it("groups node addresses per /24 and takes a node's Calico address annotation as its prefix", () => {
    const calico = (n: Node, cidr: string): Node => ({
      ...n,
      metadata: { ...n.metadata, annotations: { 'projectcalico.org/IPv4Address': cidr } },
    });
    const nodes = [
      node('a', [], '10.16.6.201'),
      node('b', [], '10.0.7.114'),
      node('c', [], '10.16.6.7'),
      calico(node('d', [], '172.31.20.5'), '172.31.20.5/20'),
    ];
    const plan = inferAddressPlan(nodes, []);
    expect(plan.nodeNetwork?.value).toEqual([
      { cidr: '10.16.6.0/24', inferred: true },
      { cidr: '10.0.7.0/24', inferred: true },
      { cidr: '172.31.16.0/20', inferred: true },
    ]);
    expect(plan.nodeNetwork?.notes).toHaveLength(3);
    expect(plan.nodeNetwork?.notes[0]).toMatch(
      /^Node subnet 10\.16\.6\.0\/24 inferred from the InternalIP of a, c /,
    );
    expect(plan.nodeNetwork?.notes[2]).toMatch(/projectcalico\.org address annotation/);
  });

  it('infers each family on its own, in the order the objects give them', () => {
    const nodes = [
      node('a', ['fd00:10:244::/64', '10.244.0.0/24'], 'fc00:f853:ccd:e793::3', '172.18.0.3'),
      node('b', ['fd00:10:244:1::/64', '10.244.1.0/24'], 'fc00:f853:ccd:e793::2', '172.18.0.2'),
    ];
    expect(values(nodes, [svc('k', 'fd00:10:96::1', '10.96.0.1')])).toEqual({
      podSubnet: 'fd00:10:244::/56,10.244.0.0/16',
      serviceSubnet: 'fd00:10:96::/112,10.96.0.0/12',
      nodeNetwork: [{ cidr: 'fc00:f853:ccd:e793::/64,172.18.0.0/24', inferred: true }],
    });
  });

  it('infers nothing the objects do not give (no podCIDRs, headless Services, no addresses)', () => {
    const bare: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } };
    const headless: Service = { ...svc('h'), spec: { clusterIP: 'None' } };
    expect(inferAddressPlan([bare], [headless, svc('none')])).toStrictEqual({});
  });
});

const NODES = `apiVersion: v1
kind: List
items:
- { apiVersion: v1, kind: Node, metadata: { name: a }, spec: { podCIDR: 10.42.0.0/24 }, status: { addresses: [{ type: InternalIP, address: 10.10.0.5 }] } }
- { apiVersion: v1, kind: Service, metadata: { name: s }, spec: { clusterIP: 10.43.0.20, ports: [{ port: 80 }] } }
`;

function imported(text: string) {
  const r = importManifests(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('importManifests: the address plan of a dump without configuration', () => {
  it('uses the inferred values and notes each one', () => {
    const r = imported(NODES);
    expect(r.scenario.cluster).toStrictEqual({
      ...DEFAULT_CLUSTER,
      podSubnet: '10.42.0.0/16',
      serviceSubnet: '10.43.0.0/16',
      nodeNetwork: [{ cidr: '10.10.0.0/24', inferred: true }],
    });
    expect(r.notes).toEqual(
      expect.arrayContaining([
        "podSubnet 10.42.0.0/16 inferred from the nodes' podCIDRs; add a ClusterConfiguration to set it.",
        "serviceSubnet 10.43.0.0/16 inferred from the Services' clusterIPs; add a ClusterConfiguration to set it.",
        'Node subnet 10.10.0.0/24 inferred from the InternalIP of a (the /24 or /64 around it; the actual prefix is not in a Node object); add an ExplorerSettings document (nodeNetwork) to set it.',
      ]),
    );
  });

  it('infers only the fields no configuration document gives', () => {
    const r = imported(
      `${NODES}---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: { serviceSubnet: 10.43.0.0/20 }\n`,
    );
    expect(r.scenario.cluster.serviceSubnet).toBe('10.43.0.0/20');
    expect(r.scenario.cluster.podSubnet).toBe('10.42.0.0/16');
    expect(r.notes.filter((n) => /inferred/.test(n))).toHaveLength(2);
    expect(r.notes.some((n) => /^serviceSubnet/.test(n))).toBe(false);
  });

  it("takes kube-proxy's clusterCIDR and the ExplorerSettings node network over the objects", () => {
    const r = imported(
      `${NODES}---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclusterCIDR: 10.40.0.0/13\n---\napiVersion: explorer.k8snet.dev/v1alpha1\nkind: ExplorerSettings\nnodeNetwork: 10.10.0.0/16\n`,
    );
    expect(r.scenario.cluster.podSubnet).toBe('10.40.0.0/13');
    expect(r.scenario.cluster.nodeNetwork).toEqual([{ cidr: '10.10.0.0/16' }]);
    expect(r.notes.filter((n) => /inferred/.test(n))).toEqual([
      "serviceSubnet 10.43.0.0/16 inferred from the Services' clusterIPs; add a ClusterConfiguration to set it.",
    ]);
  });
});
