/**
 * The pod-birth player follows the scenario's CNI: flannel delegates to the bridge plugin (cni0),
 * Calico runs calico + calico-ipam (cali… veth, /32, 169.254.1.1, proxy ARP, no bridge), Cilium runs
 * cilium-cni with the agent (lxc… veth, router IP, endpoint identity, eBPF on tc ingress). Every
 * name and address in the commands is the one the derived cluster — and so the walk — uses.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { caliName } from '../cni/calico/names';
import { calicoScenario, ippool } from '../cni/calico/testkit';
import { ciliumConfigMapFor } from '../cni/cilium/config';
import { identityOf } from '../cni/cilium/deliver';
import { loadAllDatapaths } from '../cni/registry';
import { deriveCluster } from '../derive/cluster';
import type { Cluster, DerivedPod } from '../derive/types';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { CniMode, Scenario } from '../model/scenario';
import { requestHops } from '../trace/testkit';
import { trace } from '../trace/tracer';

import { podBirth } from './podBirth';
import type { PodBirth } from './types';

beforeAll(loadAllDatapaths);

const withCni = (mode: CniMode, others: Scenario['others'] = []): Scenario => ({
  ...DEFAULT_SCENARIO,
  cluster: { ...DEFAULT_SCENARIO.cluster, cni: { mode } },
  others,
});
const stepIds = (b: PodBirth) => b.steps.map((s) => s.id);
const byId = (b: PodBirth, id: string) => b.steps.find((s) => s.id === id)!;
const allCommands = (b: PodBirth) => b.steps.flatMap((s) => s.commands).join('\n');

interface Case {
  readonly name: string;
  readonly scenario: () => Scenario;
  readonly cni: RegExp;
  readonly ids: readonly string[];
  readonly plugin: string;
  readonly veth: (c: Cluster, p: DerivedPod) => string;
  readonly gateway: (c: Cluster, p: DerivedPod) => string;
  readonly prefix: number;
  /** Words a learner must find in the commands. */
  readonly commands: (p: DerivedPod) => readonly string[];
  readonly absent: readonly string[];
}

const router = (c: Cluster, p: DerivedPod): string =>
  c.nodeByName.get(p.nodeName!)!.devices.find((d) => d.name === 'cilium_host')!.addrs[0]!.ip;

const CASES: readonly Case[] = [
  {
    name: 'flannel host-gw',
    scenario: () => DEFAULT_SCENARIO,
    cni: /^flannel \(host-gw backend\) with the bridge plugin$/,
    ids: [
      'flannel',
      'bridge',
      'veth',
      'ipam',
      'pod-side',
      'gateway',
      'masquerade',
      'result',
      'portmap',
    ],
    plugin: '/opt/cni/bin/flannel',
    veth: (_c, p) => p.vethHost!.name,
    gateway: () => '10.244.1.1',
    prefix: 24,
    commands: (p) => [`ip link set ${p.vethHost!.name} master cni0`],
    absent: ['169.254.1.1', 'calico'],
  },
  {
    name: 'Calico IP-in-IP',
    scenario: () => withCni('calico'),
    cni: /^Calico \(IP-in-IP\) with calico-ipam$/,
    ids: [
      'calico',
      'ipam',
      'bridge',
      'veth',
      'pod-side',
      'proxy-arp',
      'host-route',
      'endpoint',
      'masquerade',
      'result',
      'portmap',
      'felix',
    ],
    plugin: '/opt/cni/bin/calico',
    veth: (_c, p) => caliName(p.namespace, p.name),
    gateway: () => '169.254.1.1',
    prefix: 32,
    commands: (p) => {
      const cali = caliName(p.namespace, p.name);
      return [
        `link set ${cali} address ee:ee:ee:ee:ee:ee`,
        `sysctl -w net.ipv4.conf.${cali}.proxy_arp=1`,
        `/proc/sys/net/ipv4/conf/${cali}/proxy_arp = 1`,
        `ip route add ${p.ips[0]!}/32 dev ${cali} scope link`,
        'route add 169.254.1.1 dev eth0 scope link',
        'route add default via 169.254.1.1 dev eth0',
        `-g cali-fw-${cali}`,
        `-g cali-tw-${cali}`,
      ];
    },
    absent: ['cni0', 'MASQUERADE', 'bridge link', 'host-local'],
  },
  {
    name: 'Cilium VXLAN',
    scenario: () =>
      withCni('cilium', [
        ciliumConfigMapFor({
          routingMode: 'tunnel',
          kubeProxyReplacement: false,
          poolCidr: '10.244.0.0/16',
        }),
      ]),
    cni: /^Cilium \(VXLAN\): cilium-cni and the agent$/,
    ids: [
      'agent-config',
      'ipam',
      'bridge',
      'veth',
      'pod-side',
      'endpoint',
      'bpf',
      'masquerade',
      'result',
    ],
    plugin: '/opt/cni/bin/cilium-cni',
    veth: (_c, p) => p.vethHost!.name,
    gateway: router,
    prefix: 32,
    commands: (p) => [
      `ip link add ${p.vethHost!.name} mtu 1500 type veth`,
      `ip link set ${p.vethHost!.name} up`,
      'cil_from_container',
      '--unix-socket /var/run/cilium/cilium.sock',
      `cilium-dbg identity get ${identityOf(p)}`,
      'mtu 1450',
    ],
    absent: ['cni0', 'iptables', 'proxy_arp', 'host-local'],
  },
];

