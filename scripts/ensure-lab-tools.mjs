#!/usr/bin/env node
// Makes sure the kernel-differential suite (`npm run test:kernel`) has the tools a Linux lab
// needs: iproute2 (ip, bridge, ss), iptables, conntrack, socat, procps (sysctl), util-linux
// (nsenter, flock). On Debian/Ubuntu as root it installs the missing ones with apt-get, as
// ensure-browser.mjs does for Chromium; elsewhere it only says what is missing (the suite then
// reports itself skipped, not passed).
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TOOLS = {
  ip: 'iproute2',
  bridge: 'iproute2',
  ss: 'iproute2',
  'iptables-restore': 'iptables',
  conntrack: 'conntrack',
  socat: 'socat',
  sysctl: 'procps',
  nsenter: 'util-linux',
  flock: 'util-linux',
};

const missing = () =>
  Object.keys(TOOLS).filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);

if (process.platform !== 'linux') {
  console.log('Linux lab tools: not Linux, the kernel suite will be skipped.');
  process.exit(0);
}
let gone = missing();
const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (gone.length && root && existsSync('/usr/bin/apt-get')) {
  const pkgs = [...new Set(gone.map((t) => TOOLS[t]))].join(' ');
  console.log(`Linux lab tools missing (${gone.join(', ')}): apt-get install ${pkgs} …`);
  try {
    execSync(
      `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${pkgs}`,
      { stdio: 'inherit' },
    );
  } catch {
    /* reported below */
  }
  gone = missing();
}
if (gone.length) {
  console.error(
    `Linux lab tools missing: ${gone.join(', ')} (apt-get install -y ${[...new Set(gone.map((t) => TOOLS[t]))].join(' ')}); the kernel suite will be skipped.`,
  );
  process.exit(1);
}
console.log('Linux lab tools: all present.');
