/**
 * Node addresses are themselves (issue 11): a dump whose nodes sit far apart must not have a node
 * network invented around them. The import groups the addresses into per-/24 subnets (each one a
 * note), and validation reports only what the input gave: each fault names the node and its
 * address (a /32 in `ranges`, the node in `objects`).
 */
import { validate } from '@/sim';
import { describe, expect, it } from 'vitest';

import { importManifests } from './importManifests';

const EXAMPLE = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
networking: { podSubnet: 10.0.0.0/14, serviceSubnet: 10.16.0.0/12 }
---
apiVersion: v1
kind: Node
metadata: { name: node-0 }
spec: { podCIDR: 10.16.6.0/24 }
status: { addresses: [{ type: InternalIP, address: 10.16.6.201 }] }
---
apiVersion: v1
kind: Node
metadata: { name: node-1 }
spec: { podCIDR: 10.1.0.0/24 }
status: { addresses: [{ type: InternalIP, address: 10.0.7.114 }] }
`;

function imported(text: string) {
  const r = importManifests(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('node addresses without a given node network', () => {
  const r = imported(EXAMPLE);
  const diags = validate(r.scenario);

  it('infers one /24 per address, marked inferred, each with its note; no block spanning both', () => {
    expect(r.scenario.cluster.nodeNetwork).toEqual([
      { cidr: '10.16.6.0/24', inferred: true },
      { cidr: '10.0.7.0/24', inferred: true },
    ]);
    expect(r.notes.filter((n) => n.startsWith('Node subnet'))).toEqual([
      expect.stringMatching(
        /^Node subnet 10\.16\.6\.0\/24 inferred from the InternalIP of node-0 /,
      ),
      expect.stringMatching(/^Node subnet 10\.0\.7\.0\/24 inferred from the InternalIP of node-1 /),
    ]);
  });

  it('reports exactly the three faults of the node addresses, naming node and address', () => {
    const about = diags.filter((d) => d.ranges.some((x) => x.endsWith('/32')));
    expect(about.map((d) => [d.code, d.ranges, d.objects])).toEqual([
      ['cidr-overlap', ['10.16.6.201/32', '10.16.0.0/12'], ['node/node-0']],
      ['cidr-overlap', ['10.0.7.114/32', '10.0.0.0/14'], ['node/node-1']],
      ['cidr-overlap', ['10.16.6.201/32', '10.16.6.0/24'], ['node/node-0']],
    ]);
    expect(about.map((d) => /^(.*?\/\d+)\. /.exec(d.message)?.[1])).toEqual([
      "Node node-0's address 10.16.6.201 is inside Service CIDR 10.16.0.0/12",
      "Node node-1's address 10.0.7.114 is inside Pod CIDR 10.0.0.0/14",
      "Node node-0's address 10.16.6.201 is inside its own pod range 10.16.6.0/24",
    ]);
  });

  it('says nothing about a node network the input did not give', () => {
    const given = new Set([
      '10.0.0.0/14',
      '10.16.0.0/12',
      '10.16.6.0/24',
      '10.1.0.0/24',
      '10.16.6.201/32',
      '10.0.7.114/32',
    ]);
    for (const d of diags) {
      expect(d.message).not.toMatch(/node network|node subnet|10\.0\.0\.0\/11/i);
      for (const x of d.ranges) expect(given).toContain(x);
    }
    // The other findings are about node-0's given pod range, also as written in the input.
    expect(
      diags.filter((d) => !d.ranges.some((x) => x.endsWith('/32'))).map((d) => d.code),
    ).toEqual(['cidr-overlap', 'podcidr-outside-cluster']);
  });
});