describe.each(CASES)('a pod is born under $name', (k) => {
  const c = deriveCluster(k.scenario());
  const pod = c.podByKey.get('default/client')!;
  const b = podBirth(c, 'default/client')!;
  const netns = byId(b, 'netns').commands[0]!.replace('ip netns add ', '');

  it('runs the runtime, the CNI’s own plugin steps, then pause and the containers', () => {
    expect(b.cni).toMatch(k.cni);
    expect(stepIds(b)).toEqual(['sandbox', 'netns', 'cni-add', ...k.ids, 'pause', 'containers']);
    expect(byId(b, 'cni-add').commands[1]).toContain(k.plugin);
    expect(b.steps.some((s) => s.error)).toBe(false);
  });

  it('names the veth, the address and the gateway the derived cluster has', () => {
    const veth = k.veth(c, pod);
    expect(pod.vethHost?.name).toBe(veth);
    const ip = pod.ips[0]!;
    const podSide = byId(b, 'pod-side').commands;
    expect(podSide).toContain(`ip -n ${netns} addr add ${ip}/${k.prefix} dev eth0`);
    expect(podSide.join('\n')).toContain(`default via ${k.gateway(c, pod)} dev eth0`);
    expect(byId(b, 'pod-side').output?.text).toBe(pod.routes.map((r) => r.text).join('\n'));
    expect(allCommands(b)).toContain(veth);
    for (const w of k.commands(pod)) expect(allCommands(b)).toContain(w);
    for (const w of k.absent) expect(allCommands(b)).not.toContain(w);
    expect(byId(b, 'containers').output?.text).toContain(ip);
  });

  it('the walk uses the same veth: the player and the walk agree', () => {
    const t = trace(c, { from: 'pod/default/client', to: 'pod/shop/frontend-1' });
    expect(t.verdict).toBe('delivered');
    expect(requestHops(t).some((h) => h.dev === pod.vethHost!.name)).toBe(true);
    expect(requestHops(t)[0]?.packet.srcIP).toBe(pod.ips[0]);
  });

  it('creates eth0, the veth and pause exactly once, in that order', () => {
    const created = b.steps.flatMap((s) => s.creates);
    expect(new Set(created).size).toBe(created.length);
    const at = (id: string) => b.steps.findIndex((s) => s.creates.includes(id));
    expect(at('pod:default/client')).toBeLessThan(at('pod:default/client/eth0'));
    expect(at('veth:default/client')).toBeLessThan(at('pod:default/client/pause'));
  });
});

it('cloud routes: flannel with a cloud-route backend, the same bridge plugin steps', () => {
  const b = podBirth(deriveCluster(withCni('cloud-routes')), 'default/client')!;
  expect(b.cni).toBe('flannel (cloud route: aws-vpc, gce backend) with the bridge plugin');
  expect(byId(b, 'veth').commands.join('\n')).toContain('master cni0');
});

