import { describe, expect, it } from 'vitest';

import type { NetworkPolicy } from '../model/k8s';
import { checkPolicySpec, formatFieldPath, isValidPortName } from '../netpol/specChecks';

import { expectDiagnostic, tweak, withCode, type Case, type Mutable } from './testkit';
import { validate } from './validate';

/** A policy `default/np` with `spec` (podSelector {} unless given). */
const policy = (spec: Mutable<NetworkPolicy['spec']>): Mutable<NetworkPolicy> => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'np', namespace: 'default' },
  spec: { podSelector: {}, ...spec },
});

const withPolicy = (spec: Mutable<NetworkPolicy['spec']>) =>
  tweak((s) => void s.networkPolicies.push(policy(spec)));

const base = {
  code: 'netpol-invalid',
  severity: 'error' as const,
  objects: ['netpol/default/np'],
};

const CASES: Case[] = [
  {
    name: 'an empty peer',
    scenario: withPolicy({ ingress: [{ from: [{ podSelector: {} }, {}] }] }),
    want: {
      ...base,
      field: 'networkPolicies[0].spec.ingress[0].from[1]',
      message:
        /^NetworkPolicy default\/np spec\.ingress\[0\]\.from\[1\]: an empty peer .*set podSelector, namespaceSelector or ipBlock/,
    },
  },
  {
    name: 'ipBlock with a podSelector in one peer',
    scenario: withPolicy({
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }],
    }),
    want: {
      ...base,
      field: 'networkPolicies[0].spec.egress[0].to[0]',
      message: /spec\.egress\[0\]\.to\[0\]: ipBlock cannot be combined .* make them two peers/,
    },
  },
  {
    name: 'ipBlock with a namespaceSelector in one peer',
    scenario: withPolicy({
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, namespaceSelector: {} }] }],
    }),
    want: { ...base, field: 'networkPolicies[0].spec.ingress[0].from[0]', message: /ipBlock/ },
  },
  {
    name: 'an except block outside its cidr',
    scenario: withPolicy({
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } }] }],
    }),
    want: {
      ...base,
      field: 'networkPolicies[0].spec.ingress[0].from[0].ipBlock.except[0]',
      message: /10\.1\.0\.0\/24 is not a strict subset of cidr 10\.0\.0\.0\/16/,
    },
  },
  {
    name: 'an except block equal to its cidr',
    scenario: withPolicy({
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/16'] } }] }],
    }),
    want: { ...base, message: /10\.0\.0\.0\/16 is not a strict subset/ },
  },
  {
    name: 'an except block of the other family',
    scenario: withPolicy({
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['fd00::/64'] } }] }],
    }),
    want: { ...base, message: /fd00::\/64 is not a strict subset/ },
  },
  {
    name: 'endPort with a named port',
    scenario: withPolicy({ ingress: [{ ports: [{ port: 'http', endPort: 90 }] }] }),
    want: {
      ...base,
      field: 'networkPolicies[0].spec.ingress[0].ports[0].endPort',
      message: /endPort cannot be used with the named port "http": give port as a number/,
    },
  },
  {
    name: 'endPort below port',
    scenario: withPolicy({ egress: [{ ports: [{ port: 8080, endPort: 80 }] }] }),
    want: {
      ...base,
      field: 'networkPolicies[0].spec.egress[0].ports[0].endPort',
      message: /endPort 80 is less than port 8080: set endPort to 8080 or more/,
    },
  },
  {
    name: 'endPort without port',
    scenario: withPolicy({ ingress: [{ ports: [{ protocol: 'TCP', endPort: 90 }] }] }),
    want: { ...base, message: /endPort needs port/ },
  },
  {
    name: 'an unsupported protocol',
    scenario: withPolicy({
      ingress: [{ ports: [{ protocol: 'ICMP' as 'TCP', port: 80 }] }],
    }),
    want: {
      ...base,
      field: 'networkPolicies[0].spec.ingress[0].ports[0].protocol',
      message: /protocol ICMP is not supported: use TCP, UDP or SCTP/,
    },
  },
  {
    name: 'a port out of range',
    scenario: withPolicy({ ingress: [{ ports: [{ port: 70000 }] }] }),
    want: { ...base, message: /port 70000 is not a port number: use 1–65535/ },
  },
  {
    name: 'an invalid port name',
    scenario: withPolicy({ ingress: [{ ports: [{ port: '80' }] }] }),
    want: { ...base, message: /"80" is not a valid port name/ },
  },
  {
    name: 'In without values',
    scenario: withPolicy({
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] },
    }),
    want: {
      ...base,
      field: 'networkPolicies[0].spec.podSelector.matchExpressions[0].values',
      message: /operator In needs at least one value/,
    },
  },
  {
    name: 'Exists with values',
    scenario: withPolicy({
      ingress: [
        {
          from: [
            {
              podSelector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
            },
          ],
        },
      ],
    }),
    want: { ...base, message: /operator Exists takes no values/ },
  },
];

describe('validate: netpol-invalid (what the API server rejects)', () => {
  it.each(CASES)('$name', ({ scenario, want }) => expectDiagnostic(scenario, want));

  it.each<[string, Mutable<NetworkPolicy['spec']>]>([
    ['no rules', {}],
    ['from: [] and ports without port', { ingress: [{ from: [], ports: [{ protocol: 'UDP' }] }] }],
    [
      'every kind of valid peer and port',
      {
        ingress: [
          {
            from: [
              { podSelector: { matchLabels: { app: 'a' } } },
              { namespaceSelector: {}, podSelector: {} },
              { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.3.4/32'] } },
            ],
            ports: [{ port: 'http' }, { port: 80, endPort: 80 }, { protocol: 'SCTP', port: 1 }],
          },
        ],
        egress: [{ to: [{ ipBlock: { cidr: 'fd00::/48', except: ['fd00::/64'] } }] }],
      },
    ],
  ])('no netpol-invalid for %s', (_name, spec) => {
    expect(withCode(validate(withPolicy(spec)), 'netpol-invalid')).toEqual([]);
  });

  it('leaves CIDRs that do not parse to cidr-invalid', () => {
    const s = withPolicy({
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33', except: ['nope'] } }] }],
    });
    expect(withCode(validate(s), 'netpol-invalid')).toEqual([]);
    expect(withCode(validate(s), 'cidr-invalid')).toHaveLength(2);
  });

  it('never throws on shapes the types do not allow', () => {
    const broken = {
      ...policy({}),
      spec: { ingress: [{ from: { podSelector: {} }, ports: 80 }, null], egress: 'x' },
    } as unknown as NetworkPolicy;
    expect(() => checkPolicySpec(broken)).not.toThrow();
    expect(checkPolicySpec({ ...broken, spec: null } as unknown as NetworkPolicy)).toEqual([]);
  });
});

describe('specChecks helpers', () => {
  it('formats field paths the way kubectl prints them', () => {
    expect(formatFieldPath(['spec', 'ingress', 0, 'from', 1, 'ipBlock'])).toBe(
      'spec.ingress[0].from[1].ipBlock',
    );
  });

  it.each([
    ['http', true],
    ['dns-tcp', true],
    ['a1', true],
    ['80', false],
    ['HTTP', false],
    ['-http', false],
    ['http-', false],
    ['my--port', false],
    ['averyveryverylongname', false],
  ])('isValidPortName(%s) is %s', (name, want) => expect(isValidPortName(name)).toBe(want));
});
