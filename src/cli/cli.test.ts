/**
 * `k8snet` (DESIGN.md §5) through `run(argv, out, errOut)`: trace (text, --json, --batch), routes,
 * iptables, validate (exit codes and JSON shape), link → export round trips, and errors on stderr
 * with a non-zero exit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { DEFAULT_SCENARIO, type Hop, type Scenario, type Trace } from '@/sim';

import { run } from './main';

const dir = mkdtempSync(join(tmpdir(), 'k8snet-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(content: string, ext = 'json'): string {
  const path = join(dir, `f${++n}.${ext}`);
  writeFileSync(path, content);
  return path;
}
const scenarioFile = (s: Scenario): string => file(JSON.stringify(s, null, 2));

const defaultFile = scenarioFile(DEFAULT_SCENARIO);
const vxlanFile = scenarioFile({
  ...DEFAULT_SCENARIO,
  cluster: { ...DEFAULT_SCENARIO.cluster, cni: { mode: 'vxlan' } },
});

interface Ran {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}
function k8snet(...argv: string[]): Ran {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out, err };
}
/** Everything printed, split into lines (a command may print several lines in one call). */
const lines = (r: Ran): string[] => r.out.join('\n').split('\n');

describe('k8snet trace', () => {
  it('--json prints the Trace, naming the veth, bridge and route entries', () => {
    const r = k8snet(
      'trace',
      defaultFile,
      '--from',
      'default/client',
      '--to',
      'shop/frontend-2',
      '--port',
      '8080',
      '--json',
    );
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out.join('\n')) as Trace;
    expect(t.verdict).toBe('delivered');
    expect(t.candidates).toEqual([]);
    expect(t.masqueraded).toBe(false);
    const rules = (kind: string): string[] =>
      t.hops
        .filter((h: Hop) => h.kind === kind && h.direction === 'request')
        .map((h) => h.rule?.text ?? '');
    expect(rules('veth')[0]).toMatch(/^veth[0-9a-f]{8}@if2: .* master cni0 state UP$/);
    expect(rules('bridge')[0]).toMatch(
      /^([0-9a-f]{2}:){5}[0-9a-f]{2} dev cni0 vlan 1 master cni0 permanent$/,
    );
    expect(rules('route')).toEqual([
      'default via 10.244.1.1 dev eth0',
      '10.244.2.0/24 via 192.168.1.12 dev eth0',
      '10.244.2.0/24 dev cni0 proto kernel scope link src 10.244.2.1',
    ]);
    const deliver = t.hops.filter((h) => h.direction === 'request').at(-1);
    expect(deliver?.packet).toMatchObject({
      srcIP: '10.244.1.2',
      dstIP: '10.244.2.2',
      dstPort: 8080,
    });
    expect(t.hops.at(-1)?.direction).toBe('reply');
  });

  it('--json on a VXLAN scenario shows the flannel FDB entry and the outer header', () => {
    const r = k8snet(
      'trace',
      vxlanFile,
      '--from',
      'default/client',
      '--to',
      'shop/frontend-2',
      '--json',
    );
    const t = JSON.parse(r.out.join('\n')) as Trace;
    const encap = t.hops.find((h) => h.kind === 'encap');
    expect(encap?.rule?.text).toMatch(/ dev flannel\.1 dst 192\.168\.1\.12 self permanent$/);
    expect(encap?.packet.outer).toMatchObject({
      srcIP: '192.168.1.11',
      dstIP: '192.168.1.12',
      dstPort: 8472,
    });
    expect(encap?.packet.vni).toBe(1);
  });

  it('--seed / --endpoint make a load-balanced walk deterministic', () => {
    const args = [
      'trace',
      defaultFile,
      '--from',
      'default/client',
      '--to',
      'svc/shop/frontend',
      '--json',
    ];
    const a = k8snet(...args, '--endpoint', '10.244.1.3:8080');
    expect((JSON.parse(a.out.join('\n')) as Trace).chosen).toBe('10.244.1.3:8080');
    const b1 = k8snet(...args, '--seed', '7');
    const b2 = k8snet(...args, '--seed', '7');
    expect(b1.out).toEqual(b2.out);
    expect((JSON.parse(b1.out.join('\n')) as Trace).candidates).toEqual([
      '10.244.1.3:8080',
      '10.244.2.2:8080',
    ]);
  });

  it('prints a readable walk without --json', () => {
    const r = k8snet(
      'trace',
      defaultFile,
      '--from',
      'default/client',
      '--to',
      'shop/frontend-2',
      '--port',
      '8080',
    );
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toContain('── request');
    expect(text).toContain('── reply');
    expect(text).toContain('ip route: 10.244.2.0/24 via 192.168.1.12 dev eth0');
    expect(text).toContain('verdict: delivered');
  });

  it('--batch prints one line per query, {"error"} for the bad ones, and runs the rest', () => {
    const queries = file(
      [
        JSON.stringify({ from: 'default/client', to: 'shop/frontend-2', port: 8080 }),
        '{not json',
        JSON.stringify({ from: 'default/client' }),
        '',
        JSON.stringify({ from: 'default/nobody', to: 'shop/frontend-1' }),
        JSON.stringify({ from: 'default/client', to: 'shop/frontend-1', port: 99999 }),
        JSON.stringify({
          from: 'default/client',
          to: 'svc/kube-system/kube-dns',
          port: 53,
          protocol: 'udp',
        }),
        JSON.stringify({ from: '203.0.113.5', to: '192.168.1.12', port: 22, node: 'node-2' }),
      ].join('\n'),
      'jsonl',
    );
    const r = k8snet('trace', defaultFile, '--batch', queries);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    const results = r.out.map((l) => JSON.parse(l) as Trace & { error?: string });
    expect(results).toHaveLength(7);
    expect(results[0]?.verdict).toBe('delivered');
    expect(results[1]?.error).toMatch(/^line 2: /);
    expect(results[2]?.error).toBe('line 3: "from" and "to" must be strings');
    expect(results[3]?.error).toBe(
      'line 5: from: pod/default/nobody: no pod named "nobody" in namespace default (pods there: client, web)',
    );
    expect(results[4]?.error).toBe('line 6: port: port must be 1–65535 (got "99999")');
    expect(results[5]).toMatchObject({
      verdict: 'delivered',
      summary: { protocol: 'UDP', port: 53 },
    });
    expect(results[6]).toMatchObject({ verdict: 'delivered' });
    expect(results[6]?.hops[1]).toMatchObject({ kind: 'wire', node: 'node-2' });
  });
});

