import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { restore } from '@/scenario';
import { checkPolicySpec, DEFAULT_SCENARIO } from '@/sim';

import { parsePolicyYaml, policyToYaml, type PolicyParse } from './policyYaml';

const HEAD = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
spec:
`;

const GOOD = `${HEAD}  podSelector:
    matchLabels:
      app: web
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: client
      ports:
        - protocol: TCP
          port: 80
`;

/** The problems of a parse that must fail; the test fails if it succeeded. */
function problemsOf(r: PolicyParse) {
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems.map((p) => ({ line: p.line, message: p.message }));
}

describe('parsePolicyYaml: bad input is a message on its line, never a throw or a save', () => {
  it.each<[string, string, number, RegExp]>([
    [
      'a forgotten dash before a peer',
      `  podSelector: {}\n  ingress:\n    - from:\n        podSelector: {}\n`,
      9,
      /^spec\.ingress\[0\]\.from must be a list of peers: start each peer with "- "/,
    ],
    [
      'ports as a number',
      `  podSelector: {}\n  ingress:\n    - ports: 80\n`,
      8,
      /^spec\.ingress\[0\]\.ports must be a list of ports/,
    ],
    [
      'a number as a label value',
      `  podSelector:\n    matchLabels:\n      app: 1\n`,
      8,
      /^spec\.podSelector\.matchLabels\.app must be a string: .*quote it \("1"\)/,
    ],
    [
      'a lowercase operator',
      `  podSelector:\n    matchExpressions:\n      - key: app\n        operator: in\n        values: [a]\n`,
      9,
      /^spec\.podSelector\.matchExpressions\[0\]\.operator must be one of In, NotIn, Exists, DoesNotExist/,
    ],
    [
      'a selector written as a string',
      `  podSelector: "app=x"\n`,
      6,
      /^spec\.podSelector must be a label selector map such as \{matchLabels: \{app: web\}\}/,
    ],
    [
      'an egress peer map without a dash',
      `  podSelector: {}\n  egress:\n    - to: {ipBlock: {cidr: 10.0.0.0/8}}\n`,
      8,
      /^spec\.egress\[0\]\.to must be a list of peers/,
    ],
    [
      'a port that is neither a number nor a name',
      `  podSelector: {}\n  ingress:\n    - ports:\n        - port: [80]\n`,
      9,
      /^spec\.ingress\[0\]\.ports\[0\]\.port must be a port number \(1–65535\) or a port name/,
    ],
    [
      'a misspelt spec field',
      `  podSelector: {}\n  ingres:\n    - {}\n`,
      7,
      /^spec\.ingres is not a NetworkPolicy field/,
    ],
    [
      'an empty peer',
      `  podSelector: {}\n  ingress:\n    - from:\n        - {}\n`,
      9,
      /^spec\.ingress\[0\]\.from\[0\]: an empty peer is rejected/,
    ],
    [
      'ipBlock with a selector in one peer',
      `  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock: {cidr: 10.0.0.0/8}\n          podSelector: {}\n`,
      9,
      /^spec\.ingress\[0\]\.from\[0\]: ipBlock cannot be combined/,
    ],
    [
      'an except block outside cidr',
      `  podSelector: {}\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/16\n            except: [10.1.0.0/24]\n`,
      11,
      /^spec\.egress\[0\]\.to\[0\]\.ipBlock\.except\[0\]: 10\.1\.0\.0\/24 is not a strict subset/,
    ],
    [
      'endPort with a named port',
      `  podSelector: {}\n  ingress:\n    - ports:\n        - port: http\n          endPort: 90\n`,
      10,
      /^spec\.ingress\[0\]\.ports\[0\]\.endPort: endPort cannot be used with the named port/,
    ],
    [
      'an unsupported protocol',
      `  podSelector: {}\n  ingress:\n    - ports:\n        - protocol: ICMP\n`,
      9,
      /^spec\.ingress\[0\]\.ports\[0\]\.protocol must be one of TCP, UDP, SCTP/,
    ],
  ])('%s', (_name, spec, line, message) => {
    const text = HEAD + spec;
    expect(() => parsePolicyYaml(text, 'default')).not.toThrow();
    const problems = problemsOf(parsePolicyYaml(text, 'default'));
    expect(problems).toContainEqual({ line, message: expect.stringMatching(message) });
  });

  it.each<[string, string, number, RegExp]>([
    [
      'metadata as a string',
      'kind: NetworkPolicy\nmetadata: x\nspec: {}\n',
      2,
      /^metadata must be a map/,
    ],
    ['no spec', `${HEAD}`, 5, /^spec is required/],
    ['a list instead of an object', '- 1\n', 1, /^Expected a NetworkPolicy object/],
    ['an alias without an anchor', 'a: *x\n', 1, /alias/i],
    ['broken YAML', `${HEAD}  podSelector: {\n`, 7, /Flow map/],
  ])('the whole document: %s', (_name, text, line, message) => {
    const problems = problemsOf(parsePolicyYaml(text, 'default'));
    expect(problems[0]).toEqual({ line, message: expect.stringMatching(message) });
  });

  it('marks the offending text in the editor (from/to inside that line)', () => {
    const text = `${HEAD}  podSelector: "app=x"\n`;
    const r = parsePolicyYaml(text, 'default');
    const p = r.ok ? undefined : r.problems[0];
    expect(p && text.slice(p.from, p.to)).toBe('"app=x"');
  });
});

describe('parsePolicyYaml: a valid policy', () => {
  it('fills the namespace and podSelector, and restores inside a scenario', () => {
    const r = parsePolicyYaml(GOOD.replace(/ {2}podSelector:\n.*\n.*\n/, ''), 'shop');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.policy.metadata.namespace).toBe('shop');
    expect(r.policy.spec.podSelector).toEqual({});
    const doc = JSON.parse(JSON.stringify({ ...DEFAULT_SCENARIO, networkPolicies: [r.policy] }));
    const restored = restore(doc);
    expect(restored.ok && restored.value.scenario.networkPolicies).toEqual([r.policy]);
  });

  it('round-trips through policyToYaml', () => {
    const r = parsePolicyYaml(GOOD, 'default');
    expect(r.ok && parsePolicyYaml(policyToYaml(r.policy), 'default')).toEqual(r);
  });

  it('never throws, and whatever it accepts restores and passes the API rules', () => {
    const edit = fc.record({
      at: fc.nat({ max: GOOD.length }),
      cut: fc.nat({ max: 12 }),
      insert: fc.constantFrom('', '-', ' ', '{}', ':', '\n', '1', 'x', '[', '"', '  - '),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const text = edits.reduce(
          (t, e) => t.slice(0, e.at) + e.insert + t.slice(e.at + e.cut),
          GOOD,
        );
        const r = parsePolicyYaml(text, 'default');
        if (!r.ok) return;
        const doc = JSON.parse(
          JSON.stringify({ ...DEFAULT_SCENARIO, networkPolicies: [r.policy] }),
        );
        expect(restore(doc).ok).toBe(true);
        expect(checkPolicySpec(r.policy)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