describe('Calico: IPAM, host route and masquerade as the derived cluster has them', () => {
  it('the address comes from a block affine to the node; the host route is the node’s', () => {
    const c = deriveCluster(calicoScenario());
    const a = c.podByKey.get('default/a')!;
    const n1 = c.nodeByName.get('node-1')!;
    const b = podBirth(c, 'default/a')!;
    const block = n1.podRanges[0]!;
    expect(byId(b, 'ipam').title).toBe(`Takes ${a.ips[0]!} from node-1's block ${block}`);
    expect(byId(b, 'ipam').explain).toContain('tunl0');
    expect(byId(b, 'ipam').output?.text).toContain(`"${a.ips[0]!}/26"`);
    const route = n1.routes.find((r) => r.dev === a.vethHost!.name)!;
    expect(byId(b, 'host-route').output?.text).toBe(route.text);
    expect(byId(b, 'masquerade').skipped).toBeDefined();
    expect(byId(b, 'masquerade').explain).toContain('natOutgoing: true');
    expect(byId(b, 'endpoint').title).toBe('Writes the WorkloadEndpoint node--1-k8s-a-eth0');
    expect(byId(b, 'felix').output?.text).toContain(`${a.ips[0]!} dev ${a.vethHost!.name}`);
  });

  it('without encapsulation the node’s first pod claims the block; natOutgoing off is said', () => {
    const c = deriveCluster(
      calicoScenario({ pools: [ippool('plain', { ipipMode: 'Never', natOutgoing: false })] }),
    );
    const b = podBirth(c, 'default/a')!;
    const block = c.nodeByName.get('node-1')!.podRanges[0]!;
    expect(byId(b, 'ipam').title).toBe(
      `Claims block ${block} for node-1 and takes ${block.split('/')[0]!}`,
    );
    expect(byId(b, 'ipam').touches).toEqual(['node:node-1/routes']);
    expect(byId(b, 'masquerade').explain).toContain('natOutgoing: false');
    const later = podBirth(c, 'default/b')!;
    expect(byId(later, 'ipam').title).toMatch(/^Takes .* from node-1's block/);
  });

  it('no pool selects the node: IPAM fails and the runtime tears down', () => {
    const c = deriveCluster(
      calicoScenario({ pools: [ippool('none', { nodeSelector: 'zone == "nowhere"' })] }),
    );
    const b = podBirth(c, 'default/a')!;
    expect(byId(b, 'ipam').error).toBeDefined();
    expect(stepIds(b).at(-1)).toBe('teardown');
    expect(stepIds(b)).not.toContain('veth');
  });
});

describe('Cilium: the agent’s address, router and identity', () => {
  it('cluster-pool: the node’s CIDR, the router IP as gateway, the endpoint map line the walk prints', () => {
    const c = deriveCluster(
      withCni('cilium', [
        ciliumConfigMapFor({
          routingMode: 'native',
          kubeProxyReplacement: true,
          poolCidr: '10.244.0.0/16',
        }),
      ]),
    );
    const pod = c.podByKey.get('default/client')!;
    const node = c.nodeByName.get(pod.nodeName!)!;
    const b = podBirth(c, 'default/client')!;
    expect(byId(b, 'ipam').title).toBe(
      `The agent allocates ${pod.ips[0]!} from ${node.podRanges[0]!}`,
    );
    expect(byId(b, 'ipam').output?.text).toContain(`"gateway": "${router(c, pod)}"`);
    expect(allCommands(b)).not.toContain('mtu 1450');
    const t = trace(c, { from: 'pod/shop/frontend-1', to: 'pod/default/client' });
    const local = t.hops.find((h) => h.rule?.source.startsWith('eBPF endpoint map'));
    expect(local?.rule?.text).toBeDefined();
    expect(byId(b, 'endpoint').output?.text).toContain(local!.rule!.text);
    expect(byId(b, 'endpoint').output?.text).toContain(`sec_id=${identityOf(pod)}`);
  });
});