describe('k8snet routes and iptables', () => {
  it('routes --node node-1 prints exactly the ip route lines', () => {
    const r = k8snet('routes', defaultFile, '--node', 'node-1');
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      'default via 192.168.1.1 dev eth0 proto static',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      '10.244.2.0/24 via 192.168.1.12 dev eth0',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
    ]);
  });

  it('routes in VXLAN mode point the other pod range at flannel.1', () => {
    expect(k8snet('routes', vxlanFile, '--node', 'node-2').out).toEqual([
      'default via 192.168.1.1 dev eth0 proto static',
      '10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink',
      '10.244.2.0/24 dev cni0 proto kernel scope link src 10.244.2.1',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.12',
    ]);
  });

  it('routes names a route the kernel refused on stderr, and keeps stdout to the table', () => {
    // A 192.168.0.0/16 pod network on a 192.168.1.0/24 LAN: node-2's pod range is the LAN.
    const overlap = scenarioFile({
      ...DEFAULT_SCENARIO,
      cluster: { ...DEFAULT_SCENARIO.cluster, podSubnet: '192.168.0.0/16' },
      nodes: DEFAULT_SCENARIO.nodes.map((x) => ({ ...x, spec: {} })),
    });
    const r = k8snet('routes', overlap, '--node', 'node-1');
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      'default via 192.168.1.1 dev eth0 proto static',
      '192.168.0.0/24 dev cni0 proto kernel scope link src 192.168.0.1',
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
    ]);
    expect(r.err).toEqual([
      'not installed: ip route add 192.168.1.0/24 via 192.168.1.12 dev eth0: RTNETLINK answers: File exists (192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11)',
    ]);
  });

  it("iptables defaults to the cluster's primary family (IPv6-only: ip6tables rules)", () => {
    const v6 = scenarioFile({
      ...DEFAULT_SCENARIO,
      cluster: {
        ...DEFAULT_SCENARIO.cluster,
        podSubnet: 'fd00:10:244::/56',
        serviceSubnet: 'fd00:10:96::/112',
        nodeNetwork: '2001:db8:1::/64',
      },
      nodes: DEFAULT_SCENARIO.nodes.map((x, i) => ({
        ...x,
        spec: {},
        status: { addresses: [{ type: 'InternalIP', address: `2001:db8:1::${11 + i}` }] },
      })),
      services: DEFAULT_SCENARIO.services.map((x) => {
        const { clusterIP: _a, clusterIPs: _b, ...spec } = x.spec;
        return { ...x, spec };
      }),
    });
    const text = lines(k8snet('iptables', v6, '--node', 'node-1'));
    expect(text.some((l) => /-A KUBE-SERVICES .* -d fd00:10:96::/.test(l))).toBe(true);
    expect(text.some((l) => / -d 10\.96\./.test(l))).toBe(false);
  });

  it('trace text lists every rule a netfilter hop traversed, with its line', () => {
    const out = lines(
      k8snet('trace', defaultFile, '--from', 'default/client', '--to', 'svc/shop/frontend'),
    );
    const at = out.findIndex((l) => /netfilter .* nat PREROUTING/.test(l));
    expect(at).toBeGreaterThan(0);
    const listed = out.slice(at).filter((l) => /^ {7} *\d+ {2}-A /.test(l));
    expect(listed[0]).toMatch(/-A PREROUTING .*-j KUBE-SERVICES$/);
    expect(listed.some((l) => /-A KUBE-SVC-\w+ .*--probability/.test(l))).toBe(true);
  });

  it('iptables --node node-1 prints iptables-save text with nat and filter', () => {
    const r = k8snet('iptables', defaultFile, '--node', 'node-1');
    expect(r.code).toBe(0);
    const text = lines(r);
    expect(text).toContain('*nat');
    expect(text).toContain('*filter');
    expect(text).toContain(':KUBE-SERVICES - [0:0]');
    expect(text.filter((l) => l === 'COMMIT')).toHaveLength(2);
    expect(
      text.some((l) => /^-A KUBE-SEP-\w+ .* -j DNAT --to-destination 10\.244\.2\.2:8080$/.test(l)),
    ).toBe(true);
  });

  it('the walk matched the very rule text iptables prints', () => {
    const ipt = lines(k8snet('iptables', defaultFile, '--node', 'node-1'));
    const r = k8snet(
      'trace',
      defaultFile,
      '--from',
      'default/client',
      '--to',
      'svc/shop/frontend',
      '--endpoint',
      '10.244.2.2:8080',
      '--json',
    );
    const t = JSON.parse(r.out.join('\n')) as Trace;
    const dnat = t.hops.find((h) => h.kind === 'dnat');
    expect(ipt).toContain(dnat?.rule?.text);
  });
});

