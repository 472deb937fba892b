import { DEFAULT_SCENARIO, emptyScenario, type Scenario } from '@/sim';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { PRESETS } from '../presets/index';
import { restore } from '../restore';
import kubeProxyList from '../testdata/kube-proxy-list.json?raw';
import boutiquePolicies from '../testdata/microservices-demo-netpol.yaml.txt?raw';
import boutique from '../testdata/microservices-demo.yaml.txt?raw';
import netpolCase from '../testdata/netpol-case.yaml.txt?raw';
import v1Fixture from '../testdata/scenario-v1.json';

import { exportManifests } from './exportManifests';
import { importManifests } from './importManifests';

function reimport(text: string): Scenario {
  const r = importManifests(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.scenario;
}

function fromText(text: string): Scenario {
  return reimport(text);
}

const fixture = (): Scenario => {
  const r = restore(JSON.parse(JSON.stringify(v1Fixture)));
  if (!r.ok) throw new Error(r.error);
  return r.value.scenario;
};

const dual: Scenario = {
  ...emptyScenario('Dual-stack, no local detector'),
  cluster: {
    ...DEFAULT_SCENARIO.cluster,
    podSubnet: '10.244.0.0/16,fd00:10::/56',
    serviceSubnet: '10.96.0.0/12,fd00:20::/112',
    nodeCIDRMaskSize: 25,
    nodeCIDRMaskSizeIPv6: 72,
    nodeNetwork: [{ cidr: '172.18.0.0/16' }],
    dnsDomain: 'k8s.internal',
    cni: { mode: 'vxlan', masquerade: false, ipBlockMatchesPods: false },
    kubeProxy: {
      mode: 'iptables',
      clusterCIDR: '',
      masqueradeAll: true,
      nodePortAddresses: ['172.18.0.0/16'],
      iptables: { localhostNodePorts: false, masqueradeBit: 15 },
    },
  },
};

const CASES: [string, () => Scenario][] = [
  ['the default scenario', () => DEFAULT_SCENARIO],
  ['an empty scenario', () => emptyScenario()],
  ['every cluster setting', () => dual],
  ['the frozen v1 fixture', fixture],
  ['Online Boutique and its policies', () => fromText(`${boutique}\n---\n${boutiquePolicies}`)],
  ['a kube-proxy case', () => fromText(kubeProxyList)],
  ['a NetworkPolicy case', () => fromText(netpolCase)],
  ...PRESETS.map((p): [string, () => Scenario] => [`the ${p.id} preset`, () => p.scenario]),
];

describe('exportManifests', () => {
  it.each(CASES)('%s: import(export(s)) equals s', (_name, make) => {
    const s = make();
    for (const format of ['yaml', 'json'] as const) {
      const back = reimport(exportManifests(s, format));
      expect(back).toStrictEqual(s);
    }
  });

  it('keeps the positions the user dragged things to (ExplorerSettings layout)', () => {
    const s: Scenario = {
      ...DEFAULT_SCENARIO,
      layout: { 'node:node-2': { x: 812.5, y: -40 }, 'svc:shop/frontend': { x: 10, y: 900 } },
    };
    for (const format of ['yaml', 'json'] as const) {
      const text = exportManifests(s, format);
      expect(text).toContain('layout');
      expect(reimport(text).layout).toEqual(s.layout);
    }
  });

  it.each(CASES)('%s: export → import → export is stable', (_name, make) => {
    for (const format of ['yaml', 'json'] as const) {
      const once = exportManifests(make(), format);
      expect(exportManifests(reimport(once), format)).toBe(once);
    }
  });

  it('writes the settings as kubeadm and kube-proxy documents, then the objects in order', () => {
    const text = exportManifests(DEFAULT_SCENARIO, 'yaml');
    const docs = parseAllDocuments(text) as { toJS: () => Record<string, unknown> }[];
    const kinds = docs.map((d) => String(d.toJS().kind));
    expect(kinds.slice(0, 6)).toEqual([
      'ExplorerSettings',
      'ClusterConfiguration',
      'KubeProxyConfiguration',
      'Namespace',
      'Namespace',
      'Namespace',
    ]);
    expect(docs[1]?.toJS()).toStrictEqual({
      apiVersion: 'kubeadm.k8s.io/v1beta4',
      kind: 'ClusterConfiguration',
      networking: {
        podSubnet: '10.244.0.0/16',
        serviceSubnet: '10.96.0.0/12',
        dnsDomain: 'cluster.local',
      },
    });
    expect(docs[2]?.toJS()).toStrictEqual({
      apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
      kind: 'KubeProxyConfiguration',
      mode: 'iptables',
      detectLocalMode: 'ClusterCIDR',
      clusterCIDR: '10.244.0.0/16',
    });
    expect(text).toContain('---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: client\n');
  });

  it('writes a scenario without a local-traffic detector without clusterCIDR', () => {
    const text = exportManifests(dual, 'json');
    const list = JSON.parse(text) as { kind: string; items: Record<string, unknown>[] };
    expect(list.kind).toBe('List');
    expect(list.items[2]).toStrictEqual({
      apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
      kind: 'KubeProxyConfiguration',
      mode: 'iptables',
      detectLocalMode: 'ClusterCIDR',
      masqueradeAll: true,
      nodePortAddresses: ['172.18.0.0/16'],
      iptables: { localhostNodePorts: false, masqueradeBit: 15 },
    });
  });

  it('writes only the EndpointSlices given, not derived ones', () => {
    const text = exportManifests(DEFAULT_SCENARIO, 'yaml');
    expect(text).not.toContain('EndpointSlice');
  });

  it('quotes strings YAML 1.1 readers (kubectl) would take for booleans or numbers', () => {
    const s: Scenario = {
      ...emptyScenario(),
      namespaces: [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'a', labels: { enabled: 'yes', mode: 'on', perm: '0755' } },
        },
      ],
    };
    const text = exportManifests(s, 'yaml');
    expect(text).toContain('enabled: "yes"');
    expect(text).toContain('mode: "on"');
    expect(text).toContain('perm: "0755"');
    expect(reimport(text)).toStrictEqual(s);
  });
});
