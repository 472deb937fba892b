/**
 * `kubectl get nodes,pods,svc,endpointslices,networkpolicies,ns -A -o yaml` from a kind and a k3s
 * cluster (testdata/*-dump.yaml.txt): no configuration documents, so the address plan is read
 * off the objects, and the result validates and walks like the real cluster.
 */
import { DEFAULT_CLUSTER, deriveCluster, trace, validate, type Scenario } from '@/sim';
import { describe, expect, it } from 'vitest';

import { importManifests } from './importManifests';
import k3sDump from './testdata/k3s-dump.yaml.txt?raw';
import kindDump from './testdata/kind-dump.yaml.txt?raw';

function imported(text: string) {
  const r = importManifests(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const problems = (s: Scenario): string[] =>
  validate(s).map((d) => `${d.severity} ${d.code}: ${d.message}`);

const walk = (s: Scenario, from: string, to: string, port: number, node?: string) =>
  trace(deriveCluster(s), { from, to, port, ...(node ? { node } : {}) });

describe('a kind cluster dump', () => {
  const r = imported(kindDump);
  const s = r.scenario;

  it('takes the node network from the nodes; the rest fits the defaults', () => {
    expect(s.cluster).toStrictEqual({
      ...DEFAULT_CLUSTER,
      nodeNetwork: [{ cidr: '172.18.0.0/24', inferred: true }],
    });
    expect(r.notes).toEqual(
      expect.arrayContaining([
        "podSubnet 10.244.0.0/16 inferred from the nodes' podCIDRs; add a ClusterConfiguration to set it.",
        "serviceSubnet 10.96.0.0/12 inferred from the Services' clusterIPs; add a ClusterConfiguration to set it.",
        'Node subnet 172.18.0.0/24 inferred from the InternalIP of kind-control-plane, kind-worker (the /24 or /64 around it; the actual prefix is not in a Node object); add an ExplorerSettings document (nodeNetwork) to set it.',
      ]),
    );
    expect(s.nodes.map((n) => n.metadata.name)).toEqual(['kind-control-plane', 'kind-worker']);
    expect(r.notes.some((n) => /default cluster/.test(n))).toBe(false);
  });

  it('validates without problems', () => {
    expect(problems(s)).toEqual([]);
  });

  it('delivers walks by DNS name and between nodes; kubernetes goes to the control plane', () => {
    const web = walk(s, 'default/client', 'web.default.svc.cluster.local', 80);
    expect(web.verdict).toBe('delivered');
    expect(web.reason).toMatch(/web-6d4cf56db6-x2k8m/);
    // kube-proxy sends the API server's Service to the control plane's address as given.
    expect(walk(s, 'default/client', 'svc/default/kubernetes', 443).candidates).toEqual([
      '172.18.0.3:6443',
    ]);
    expect(walk(s, 'default/client', 'kube-system/coredns-7db6d8ff4d-5bq9z', 53).verdict).toBe(
      'delivered',
    );
    expect(walk(s, 'node/kind-control-plane', 'default/web-6d4cf56db6-x2k8m', 80).verdict).toBe(
      'delivered',
    );
  });
});

describe('a k3s cluster dump', () => {
  const r = imported(k3sDump);
  const s = r.scenario;

  it("reads k3s's address plan off the objects and says so", () => {
    expect(s.cluster).toStrictEqual({
      ...DEFAULT_CLUSTER,
      podSubnet: '10.42.0.0/16',
      serviceSubnet: '10.43.0.0/16',
      nodeNetwork: [{ cidr: '192.168.64.0/24', inferred: true }],
    });
    expect(r.notes).toContain(
      "podSubnet 10.42.0.0/16 inferred from the nodes' podCIDRs; add a ClusterConfiguration to set it.",
    );
    expect(r.notes).toContain(
      "serviceSubnet 10.43.0.0/16 inferred from the Services' clusterIPs; add a ClusterConfiguration to set it.",
    );
  });

  it('validates without problems', () => {
    expect(problems(s)).toEqual([]);
  });

  it('delivers walks through the Services and the LoadBalancer; the policy still drops', () => {
    expect(walk(s, 'apps/toolbox', 'hello.apps.svc.cluster.local', 80).verdict).toBe('delivered');
    expect(walk(s, 'apps/toolbox', 'svc/kube-system/kube-dns', 53).verdict).toBe('delivered');
    const lb = walk(s, '203.0.113.9', '192.168.64.2', 80, 'k3s-server');
    expect(lb.verdict).toBe('delivered');
    expect(lb.reason).toMatch(/traefik-5fb479b77-h9k2w/);
    const denied = walk(s, 'kube-system/coredns-576bfc4dc7-vx7qz', 'svc/apps/hello', 80);
    expect(denied.verdict).toBe('dropped');
    expect(denied.reason).toMatch(/apps\/hello-from-toolbox/);
  });
});