describe('k8snet validate', () => {
  it('exits 0 with no diagnostics for the default scenario', () => {
    const r = k8snet('validate', defaultFile, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.join('\n'))).toEqual({ diagnostics: [] });
    expect(k8snet('validate', defaultFile).out).toEqual(['No problems found.']);
  });

  it('exits 1 when the service range overlaps the pod network, with the JSON shape', () => {
    const bad = scenarioFile({
      ...DEFAULT_SCENARIO,
      cluster: { ...DEFAULT_SCENARIO.cluster, serviceSubnet: '10.244.0.0/16' },
    });
    const r = k8snet('validate', bad, '--json');
    expect(r.code).toBe(1);
    const { diagnostics } = JSON.parse(r.out.join('\n')) as {
      diagnostics: {
        severity: string;
        code: string;
        message: string;
        ranges: unknown;
        objects: unknown;
      }[];
    };
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(['error', 'warning']).toContain(d.severity);
      expect(typeof d.code).toBe('string');
      expect(typeof d.message).toBe('string');
      expect(Array.isArray(d.ranges)).toBe(true);
      expect(Array.isArray(d.objects)).toBe(true);
    }
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'cidr-overlap',
        ranges: ['10.244.0.0/16', '10.244.0.0/16'],
      }),
    );
    const text = k8snet('validate', bad);
    expect(text.code).toBe(1);
    expect(text.out.some((l) => l.startsWith('error   cidr-overlap: '))).toBe(true);
  });

  it('a trace still runs on a scenario with validation errors', () => {
    const bad = scenarioFile({
      ...DEFAULT_SCENARIO,
      cluster: { ...DEFAULT_SCENARIO.cluster, serviceSubnet: '10.244.0.0/16' },
    });
    const r = k8snet('trace', bad, '--from', 'default/client', '--to', 'shop/frontend-2', '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out.join('\n')) as Trace).verdict).toBeDefined();
  });
});

