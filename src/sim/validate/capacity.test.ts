import { describe, expect, it } from 'vitest';

import { cidr } from '../addr/cidr';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';

import { capacitySummary, toCount, usablePodIps, usableServiceIps } from './capacity';
import { tweak } from './testkit';

describe('capacity arithmetic', () => {
  it.each([
    ['10.244.1.0/24', 253n],
    ['10.244.1.0/28', 13n],
    ['10.244.1.0/30', 1n],
    ['10.244.1.0/31', 0n],
    ['10.244.1.0/32', 0n],
    ['fd00::/64', 2n ** 64n - 2n],
    ['fd00::/126', 2n],
    ['fd00::/128', 0n],
  ])('a node range %s holds %s pod addresses', (text, n) => {
    expect(usablePodIps(cidr(text))).toBe(n);
  });

  it.each([
    ['10.96.0.0/12', 2n ** 20n - 2n],
    ['10.96.0.0/30', 2n],
    ['10.96.0.0/32', 0n],
    ['fd00::/108', 2n ** 20n - 1n],
    ['fd00::/128', 0n],
  ])('a service range %s holds %s ClusterIPs', (text, n) => {
    expect(usableServiceIps(cidr(text))).toBe(n);
  });

  it('counts become strings only beyond Number.MAX_SAFE_INTEGER', () => {
    expect(toCount(253n)).toBe(253);
    expect(toCount(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(toCount(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toBe('9007199254740992');
  });
});

describe('capacitySummary', () => {
  it('summarises the default scenario', () => {
    expect(capacitySummary(DEFAULT_SCENARIO)).toEqual({
      nodes: 2,
      pods: 6,
      services: 4,
      maxNodes: 256,
      podsPerNode: 253,
      totalPodIPs: 64768,
      serviceIPs: 1048574,
      families: [
        {
          family: 'IPv4',
          podNetwork: '10.244.0.0/16',
          nodeMask: 24,
          maxNodes: 256,
          podsPerNode: 253,
          totalPodIPs: 64768,
          serviceRange: '10.96.0.0/12',
          serviceIPs: 1048574,
        },
      ],
    });
  });

  it('gives huge IPv6 counts as exact decimal strings', () => {
    const s = tweak((x) => {
      x.cluster.podSubnet = 'fd00:10:244::/56,10.244.0.0/16';
      x.cluster.serviceSubnet = 'fd00:10:96::/112,10.96.0.0/12';
    });
    const sum = capacitySummary(s);
    expect(sum.families.map((f) => f.family)).toEqual(['IPv4', 'IPv6']);
    // The first pod network block is IPv6, so the top-level numbers are IPv6's.
    expect(sum.maxNodes).toBe(256);
    expect(sum.podsPerNode).toBe('18446744073709551614');
    expect(sum.totalPodIPs).toBe((256n * (2n ** 64n - 2n)).toString());
    expect(sum.serviceIPs).toBe(65535);
  });

  it('reports zeros, not errors, for an unusable plan', () => {
    const s = tweak((x) => {
      x.cluster.podSubnet = 'nonsense';
      x.cluster.serviceSubnet = '';
    });
    expect(capacitySummary(s)).toMatchObject({
      maxNodes: 0,
      podsPerNode: 0,
      totalPodIPs: 0,
      serviceIPs: 0,
      families: [],
    });
  });

  it('counts no node ranges when the mask is shorter than the pod network', () => {
    const s = tweak((x) => void (x.cluster.nodeCIDRMaskSize = 8));
    expect(capacitySummary(s)).toMatchObject({ maxNodes: 0, podsPerNode: 0 });
  });

  it('leaves hostNetwork pods and headless Services out of the counts', () => {
    const s = tweak((x) => {
      x.pods[0]!.spec.hostNetwork = true;
      x.services[0]!.spec.clusterIP = 'None';
    });
    expect(capacitySummary(s)).toMatchObject({ pods: 5, services: 3 });
  });
});
