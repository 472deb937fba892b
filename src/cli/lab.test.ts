/**
 * `k8snet lab`: the script it prints is valid bash, refuses where it cannot run — not Linux,
 * not root, tools missing (naming the Debian packages) — before touching anything, resolves
 * refs with hostile names without running them, and `k8snet lab` itself refuses datapaths it
 * cannot build. Building a lab for real is the kernel suite's job (`npm run test:kernel`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { DEFAULT_SCENARIO } from '@/sim';

import { k8snet, scenarioFile } from './testkit';

const dir = mkdtempSync(join(tmpdir(), 'k8snet-lab-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const r = k8snet('lab', scenarioFile(DEFAULT_SCENARIO));
const script = join(dir, 'lab.sh');
writeFileSync(script, `${r.out.join('\n')}\n`);

/** Runs the script with `bin` first on PATH (fake or missing tools), from `dir`. */
function runLab(args: string[], bin?: string, path = process.env.PATH ?? '') {
  const p = spawnSync('/bin/bash', [script, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PATH: bin ? `${bin}:${path}` : path, LAB_STATE_DIR: join(dir, 'state') },
  });
  return { code: p.status, out: p.stdout, err: p.stderr };
}

function fakeBin(name: string, tools: Record<string, string>): string {
  const bin = join(dir, name);
  spawnSync('mkdir', ['-p', bin]);
  for (const [tool, body] of Object.entries(tools)) {
    writeFileSync(join(bin, tool), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  return bin;
}

describe('k8snet lab', () => {
  it('prints a bash script (notes on stderr) that bash parses', () => {
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toMatch(/^#!\/usr\/bin\/env bash\n# Linux lab: "Two-node cluster"/);
    expect(r.err).toEqual(['note: pods without containerPorts get no listener: default/client']);
    expect(spawnSync('bash', ['-n', script]).status).toBe(0);
  });

  it('help needs no root and shows the usage', () => {
    const h = runLab(['help']);
    expect(h.code).toBe(0);
    expect(h.out).toContain('bash lab.sh probe FROM TO PORT [TCP|UDP|ICMP] [--node NAME]');
  });

  it('refuses on another operating system', () => {
    const res = runLab(['up'], fakeBin('darwin', { uname: 'echo Darwin' }));
    expect(res.code).toBe(1);
    expect(res.err).toContain('lab: this lab needs Linux');
    expect(res.err).toContain('this is Darwin. Run it in a Linux VM.');
  });

  it('refuses without root, saying why', () => {
    const res = runLab(['up'], fakeBin('user', { id: 'echo 1000' }));
    expect(res.code).toBe(1);
    expect(res.err).toContain(
      `lab: run it as root (sudo bash ${script} up): creating network namespaces needs CAP_SYS_ADMIN and CAP_NET_ADMIN`,
    );
  });

  it('names the missing tools and the Debian packages that have them', () => {
    const bin = join(dir, 'bare');
    spawnSync('mkdir', ['-p', bin]);
    for (const t of ['uname', 'id', 'sort', 'tr', 'sed', 'cat'])
      for (const d of ['/usr/bin', '/bin'])
        if (existsSync(join(d, t)) && !existsSync(join(bin, t)))
          symlinkSync(join(d, t), join(bin, t));
    const res = runLab(['up'], undefined, bin);
    expect(res.code).toBe(1);
    expect(res.err).toContain(
      'lab: missing tools: ip bridge ss nsenter sysctl timeout flock socat conntrack iptables-restore. On Debian or Ubuntu: apt-get install -y conntrack coreutils iproute2 iptables procps socat util-linux',
    );
    expect(existsSync(join(dir, 'state'))).toBe(false);
  });

  it('probe and down say when the lab is not up', () => {
    expect(runLab(['down']).err).toContain('lab k8snet is not up: nothing to remove');
    const res = runLab(['probe', 'default/client', 'svc/shop/frontend', '80']);
    expect(res.code).toBe(1);
    expect(res.err).toContain('lab k8snet is not up: sudo bash');
    expect(runLab(['frobnicate']).err).toContain('unknown command "frobnicate"');
  });

  it('rejects a LAB_PREFIX that is not a plain name', () => {
    const p = spawnSync('/bin/bash', [script, 'status'], {
      encoding: 'utf8',
      env: { ...process.env, LAB_PREFIX: 'a;rm -rf /' },
    });
    expect(p.status).toBe(2);
    expect(p.stderr).toContain('LAB_PREFIX must be 1-24 letters');
  });

  it('resolves refs with hostile names as data, never running them', () => {
    const evil = "we'b$(touch pwned)";
    const s = {
      ...DEFAULT_SCENARIO,
      pods: DEFAULT_SCENARIO.pods.map((p) =>
        p.metadata.name === 'web' ? { ...p, metadata: { ...p.metadata, name: evil } } : p,
      ),
    };
    const lab = join(dir, 'evil.sh');
    writeFileSync(lab, `${k8snet('lab', scenarioFile(s)).out.join('\n')}\n`);
    const fns = `source <(sed '/^case "$CMD" in/,$d' ${lab})`;
    const q = `'pod/default/we'\\''b$(touch pwned)'`;
    const p = spawnSync('/bin/bash', ['-c', `${fns}; ref_ip ${q}; ref_ns ${q}`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(p.stdout).toBe('10.244.2.3\npod-default-we-b-touch-pwned\n');
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('says on stderr why a cluster cannot become a lab (exit 1, nothing on stdout)', () => {
    const s = {
      ...DEFAULT_SCENARIO,
      cluster: {
        ...DEFAULT_SCENARIO.cluster,
        podSubnet: 'fd00:10::/56',
        serviceSubnet: 'fd00:96::/112',
        nodeNetwork: [{ cidr: 'fd00:1::/64' }],
      },
      nodes: [],
      pods: [],
    };
    const res = k8snet('lab', scenarioFile(s));
    expect(res.code).toBe(1);
    expect(res.err.join('\n')).toContain('k8snet lab: the lab builds IPv4 clusters');
    expect(res.out).toEqual([]);
  });
});
