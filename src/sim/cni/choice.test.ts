/**
 * The Network tab's CNI choices as scenario edits: every choice is recognised again after it is
 * applied, from any other; Cilium's choices write the cilium-config ConfigMap `cilium install`
 * writes (or edit the user's, keeping their keys); leaving a CNI removes only what a choice wrote,
 * so a round trip gives the scenario back and leaves no stray configuration diagnostics.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import type { OtherObject } from '../model/k8s';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { Scenario } from '../model/scenario';
import { trace } from '../trace/tracer';
import { validate } from '../validate/validate';

import { ciliumConfigMap } from './cilium/config';
import { applyCniChoice, cniChoiceById, cniChoiceOf, CNI_CHOICES, type CniChoice } from './choice';
import { loadAllDatapaths } from './registry';

beforeAll(loadAllDatapaths);

const choice = (id: string): CniChoice => {
  const c = cniChoiceById(id);
  if (!c) throw new Error(`no choice ${id}`);
  return c;
};
const dataOf = (s: Scenario) => ciliumConfigMap(s.others)?.['data'] as Record<string, string>;
const cniConfigWarnings = (s: Scenario) =>
  validate(s).filter((d) => /Calico configuration|Cilium configuration/.test(d.message));

describe('CNI choices', () => {
  it('offers Cilium native routing, VXLAN and Geneve, each with and without kube-proxy replacement', () => {
    const cilium = CNI_CHOICES.filter((c) => c.family === 'Cilium');
    expect(cilium.map((c) => c.id)).toEqual([
      'cilium-native',
      'cilium-vxlan',
      'cilium-geneve',
      'cilium-native-kpr',
      'cilium-vxlan-kpr',
      'cilium-geneve-kpr',
    ]);
    expect(cilium.every((c) => c.mode === 'cilium' && c.cilium)).toBe(true);
    expect(new Set(CNI_CHOICES.map((c) => c.id)).size).toBe(CNI_CHOICES.length);
  });

  it.each(CNI_CHOICES.map((c) => [c.id]))(
    '%s is recognised after it is chosen, from every other choice',
    (id) => {
      for (const from of CNI_CHOICES) {
        const s = applyCniChoice(applyCniChoice(DEFAULT_SCENARIO, from), choice(id));
        expect(cniChoiceOf(s)?.id, `${from.id} → ${id}`).toBe(id);
        expect(cniConfigWarnings(s), `${from.id} → ${id}`).toEqual([]);
      }
    },
  );

  it('writes the cilium-config ConfigMap with the keys cilium install writes', () => {
    const s = applyCniChoice(DEFAULT_SCENARIO, choice('cilium-native-kpr'));
    expect(s.cluster.cni.mode).toBe('cilium');
    const cm = ciliumConfigMap(s.others) as OtherObject;
    expect(cm.metadata).toEqual({ name: 'cilium-config', namespace: 'kube-system' });
    expect(cm['data']).toEqual({
      'routing-mode': 'native',
      'tunnel-protocol': 'vxlan',
      'kube-proxy-replacement': 'true',
      ipam: 'cluster-pool',
      'cluster-pool-ipv4-cidr': '10.244.0.0/16',
      'cluster-pool-ipv4-mask-size': '24',
      'bpf-lb-mode': 'snat',
      'auto-direct-node-routes': 'true',
    });
    const geneve = applyCniChoice(s, choice('cilium-geneve'));
    expect(geneve.others.filter((o) => o.kind === 'ConfigMap')).toHaveLength(1);
    expect(dataOf(geneve)).toMatchObject({
      'routing-mode': 'tunnel',
      'tunnel-protocol': 'geneve',
      'kube-proxy-replacement': 'false',
    });
    expect(dataOf(geneve)['auto-direct-node-routes']).toBeUndefined();
  });

  it("edits the user's own cilium-config, keeping their keys, and keeps it when the cluster leaves Cilium", () => {
    const mine: OtherObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cilium-config', namespace: 'kube-system' },
      data: { tunnel: 'geneve', ipam: 'kubernetes', 'bpf-lb-mode': 'dsr', 'cluster-name': 'prod' },
    };
    const s: Scenario = {
      ...DEFAULT_SCENARIO,
      cluster: { ...DEFAULT_SCENARIO.cluster, cni: { mode: 'cilium' } },
      others: [mine],
    };
    // The pre-1.14 `tunnel: geneve` is Geneve without kube-proxy replacement.
    expect(cniChoiceOf(s)?.id).toBe('cilium-geneve');
    const vxlan = applyCniChoice(s, choice('cilium-vxlan-kpr'));
    expect(dataOf(vxlan)).toEqual({
      ipam: 'kubernetes',
      'bpf-lb-mode': 'dsr',
      'cluster-name': 'prod',
      'routing-mode': 'tunnel',
      'tunnel-protocol': 'vxlan',
      'kube-proxy-replacement': 'true',
    });
    const flannel = applyCniChoice(vxlan, choice('vxlan'));
    expect(flannel.cluster.cni.mode).toBe('vxlan');
    expect(ciliumConfigMap(flannel.others)).toBe(ciliumConfigMap(vxlan.others));
    // kept for export, and said so
    expect(cniConfigWarnings(flannel).map((d) => d.message)).toEqual([
      'ConfigMap kube-system/cilium-config is Cilium configuration, read only when the CNI is Cilium (ExplorerSettings cni.mode: cilium); kept for export.',
    ]);
  });

  it('choosing the current choice again is no edit', () => {
    const s = applyCniChoice(DEFAULT_SCENARIO, choice('cilium-vxlan'));
    expect(applyCniChoice(s, choice('cilium-vxlan'))).toBe(s);
    expect(applyCniChoice(DEFAULT_SCENARIO, choice('routes'))).toBe(DEFAULT_SCENARIO);
  });

  it('any sequence of choices ends on its last choice, and going back gives the scenario back', () => {
    const ids = CNI_CHOICES.map((c) => c.id);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 6 }), (path) => {
        const s = path.reduce((acc, id) => applyCniChoice(acc, choice(id)), DEFAULT_SCENARIO);
        expect(cniChoiceOf(s)?.id).toBe(path.at(-1));
        // at most one configuration object, of the chosen CNI's kind
        expect(s.others.length).toBeLessThanOrEqual(1);
        expect(applyCniChoice(s, choice('routes'))).toEqual(DEFAULT_SCENARIO);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the cluster and walk follow a Cilium choice', () => {
  const walk = { from: 'pod/default/client', to: 'svc/default/web', port: 80 } as const;

  it.each([
    ['cilium-native', 'Cilium native routing', undefined, false],
    ['cilium-vxlan', 'Cilium VXLAN', 'cilium_vxlan', false],
    ['cilium-geneve-kpr', 'Cilium Geneve + kube-proxy replacement', 'cilium_geneve', true],
  ] as const)('%s: %s', (id, name, tunnel, kpr) => {
    const c = deriveCluster(applyCniChoice(DEFAULT_SCENARIO, choice(id)));
    expect(c.datapath.profile.name).toBe(name);
    expect(c.datapath.profile.kubeProxy).toBe(!kpr);
    const devs = c.nodes[0]?.devices.map((d) => d.name) ?? [];
    expect(devs).toContain('cilium_host');
    expect(devs.includes('cilium_vxlan') || devs.includes('cilium_geneve')).toBe(!!tunnel);
    if (tunnel) expect(devs).toContain(tunnel);
    const t = trace(c, walk);
    expect(t.verdict).toBe('delivered');
    const request = t.hops.filter((h) => h.direction === 'request');
    const dnat = request.filter((h) => h.kind === 'dnat');
    expect(dnat).toHaveLength(1);
    // kube-proxy replacement: in the pod's socket; without it, at the pod's lxc device
    expect(dnat[0]?.netns).toBe(kpr ? 'pod/default/client' : 'node/node-1');
    expect(dnat[0]?.dev).toMatch(kpr ? /^eth0$/ : /^lxc[0-9a-f]{12}$/);
    expect(request.some((h) => h.kind === 'encap')).toBe(!!tunnel);
  });
});
