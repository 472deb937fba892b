import { describe, expect, it } from 'vitest';

import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { Scenario } from '../model/scenario';

import { node, podOn, tweak, withCode } from './testkit';
import { hasErrors, validate } from './validate';

describe('validate: the default scenario and what is fine', () => {
  it('the default scenario has no diagnostics at all', () => {
    expect(validate(DEFAULT_SCENARIO)).toEqual([]);
    expect(hasErrors(validate(DEFAULT_SCENARIO))).toBe(false);
  });

  it.each<[string, Scenario]>([
    [
      'a hostNetwork pod shares its node IP',
      tweak((s) => void s.pods.push(podOn('agent', 'node-1', { hostNetwork: true }))),
    ],
    [
      "an external IP that is a node's address",
      tweak((s) => void (s.services[2]!.spec.externalIPs = ['192.168.1.11'])),
    ],
    [
      'one NodePort for the TCP and UDP ports of one Service',
      tweak((s) => {
        s.services[3]!.spec.type = 'NodePort';
        s.services[3]!.spec.ports![0]!.nodePort = 30053;
        s.services[3]!.spec.ports![1]!.nodePort = 30053;
      }),
    ],
    [
      'service range of exactly 2^20 addresses',
      tweak((s) => void (s.cluster.serviceSubnet = '10.96.0.0/12')),
    ],
    [
      'a dual-stack plan',
      tweak((s) => {
        s.cluster.podSubnet = '10.244.0.0/16,fd00:10:244::/56';
        s.cluster.serviceSubnet = '10.96.0.0/12,fd00:10:96::/112';
        s.cluster.nodeNetwork = [{ cidr: '192.168.1.0/24,fd00:192:168:1::/64' }];
      }),
    ],
  ])('no diagnostics for %s', (_name, scenario) => {
    expect(validate(scenario)).toEqual([]);
  });

  it('reports node-range exhaustion once, not also per node from the derivation', () => {
    const s = tweak((x) => {
      x.cluster.podSubnet = '10.244.0.0/23';
      x.nodes = [node('node-1', '192.168.1.11'), node('node-2', '192.168.1.12')];
      x.nodes.push(node('node-3', '192.168.1.13'));
    });
    expect(withCode(validate(s), 'capacity')).toHaveLength(1);
  });

  it('reports pod-address exhaustion once per node', () => {
    const s = tweak((x) => void (x.nodes[0]!.spec = { podCIDR: '10.244.1.0/30' }));
    expect(withCode(validate(s), 'capacity')).toHaveLength(1);
  });

  it('does not repeat a settings overlap for every node address inside it', () => {
    const s = tweak((x) => void (x.cluster.podSubnet = '192.168.0.0/16'));
    const overlaps = withCode(validate(s), 'cidr-overlap');
    expect(overlaps.map((d) => d.ranges)).toEqual([['192.168.1.0/24', '192.168.0.0/16']]);
  });

  it('puts errors before warnings and is deterministic', () => {
    const s = tweak((x) => {
      x.cluster.podSubnet = '10.244.1.0/16';
      x.cluster.serviceSubnet = '10.0.0.0/8';
      x.others.push({ kind: 'ConfigMap', metadata: { name: 'cfg' } });
    });
    const a = validate(s);
    const firstWarning = a.findIndex((d) => d.severity === 'warning');
    expect(firstWarning).toBeGreaterThan(0);
    expect(a.slice(firstWarning).every((d) => d.severity === 'warning')).toBe(true);
    expect(validate(JSON.parse(JSON.stringify(s)) as Scenario)).toEqual(a);
  });
});

describe('names', () => {
  it('reports a pod name Kubernetes would reject, naming the field and the fix', () => {
    const s = {
      ...DEFAULT_SCENARIO,
      pods: [
        {
          ...DEFAULT_SCENARIO.pods[0]!,
          metadata: { ...DEFAULT_SCENARIO.pods[0]!.metadata, name: '<img src=x onerror=alert(1)>' },
        },
        ...DEFAULT_SCENARIO.pods.slice(1),
      ],
    };
    const d = validate(s).find((x) => x.code === 'name-invalid');
    expect(d?.severity).toBe('error');
    expect(d?.field).toBe('pods[0].metadata.name');
    expect(d?.message).toMatch(
      /^Pod name "<img src=x onerror=alert\(1\)>" is not valid: Kubernetes requires a DNS-1123 subdomain/,
    );
  });

  it('accepts the default scenario names', () => {
    expect(validate(DEFAULT_SCENARIO).filter((x) => x.code === 'name-invalid')).toEqual([]);
  });
});
