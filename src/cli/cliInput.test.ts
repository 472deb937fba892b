/**
 * `k8snet` on real input: import notes on stderr for every command, validate's warnings once per
 * object, kind and k3s cluster dumps, and `matrix` (deciding policies, checked options).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { k8snet } from './testkit';

const testdata = (path: string): string =>
  fileURLToPath(new URL(`../scenario/${path}`, import.meta.url));
const BOUTIQUE = testdata('testdata/microservices-demo.yaml.txt');
const BOUTIQUE_POLICIES = testdata('testdata/microservices-demo-netpol.yaml.txt');
const KIND = testdata('manifests/testdata/kind-dump.yaml.txt');
const K3S = testdata('manifests/testdata/k3s-dump.yaml.txt');

const dir = mkdtempSync(join(tmpdir(), 'k8snet-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('import notes', () => {
  const NOTES = [
    /^note: The input has no Node objects, so its objects run on the default cluster's nodes/,
    /^note: The default cluster's DNS is added: CoreDNS behind kube-system\/kube-dns \(10\.96\.0\.10, the 10th address/,
  ];

  it.each([
    [
      'trace',
      '--from',
      'deploy/default/loadgenerator',
      '--to',
      'svc/default/frontend',
      '--port',
      '80',
    ],
    ['validate', '--json'],
    ['iptables', '--node', 'node-1'],
    ['routes', '--node', 'node-1'],
    ['matrix', '--json'],
    ['link'],
    ['export', '--format', 'json'],
  ])('%s prints them on stderr, prefixed "note:", never on stdout', (cmd, ...rest) => {
    const r = k8snet(cmd, BOUTIQUE, ...rest);
    expect(r.code).toBe(0);
    expect(r.err).toHaveLength(NOTES.length);
    NOTES.forEach((note, i) => expect(r.err[i]).toMatch(note));
    expect(r.out.join('\n')).not.toMatch(/note:/);
  });

  it('a scenario JSON has none', () => {
    const scenario = k8snet('export', BOUTIQUE, '--format', 'scenario').out.join('\n');
    const r = k8snet('validate', file('boutique.json', scenario));
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
  });
});

describe('k8snet validate on Online Boutique', () => {
  it('reports each of the 11 ServiceAccounts once, and exits 0', () => {
    const r = k8snet('validate', BOUTIQUE);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(11);
    expect(r.out.every((l) => /^warning unsupported-kind: ServiceAccount \S+ is not/.test(l))).toBe(
      true,
    );
    const json = k8snet('validate', BOUTIQUE, '--json');
    const { diagnostics } = JSON.parse(json.out.join('\n')) as {
      diagnostics: { code: string; objects: string[] }[];
    };
    expect(diagnostics.map((d) => d.code)).toEqual(Array(11).fill('unsupported-kind'));
    expect(new Set(diagnostics.map((d) => d.objects[0])).size).toBe(11);
  });

  it('still reports the import warnings validation does not know about', () => {
    const twice = `${readFileSync(BOUTIQUE, 'utf8')}\n---\napiVersion: v1\nkind: Service\nmetadata: { name: redis-cart }\nspec: { selector: { app: redis-cart }, ports: [{ port: 6379 }] }\n`;
    const r = k8snet('validate', file('twice.yaml', twice));
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(12);
    expect(r.out).toContain(
      'warning import: Service default/redis-cart appears more than once; the later definition is used',
    );
  });
});

describe.each([
  ['kind', KIND, 'default/client', 'web.default.svc.cluster.local', 80],
  ['k3s', K3S, 'apps/toolbox', 'hello.apps.svc.cluster.local', 80],
] as const)('a %s cluster dump (kubectl get … -A -o yaml)', (_name, path, from, to, port) => {
  it('validates with exit 0, the inferred address plan noted on stderr', () => {
    const r = k8snet('validate', path);
    expect(r.out).toEqual(['No problems found.']);
    expect(r.code).toBe(0);
    expect(
      r.err.filter((l) => /^note: podSubnet .* inferred from the nodes' podCIDRs/.test(l)),
    ).toHaveLength(1);
  });

  it('delivers a walk to a Service by its DNS name', () => {
    const r = k8snet('trace', path, '--from', from, '--to', to, '--port', String(port), '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out.join('\n')) as { verdict: string }).verdict).toBe('delivered');
  });
});

describe('k8snet matrix', () => {
  const withPolicies = file(
    'boutique-with-policies.yaml',
    `${readFileSync(BOUTIQUE, 'utf8')}\n---\n${readFileSync(BOUTIQUE_POLICIES, 'utf8')}`,
  );

  it('JSON cells carry the deciding policy, its direction and the reason', () => {
    const r = k8snet('matrix', withPolicies, '--port', '8080', '--json');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out.join('\n')) as {
      port: number;
      protocol: string;
      pods: string[];
      cells: Record<string, unknown>[];
    };
    expect([m.port, m.protocol]).toEqual([8080, 'TCP']);
    expect(m.cells).toHaveLength(m.pods.length ** 2);
    const cell = (from: string, to: string) =>
      m.cells.find((c) => String(c.from).includes(`/${from}-`) && String(c.to).includes(`/${to}-`));
    expect(cell('loadgenerator', 'frontend')).toMatchObject({
      allowed: true,
      policy: 'default/frontend',
      direction: 'ingress',
    });
    const denied = cell('frontend', 'emailservice');
    expect(denied).toMatchObject({
      allowed: false,
      policy: 'default/deny-all',
      direction: 'ingress',
    });
    expect(String(denied?.reason)).toMatch(
      /isolated for ingress by default\/deny-all and default\/emailservice/,
    );
  });

  it('the text grid marks each denied cell with the letter of its deciding policy', () => {
    const r = k8snet('matrix', withPolicies, '--port', '8080');
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(
      'TCP 8080: rows = from, columns = to (✓ allowed; a letter = denied by the policy it stands for, listed below)',
    );
    const legend = r.out.slice(r.out.indexOf('denied by:') + 1);
    expect(legend).toEqual([
      '  a  default/adservice (ingress)',
      '  b  default/cartservice (ingress)',
      '  c  default/checkoutservice (ingress)',
      '  d  default/currencyservice (ingress)',
      '  e  default/deny-all (ingress)',
    ]);
    const row = r.out.find((l) => l.startsWith('default/loadgenerator-')) ?? '';
    // columns: ad cart checkout currency email frontend loadgen payment catalog reco redis shipping dns
    expect(row.trim().split(/\s+/).slice(1).join(' ')).toBe('a b c d e ✓ ✓ e e e e e ✓');
  });

  it.each([
    [['--port', 'abc'], '--port: port must be 1–65535 (got "abc")'],
    [['--port', '0x50'], '--port: port must be 1–65535 (got "0x50")'],
    [['--port', '70000'], '--port: port must be 1–65535'],
    [['--port'], '--port needs a value'],
    [['--protocol', 'FOO'], '--protocol: protocol must be TCP, UDP, SCTP or ICMP (got "FOO")'],
  ])('%j is a usage error on stderr (exit 2)', (flags, message) => {
    const r = k8snet('matrix', BOUTIQUE, ...flags);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err.join('\n')).toContain(message);
  });

  it('takes the protocol in any case', () => {
    const r = k8snet('matrix', BOUTIQUE, '--protocol', 'udp', '--port', '53');
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^UDP 53: /);
  });
});