describe('k8snet link and export', () => {
  const link = (): string => {
    const r = k8snet('link', defaultFile);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    return r.out[0] ?? '';
  };

  it('link prints a share link', () => {
    expect(link()).toMatch(/^https:\/\/[^#]+#s=1\.[A-Za-z0-9_-]+$/);
  });

  it('export of the link gives back the same scenario', () => {
    const r = k8snet('export', link(), '--format', 'scenario');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.join('\n'))).toEqual(DEFAULT_SCENARIO);
  });

  it('a file holding the link reads the same', () => {
    const r = k8snet('export', file(link(), 'txt'), '--format', 'scenario');
    expect(JSON.parse(r.out.join('\n'))).toEqual(DEFAULT_SCENARIO);
  });

  it('exported manifests (yaml and json) load back into the same datapath', () => {
    for (const format of ['yaml', 'json'] as const) {
      const r = k8snet('export', link(), '--format', format);
      expect(r.code).toBe(0);
      const manifests = file(r.out.join('\n'), format);
      expect(k8snet('routes', manifests, '--node', 'node-2').out).toEqual(
        k8snet('routes', defaultFile, '--node', 'node-2').out,
      );
      const walk = (f: string): Trace =>
        JSON.parse(
          k8snet(
            'trace',
            f,
            '--from',
            'default/client',
            '--to',
            'shop/frontend-2',
            '--json',
          ).out.join('\n'),
        ) as Trace;
      expect(walk(manifests).hops).toEqual(walk(defaultFile).hops);
    }
  });

  it('rejects an unknown export format', () => {
    const r = k8snet('export', defaultFile, '--format', 'xml');
    expect(r.code).not.toBe(0);
    expect(r.err.join('\n')).toContain('--format must be yaml, json or scenario');
  });
});

describe('errors go to stderr with a non-zero exit', () => {
  const expectError = (r: Ran, message: string): void => {
    expect(r.code).not.toBe(0);
    expect(r.out).toEqual([]);
    expect(r.err.join('\n')).toContain(message);
  };

  it('a missing file', () => {
    expectError(
      k8snet('trace', join(dir, 'nope.json'), '--from', 'default/client', '--to', 'default/web'),
      'no such file',
    );
    expectError(k8snet('routes', join(dir, 'nope.json'), '--node', 'node-1'), 'no such file');
  });

  it('an unknown command', () => {
    const r = k8snet('frobnicate', defaultFile);
    expect(r.code).toBe(2);
    expectError(r, 'unknown command "frobnicate"');
  });

  it('a ref that names nothing', () => {
    expectError(
      k8snet('trace', defaultFile, '--from', 'default/nobody', '--to', 'shop/frontend-1'),
      'no pod named "nobody" in namespace default',
    );
    expectError(
      k8snet('trace', defaultFile, '--from', 'default/client', '--to', 'svc/shop/nope', '--json'),
      'no Service named "nope"',
    );
    expectError(
      k8snet(
        'trace',
        defaultFile,
        '--from',
        '203.0.113.5',
        '--to',
        'node/node-1',
        '--node',
        'node-9',
      ),
      'node node-9: no such node',
    );
  });

  it('bad options', () => {
    expectError(k8snet('trace', defaultFile, '--from', 'default/client'), 'trace needs --from');
    expectError(
      k8snet(
        'trace',
        defaultFile,
        '--from',
        'default/client',
        '--to',
        'default/web',
        '--port',
        'http',
      ),
      '--port: port must be 1–65535',
    );
    expectError(
      k8snet(
        'trace',
        defaultFile,
        '--from',
        'default/client',
        '--to',
        'default/web',
        '--protocol',
        'QUIC',
      ),
      'protocol must be TCP, UDP, SCTP or ICMP',
    );
    expectError(k8snet('routes', defaultFile), 'this command needs --node NAME');
    expectError(k8snet('iptables', defaultFile, '--node', 'node-9'), '--node node-9: no such node');
    expectError(k8snet('validate'), 'missing <file>');
  });

  it('an unreadable input', () => {
    expectError(k8snet('validate', file('{"version": 1, "cluster": 42}')), 'not a valid scenario');
    expectError(k8snet('validate', file('   ')), 'the input is empty');
  });
});
