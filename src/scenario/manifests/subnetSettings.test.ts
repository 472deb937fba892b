/**
 * ExplorerSettings `nodeNetwork`: the one-subnet string (as v1 documents wrote it) and the list of
 * subnets with gateways, read and written back without loss; inferred subnets stay out of an
 * export (they are inferred again on import).
 */
import { DEFAULT_SCENARIO, ZONE_LABEL, type Scenario } from '@/sim';
import { describe, expect, it } from 'vitest';

import { exportManifests } from './exportManifests';
import { importManifests } from './importManifests';

const settings = (nodeNetwork: string) =>
  `apiVersion: explorer.k8snet.dev/v1alpha1\nkind: ExplorerSettings\n${nodeNetwork}\n`;

function imported(text: string): Scenario {
  const r = importManifests(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.scenario;
}

describe('ExplorerSettings nodeNetwork', () => {
  it('reads the single-string form (dual-stack too) as one subnet', () => {
    expect(imported(settings('nodeNetwork: 10.0.0.0/24')).cluster.nodeNetwork).toEqual([
      { cidr: '10.0.0.0/24' },
    ]);
    expect(
      imported(settings('nodeNetwork: "10.0.0.0/24,fd00:1::/64"')).cluster.nodeNetwork,
    ).toEqual([{ cidr: '10.0.0.0/24,fd00:1::/64' }]);
  });

  it('reads a list of subnets with gateways', () => {
    const s = imported(
      settings(
        'nodeNetwork:\n  - cidr: 10.0.1.0/24\n  - { cidr: 10.0.2.0/24, gateway: 10.0.2.254 }',
      ),
    );
    expect(s.cluster.nodeNetwork).toEqual([
      { cidr: '10.0.1.0/24' },
      { cidr: '10.0.2.0/24', gateway: '10.0.2.254' },
    ]);
  });

  it('refuses a malformed entry, naming the field', () => {
    const r = importManifests(settings('nodeNetwork: [{ gateway: 10.0.0.1 }]'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/nodeNetwork/);
  });

  it('writes one plain subnet as a string, several as a list, and re-imports them as they were', () => {
    expect(exportManifests(DEFAULT_SCENARIO, 'yaml')).toContain('nodeNetwork: 192.168.1.0/24\n');
    const two: Scenario = {
      ...DEFAULT_SCENARIO,
      cluster: {
        ...DEFAULT_SCENARIO.cluster,
        nodeNetwork: [
          { cidr: '192.168.1.0/24' },
          { cidr: '192.168.2.0/24', gateway: '192.168.2.254' },
        ],
        cni: { mode: 'cloud-routes' },
      },
      nodes: DEFAULT_SCENARIO.nodes.map((n, i) => ({
        ...n,
        metadata: { ...n.metadata, labels: { [ZONE_LABEL]: `zone-${i}` } },
      })),
    };
    const text = exportManifests(two, 'yaml');
    expect(text).toContain('- cidr: 192.168.2.0/24\n    gateway: 192.168.2.254\n');
    expect(imported(text)).toStrictEqual(two);
  });

  it('leaves inferred subnets out: the import infers them again', () => {
    const text = `apiVersion: v1\nkind: Node\nmetadata: { name: a }\nstatus: { addresses: [{ type: InternalIP, address: 172.31.4.9 }] }\n`;
    const s = imported(text);
    expect(s.cluster.nodeNetwork).toEqual([{ cidr: '172.31.4.0/24', inferred: true }]);
    const again = exportManifests(s, 'yaml');
    expect(again).not.toMatch(/nodeNetwork/);
    expect(imported(again).cluster.nodeNetwork).toEqual(s.cluster.nodeNetwork);
  });
});
