/** ClusterIP families by ipFamilyPolicy, as kube-apiserver defaults them, and its refusal. */
import { describe, expect, it } from 'vitest';

import type { ServiceSpec } from '../model/k8s';
import { node, scenario, service } from '../test/builders';
import { validate } from '../validate/validate';

import { deriveCluster } from './cluster';
import { serviceFamilies } from './services';

const DUAL = {
  serviceSubnet: '10.96.0.0/12,fd00:10:96::/112',
  podSubnet: '10.244.0.0/16,fd00:10:244::/56',
};
const spec = (s: Partial<ServiceSpec>): ServiceSpec => ({ ports: [{ port: 80 }], ...s });

describe('serviceFamilies', () => {
  it.each([
    ['SingleStack on a dual-stack cluster: the primary family', {}, [4, 6], [4]],
    ['PreferDualStack: both, primary first', { ipFamilyPolicy: 'PreferDualStack' }, [4, 6], [4, 6]],
    [
      'PreferDualStack on a single-stack cluster: one',
      { ipFamilyPolicy: 'PreferDualStack' },
      [4],
      [4],
    ],
    [
      'RequireDualStack, IPv6 first by ipFamilies',
      { ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv6'] },
      [4, 6],
      [6, 4],
    ],
    ['ipFamilies alone (SingleStack)', { ipFamilies: ['IPv6'] }, [4, 6], [6]],
  ] as const)('%s', (_name, s, available, want) => {
    expect(serviceFamilies(spec(s as Partial<ServiceSpec>), available)).toEqual(want);
  });
});

describe('derived ClusterIPs', () => {
  it('a PreferDualStack Service on a dual-stack cluster gets an IPv4 and an IPv6 ClusterIP', () => {
    const c = deriveCluster(
      scenario({
        cluster: DUAL,
        nodes: [node('node-1', '192.168.1.11')],
        services: [service('web', spec({ ipFamilyPolicy: 'PreferDualStack' }))],
      }),
    );
    const ips = c.serviceByKey.get('default/web')!.clusterIPs;
    expect(ips).toHaveLength(2);
    expect(ips[0]).toMatch(/^10\.(9[6-9]|1[01]\d)\./);
    expect(ips[1]).toMatch(/^fd00:10:96::/);
  });

  it('RequireDualStack on a single-stack service range is an error naming the field', () => {
    const s = scenario({
      nodes: [node('node-1', '192.168.1.11')],
      services: [service('web', spec({ ipFamilyPolicy: 'RequireDualStack' }))],
    });
    const d = validate(s).find((x) => x.field === 'services[0].spec.ipFamilyPolicy');
    expect(d).toMatchObject({
      severity: 'error',
      code: 'cidr-family',
      objects: ['svc/default/web'],
    });
    expect(d?.message).toContain('kube-apiserver rejects it');
  });
});
