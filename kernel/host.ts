/**
 * The machine side of the kernel suite: running commands, deciding whether this machine can
 * build labs at all (Linux, root, network namespaces, the tools), and the host's own state that
 * must be the same after the suite as before (namespaces, iptables / nftables rules).
 */
import { spawn, spawnSync } from 'node:child_process';

export interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export function sh(
  cmd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Ran> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => resolve({ code: code ?? 1, out, err }));
    p.on('error', (e) => resolve({ code: 127, out, err: String(e) }));
  });
}

const TOOLS: readonly [string, string][] = [
  ['ip', 'iproute2'],
  ['bridge', 'iproute2'],
  ['ss', 'iproute2'],
  ['nsenter', 'util-linux'],
  ['flock', 'util-linux'],
  ['sysctl', 'procps'],
  ['socat', 'socat'],
  ['conntrack', 'conntrack'],
  ['iptables-restore', 'iptables'],
];

const has = (cmd: string): boolean =>
  spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** Why this machine cannot run the suite, or undefined when it can. */
export function whySkipped(): string | undefined {
  if (process.platform !== 'linux') return `needs Linux (this is ${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return 'needs root and network namespaces';
  const missing = TOOLS.filter(([cmd]) => !has(cmd));
  if (missing.length)
    return `needs ${missing.map(([c]) => c).join(', ')} (apt-get install -y ${[...new Set(missing.map(([, p]) => p))].join(' ')})`;
  const ns = `kt-check-${process.pid}`;
  if (spawnSync('ip', ['netns', 'add', ns], { stdio: 'ignore' }).status !== 0)
    return 'needs root and network namespaces (ip netns add failed: an unprivileged container?)';
  spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  return undefined;
}

/** The host's namespaces and its ruleset, counters left out. */
export function hostState(): { netns: string; rules: string } {
  const text = (cmd: string, args: string[]): string =>
    spawnSync(cmd, args, { encoding: 'utf8' }).stdout ?? '';
  const rules = [text('iptables-save', []), has('nft') ? text('nft', ['list', 'ruleset']) : '']
    .join('\n')
    .replace(/\[\d+:\d+\]/g, '')
    .replace(/counter packets \d+ bytes \d+/g, '')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
  return { netns: text('ip', ['netns', 'list']).trim(), rules };
}
