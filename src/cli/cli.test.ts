/**
 * `k8snet` (DESIGN.md §5) through `run(argv, out, errOut)`: trace (text, --json, --batch),
 * validate (exit codes and JSON shape), link → export round trips, and errors on stderr
 * with a non-zero exit.
 */
import { describe, expect, it } from 'vitest';

import { DEFAULT_SCENARIO, type Hop, type Trace } from '@/sim';

import { file, k8snet, scenarioFile, type Ran } from './testkit';

const defaultFile = scenarioFile(DEFAULT_SCENARIO);
const vxlanFile = scenarioFile({
  ...DEFAULT_SCENARIO,
  cluster: { ...DEFAULT_SCENARIO.cluster, cni: { mode: 'vxlan' } },
});

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
      '10.244.0.0/16 via 10.244.1.1 dev eth0',
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

  it('--batch follows a query\'s "endpoint" and "seed", like --endpoint and --seed', () => {
    const q = { from: 'default/client', to: 'svc/shop/frontend' };
    const queries = file(
      [
        JSON.stringify({ ...q, endpoint: '10.244.2.2:8080' }),
        JSON.stringify({ ...q, endpoint: '10.244.1.3:8080' }),
        JSON.stringify({ ...q, seed: 5 }),
        JSON.stringify({ ...q, endpoint: 'frontend-2' }),
        JSON.stringify({ ...q, seed: 'x' }),
      ].join('\n'),
      'jsonl',
    );
    const results = k8snet('trace', defaultFile, '--batch', queries).out.map(
      (l) => JSON.parse(l) as Trace & { error?: string },
    );
    expect(results[0]?.chosen).toBe('10.244.2.2:8080');
    expect(results[1]?.chosen).toBe('10.244.1.3:8080');
    const single = (...extra: string[]): Trace =>
      JSON.parse(
        k8snet('trace', defaultFile, '--from', q.from, '--to', q.to, '--json', ...extra).out.join(
          '\n',
        ),
      ) as Trace;
    expect(results[0]).toEqual(single('--endpoint', '10.244.2.2:8080'));
    expect(results[2]).toEqual(single('--seed', '5'));
    expect(results[3]?.error).toMatch(/^line 4: "endpoint" must be "IP:PORT"/);
    expect(results[4]?.error).toMatch(/^line 5: "seed" must be an integer/);
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
    expect(link()).toMatch(/^https:\/\/[^#]+#s=2\.[A-Za-z0-9_-]+$/);
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
      k8snet(
        'trace',
        '/nonexistent/k8snet/nope.json',
        '--from',
        'default/client',
        '--to',
        'default/web',
      ),
      'no such file',
    );
    expectError(
      k8snet('routes', '/nonexistent/k8snet/nope.json', '--node', 'node-1'),
      'no such file',
    );
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
