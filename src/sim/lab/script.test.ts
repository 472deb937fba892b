/**
 * The lab script generator: what it builds (the explorer's routes and rules, verbatim), that
 * names from the scenario cannot escape their quoting, that everything `up` creates lives in a
 * namespace it recorded first (so `down`, which deletes exactly the recorded namespaces and
 * processes, removes all of it), and which datapaths it refuses, by name.
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { CniMode, Scenario } from '../model/scenario';
import { nodeIptablesText } from '../kubeproxy/ruleset';
import { node, pod, scenario, service } from '../test/builders';
import { MODES, withMode } from '../trace/testkit';

import { labScript } from './script';
import { commentText, dq, nameSlug, shq } from './shell';

const scriptOf = (s: Scenario): string => {
  const r = labScript(deriveCluster(s));
  if (!r.ok) throw new Error(r.error);
  return r.script;
};

describe('shell quoting', () => {
  it.each([
    ['web', 'web'],
    ['10.244.1.2/24', '10.244.1.2/24'],
    ["it's", `'it'\\''s'`],
    ['$(rm -rf /)', `'$(rm -rf /)'`],
    ['a b;c', `'a b;c'`],
    ['`x`', "'`x`'"],
    ['', "''"],
  ])('shq(%j) is %s', (s, q) => expect(shq(s)).toBe(q));

  it('keeps comments on one line and double-quoted text inert', () => {
    expect(commentText('a\nrm -rf /\r\u2028b')).toBe('a rm -rf / b');
    expect(dq('say "$HOME" `id` \\')).toBe('say \\"\\$HOME\\" \\`id\\` \\\\');
  });

  it('reduces any name to a safe namespace slug', () => {
    expect(nameSlug('web-1')).toBe('web-1');
    expect(nameSlug("We'b $(x)")).toBe('we-b-x');
    expect(nameSlug('---')).toBe('x');
    expect(nameSlug('a'.repeat(80))).toHaveLength(40);
  });
});

describe.each(MODES)('the lab of the default scenario (%s)', (mode: CniMode) => {
  const s = withMode(DEFAULT_SCENARIO, mode);
  const cluster = deriveCluster(s);
  const text = scriptOf(s);
  const lines = text.split('\n');

  it("holds each node's routes and its `k8snet iptables` text verbatim", () => {
    for (const n of cluster.nodes) {
      expect(text).toContain(nodeIptablesText(cluster, n.name, 4).trimEnd());
      for (const r of n.routes.filter((x) => x.proto !== 'kernel'))
        expect(text).toContain(`ip -n "$P-node-${n.name}" route add ${r.text}`);
    }
    expect(text).toContain(`# node-1: route to node-2's pods (10.244.2.0/24)`);
    if (mode === 'vxlan') {
      expect(text).toMatch(/link add flannel\.1 address \S+ type vxlan id 1 local 192\.168\.1\.11/);
      expect(text).toMatch(
        /bridge -n "\$P-node-node-1" fdb append \S+ dev flannel\.1 dst 192\.168\.1\.12/,
      );
    } else expect(text).not.toContain('flannel.1');
  });

  it('maps every block back to the graph', () => {
    for (const n of cluster.nodes)
      expect(text).toContain(`# ── node ${n.name} (graph: node:${n.name}) ──`);
    for (const p of cluster.pods)
      expect(text).toContain(`# ── pod ${p.key} on ${p.nodeName ?? ''} (graph: pod:${p.key}) ──`);
  });

  it('creates every object inside a namespace it recorded first, so down removes it', () => {
    const created = new Set(['lan', 'client']);
    for (const l of lines) {
      const mk = /^mkns (\S+)$/.exec(l);
      if (mk?.[1]) created.add(mk[1]);
      // Every ip/bridge command names its namespace, and that namespace was made by mkns.
      const cmd = /^(ip|bridge) (.*)$/.exec(l);
      if (cmd) {
        const ns = /^-n "\$P-([a-z0-9.-]+)"/.exec(cmd[2] ?? '')?.[1];
        expect(ns, l).toBeDefined();
        expect(created.has(ns ?? ''), l).toBe(true);
      }
      for (const m of l.matchAll(/netns "\$P-([a-z0-9.-]+)"/g))
        expect(created.has(m[1] ?? ''), l).toBe(true);
    }
    // mkns and the kernel check record a namespace before creating it; servers record their PID.
    expect(text).toMatch(/mkns\(\) \{\n {2}record_ns "\$1"\n {2}ip netns add "\$P-\$1"/);
    expect(text).toMatch(/record_ns check\n {2}ip netns add "\$ns"/);
    expect(text).toMatch(
      /socat "\$addr" \\\n.*&\n {2}echo "\$! \$ns \$proto \$port" >>"\$STATE\/pids"/,
    );
    // Nothing else creates a namespace or starts a process.
    expect(text.match(/ip netns add "/g)).toHaveLength(2);
    const socats = text.split('\n').filter((l) => /^[^#]*(^|[\s(])socat /.test(l));
    expect(socats).toHaveLength(3); // the server, and the TCP and UDP probes
    // down kills the recorded PIDs, then whatever is left in the recorded namespaces, then deletes them.
    expect(text).toContain('ip netns pids "$ns"');
    expect(text).toContain('done < <(tac "$STATE/netns")');
  });

  it("starts a listener for every container port and the nodes' own sockets", () => {
    expect(text).toContain(
      'serve pod-shop-frontend-1 TCP 8080 10.244.1.3  # frontend-1/app (http)',
    );
    expect(text).toContain(
      'serve pod-shop-frontend-1 TCP 9100 10.244.1.3  # frontend-1/metrics (metrics)',
    );
    expect(text).toContain('serve pod-kube-system-coredns-1 UDP 53');
    expect(text).toContain('serve node-node-2 TCP 10250 192.168.1.12  # kubelet (API)');
  });
});

describe('a node network of two subnets, with cloud routes', () => {
  const s = scenario({
    cluster: {
      nodeNetwork: [{ cidr: '192.168.1.0/24' }, { cidr: '192.168.2.0/24' }],
      cni: { mode: 'cloud-routes', masquerade: true },
    },
    nodes: [node('node-1', '192.168.1.11'), node('node-2', '192.168.2.11')],
  });
  const cluster = deriveCluster(s);
  const text = scriptOf(s);

  it("gives the router one bridge per subnet, each node's port on its own subnet's", () => {
    expect(text).toContain(`ip -n "$P-lan" link add net0 type bridge`);
    expect(text).toContain(`ip -n "$P-lan" addr add 192.168.1.1/24 dev net0`);
    expect(text).toContain(`ip -n "$P-lan" addr add 192.168.2.1/24 dev net1`);
    expect(text).toMatch(
      /link add n\d+ type veth peer name eth0 netns "\$P-node-node-2"\n.*master net1 up/,
    );
    expect(text).toContain('LAN_BRIDGE=net0 CLIENT_IP=192.168.1.100');
  });

  it("holds the router's cloud route to each node's pods", () => {
    expect(cluster.router.podRoutes.length).toBe(2);
    for (const r of cluster.router.podRoutes)
      expect(text).toContain(`ip -n "$P-lan" route add ${r.dst} via ${r.via}`);
  });
});

describe('names from the scenario', () => {
  const evil = "we'b$(touch pwned)";
  const s = scenario({
    nodes: [node('node-1', '192.168.1.11'), node('node "2"', '192.168.1.12')],
    pods: [
      pod(`default/${evil}`, 'node-1', { labels: { app: 'x' }, ports: [80] }),
      pod('default/web', 'node "2"', { labels: { app: 'x' }, ports: [80] }),
    ],
    services: [service('default/x', { selector: { app: 'x' }, ports: [{ port: 80 }] })],
  });
  const text = scriptOf(s);

  it('appear only in comments, single-quoted case patterns, or as safe slugs', () => {
    for (const l of text.split('\n')) {
      const at = l.indexOf('touch pwned');
      if (at < 0 || /(^|\s)#\s/.test(l.slice(0, at))) continue; // absent, or inside a comment
      // A case pattern in single quotes, or double-quoted text with the $ escaped.
      const quoted =
        l.startsWith(
          `    'pod/default/we'\\''b$(touch pwned)' | 'default/we'\\''b$(touch pwned)') echo `,
        ) ||
        (l.includes("we'b\\$(touch pwned)") && !l.includes("we'b$(touch pwned)"));
      expect(quoted, l).toBe(true);
    }
    expect(text).toContain('mkns pod-default-we-b-touch-pwned');
    expect(text).toContain('mkns node-node-2');
  });
});

describe('refusals', () => {
  it('names a CNI datapath it cannot build', () => {
    const s = withMode(DEFAULT_SCENARIO, 'cilium' as CniMode);
    const r = labScript(deriveCluster(s));
    expect(r).toEqual({
      ok: false,
      error: expect.stringContaining('the lab cannot build the CNI datapath "cilium"') as unknown,
    });
  });

  it('refuses an IPv6-only cluster, saying it builds IPv4', () => {
    const s = scenario({
      cluster: {
        podSubnet: 'fd00:10::/56',
        serviceSubnet: 'fd00:96::/112',
        nodeNetwork: [{ cidr: 'fd00:1::/64' }],
      },
      nodes: [node('n1', 'fd00:1::11')],
    });
    const r = labScript(deriveCluster(s));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain('the lab builds IPv4 clusters');
  });

  it('checks the kernel for what the datapath needs before building, naming it', () => {
    const text = scriptOf(withMode(DEFAULT_SCENARIO, 'vxlan'));
    expect(text).toContain(
      `link add lab-k2 type vxlan id 1 dstport 8472 >/dev/null 2>&1 || missing+=('VXLAN (CONFIG_VXLAN)')`,
    );
    expect(text).toContain('this kernel cannot build the lab: no');
  });
});
