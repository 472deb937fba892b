/**
 * Compare datapaths on the reference's 2-node cluster (reference/cni-datapaths.md §0): the same
 * walk under flannel VXLAN, Calico IP-in-IP and Cilium, computed by applying the CNI choice to a
 * copy of the scenario — the devices (cni0 vs cali…), the outer header (flannel.1 UDP 8472 vs tunl0
 * protocol 4), where the Service is translated and where policy is decided, hop rows aligned.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { cniChoiceById } from '../cni/choice';
import { calicoScenario } from '../cni/calico/testkit';
import { loadAllDatapaths } from '../cni/registry';
import type { NetworkPolicy } from '../model/k8s';
import type { Scenario } from '../model/scenario';
import { trace } from '../trace/tracer';

import { compareDatapaths, type DatapathComparison } from './compare';

beforeAll(loadAllDatapaths);

const flannelVxlan = (s: Scenario): Scenario => ({
  ...s,
  cluster: { ...s.cluster, cni: { ...s.cluster.cni, mode: 'vxlan' } },
  others: [],
});
const choice = (id: string) => {
  const c = cniChoiceById(id);
  if (!c) throw new Error(id);
  return c;
};
const fact = (c: DatapathComparison, id: string) => {
  const f = c.facts.find((x) => x.id === id);
  if (!f) throw new Error(id);
  return f;
};

describe('compareDatapaths', () => {
  const base = flannelVxlan(calicoScenario());

  it('flannel VXLAN vs Calico IP-in-IP across nodes: cni0 vs cali…, flannel.1 UDP 8472 vs tunl0 protocol 4', () => {
    const c = compareDatapaths(
      base,
      { from: 'pod/default/a', to: 'pod/default/c', port: 80 },
      choice('calico-ipip'),
      trace,
    );
    expect(c.left.profile.name).toBe('flannel VXLAN');
    expect(c.right.profile.name).toMatch(/^Calico IP-in-IP/);
    expect(c.left.trace.verdict).toBe('delivered');
    expect(c.right.trace.verdict).toBe('delivered');
    const devices = fact(c, 'devices');
    expect(devices.left).toMatch(
      /^\[default\/a\] eth0 → \[node-1\] veth[0-9a-f]{8} → cni0 → flannel\.1 → eth0/,
    );
    expect(devices.right).toMatch(
      /^\[default\/a\] eth0 → \[node-1\] cali[0-9a-f]{11} → tunl0 → eth0/,
    );
    expect(devices.same).toBe(false);
    const encap = fact(c, 'encap');
    expect(encap.left).toBe('VXLAN UDP 8472, VNI 1: 192.168.1.11 → 192.168.1.12 (flannel.1)');
    expect(encap.right).toBe('IP-in-IP (IP protocol 4): 192.168.1.11 → 192.168.1.12 (tunl0)');
    expect(encap.same).toBe(false);
    // what does not change: the verdict, the source the server sees (pod a), the TTL (routed twice)
    expect(fact(c, 'verdict').same).toBe(true);
    expect(fact(c, 'source').left).toMatch(/\(pod default\/a\)$/);
    expect(fact(c, 'source').same).toBe(true);
    expect(fact(c, 'ttl')).toMatchObject({ left: '62', right: '62', same: true });
    expect(fact(c, 'mtu')).toMatchObject({ left: '1450', right: '1480', same: false });
    // the rows: every hop of each walk once, in order; the bridge hops have no Calico partner
    for (const side of ['left', 'right'] as const) {
      const idx = c.rows.flatMap((r) => (r[side] === undefined ? [] : [r[side]]));
      expect(idx).toEqual(c[side].trace.hops.map((_, i) => i));
    }
    const bridgeRows = c.rows.filter(
      (r) => r.left !== undefined && c.left.trace.hops[r.left]?.kind === 'bridge',
    );
    expect(bridgeRows.some((r) => r.right === undefined)).toBe(true);
    const encapRow = c.rows.find(
      (r) => r.left !== undefined && c.left.trace.hops[r.left]?.kind === 'encap',
    );
    expect(encapRow?.right !== undefined && c.right.trace.hops[encapRow.right]?.dev).toBe('tunl0');
    // paired hops are in the same namespace
    for (const r of c.rows)
      if (r.left !== undefined && r.right !== undefined)
        expect(c.left.trace.hops[r.left]?.netns).toBe(c.right.trace.hops[r.right]?.netns);
  });

  it('a walk to a Service: kube-proxy DNAT on the node vs Cilium native + KPR at connect() in the pod, same backend pod', () => {
    const c = compareDatapaths(
      base,
      { from: 'pod/default/a', to: 'svc/default/svc-c', port: 80 },
      choice('cilium-native-kpr'),
      trace,
    );
    const nat = fact(c, 'nat');
    expect(nat.left).toMatch(/^DNAT .* — node\/node-1 · cni0$/);
    expect(nat.right).toMatch(/^connect\(\): socket LB .* — pod\/default\/a · eth0$/);
    expect(nat.same).toBe(false);
    expect(fact(c, 'encap').right).toBe('none (the pod packet crosses as it is)');
    expect(fact(c, 'ttl').right).toBe('62');
    // the right walk follows the backend the left one chose (pod c), at its Cilium address
    const cIp = c.right.cluster.podByKey.get('default/c')?.ips[0];
    expect(c.right.walk.endpoint).toBe(`${cIp}:80`);
    expect(c.right.trace.chosen).toBe(`${cIp}:80`);
  });

  it('where policy is decided: at the pod’s veth (flannel) vs Calico’s cali-tw chain vs Cilium’s lxc', () => {
    const deny: NetworkPolicy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'c-from-b-only', namespace: 'default' },
      spec: {
        podSelector: { matchLabels: { app: 'c' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'b' } } }] }],
      },
    };
    const s = flannelVxlan(calicoScenario({ policies: [deny] }));
    const walk = { from: 'pod/default/a', to: 'pod/default/c', port: 80 };
    const calico = compareDatapaths(s, walk, choice('calico-ipip'), trace);
    expect(calico.left.trace.verdict).toBe(calico.right.trace.verdict);
    const policy = fact(calico, 'policy');
    expect(policy.right).toMatch(/node\/node-2 · cali[0-9a-f]{11}/);
    expect(policy.same).toBe(false);
    const cilium = compareDatapaths(s, walk, choice('cilium-vxlan'), trace);
    expect(fact(cilium, 'policy').right).toMatch(/node\/node-2 · lxc[0-9a-f]{12}/);
    expect(fact(cilium, 'encap').right).toMatch(
      /^VXLAN UDP 8472, VNI \d+: 192\.168\.1\.11 → 192\.168\.1\.12 \(cilium_vxlan\)$/,
    );
  });

  it('does not change the scenario it compares', () => {
    const before = JSON.stringify(base);
    compareDatapaths(
      base,
      { from: 'pod/default/a', to: 'pod/default/c' },
      choice('cilium-geneve'),
      trace,
    );
    expect(JSON.stringify(base)).toBe(before);
  });
});
