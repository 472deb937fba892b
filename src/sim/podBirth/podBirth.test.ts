import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';
import type { Scenario } from '../model/scenario';
import { node, pod, scenario } from '../test/builders';
import { withMode } from '../trace/testkit';

import { podBirth } from './podBirth';
import type { PodBirth } from './types';

const birth = (s: Scenario, key: string): PodBirth => podBirth(deriveCluster(s), key)!;
const stepIds = (b: PodBirth) => b.steps.map((s) => s.id);
const byId = (b: PodBirth, id: string) => b.steps.find((s) => s.id === id)!;
const commands = (b: PodBirth) => b.steps.flatMap((s) => s.commands).join('\n');

describe('a pod is born (flannel + bridge)', () => {
  const c = deriveCluster(DEFAULT_SCENARIO);
  const client = c.podByKey.get('default/client')!;
  const b = birth(DEFAULT_SCENARIO, 'default/client');

  it('runs the runtime, the CNI chain, then pause and the app containers, in order', () => {
    expect(stepIds(b)).toEqual([
      'sandbox',
      'netns',
      'cni-add',
      'flannel',
      'bridge',
      'veth',
      'ipam',
      'pod-side',
      'gateway',
      'masquerade',
      'result',
      'portmap',
      'pause',
      'containers',
    ]);
    expect(b.cni).toBe('flannel (host-gw backend) with the bridge plugin');
  });

  it('every command uses the derived names and addresses', () => {
    const veth = client.vethHost!.name;
    const netns = byId(b, 'netns').commands[0]!.replace('ip netns add ', '');
    expect(netns).toMatch(/^cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(byId(b, 'veth').commands).toEqual([
      `ip -n ${netns} link add eth0 mtu 1500 type veth peer name ${veth} netns 1`,
      `ip link set ${veth} up`,
      `ip link set ${veth} master cni0`,
      `bridge link set dev ${veth} hairpin on`,
    ]);
    expect(byId(b, 'pod-side').commands).toContain(
      `ip -n ${netns} addr add 10.244.1.2/24 dev eth0`,
    );
    expect(byId(b, 'pod-side').commands).toContain(
      `ip -n ${netns} route add default via 10.244.1.1 dev eth0`,
    );
    expect(byId(b, 'pod-side').output?.text).toBe(client.routes.map((r) => r.text).join('\n'));
    expect(byId(b, 'cni-add').env).toMatchObject({
      CNI_COMMAND: 'ADD',
      CNI_IFNAME: 'eth0',
      CNI_NETNS: `/var/run/netns/${netns}`,
      CNI_PATH: '/opt/cni/bin',
    });
    expect(byId(b, 'cni-add').env?.CNI_ARGS).toContain(
      'K8S_POD_NAMESPACE=default;K8S_POD_NAME=client',
    );
    expect(byId(b, 'cni-add').env?.CNI_CONTAINERID).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the node's first pod creates cni0 and its gateway address; a later pod finds them", () => {
    expect(byId(b, 'bridge').creates).toEqual(['node:node-1/cni0']);
    expect(byId(b, 'gateway').commands).toEqual([
      'ip addr add 10.244.1.1/24 dev cni0',
      'sysctl -w net.ipv4.ip_forward=1',
    ]);
    expect(byId(b, 'gateway').output?.text).toBe(
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
    );
    const later = birth(DEFAULT_SCENARIO, 'shop/frontend-1');
    expect(byId(later, 'bridge').creates).toEqual([]);
    expect(byId(later, 'bridge').title).toBe('Finds cni0 already there');
    expect(byId(later, 'gateway').commands.join()).not.toContain('ip addr add');
  });

  it('flannel leaves masquerading to flanneld; with masquerading off it says so', () => {
    expect(byId(b, 'masquerade').skipped).toBe('ipMasq is false');
    expect(byId(b, 'masquerade').explain).toContain('FLANNEL-POSTRTG');
    expect(byId(b, 'flannel').input?.text).toContain('FLANNEL_IPMASQ=true');
    const off = {
      ...DEFAULT_SCENARIO,
      cluster: { ...DEFAULT_SCENARIO.cluster, cni: { mode: 'routes' as const, masquerade: false } },
    };
    const bo = birth(off, 'default/client');
    expect(byId(bo, 'flannel').input?.text).toContain('FLANNEL_IPMASQ=false');
    expect(byId(bo, 'masquerade').explain).toContain('masquerading off');
  });

  it('VXLAN: the pod side gets MTU 1450, and the backend is named', () => {
    const v = birth(withMode(DEFAULT_SCENARIO, 'vxlan'), 'default/client');
    expect(v.cni).toContain('VXLAN backend');
    expect(byId(v, 'veth').commands[0]).toContain('mtu 1450');
    expect(byId(v, 'flannel').input?.text).toContain('FLANNEL_MTU=1450');
  });

  it('pause holds the namespace and is created before the app containers join', () => {
    expect(byId(b, 'pause').creates).toEqual(['pod:default/client/pause']);
    expect(byId(b, 'pause').explain).toMatch(/sets up nothing/);
    expect(byId(b, 'containers').creates).toEqual(['pod:default/client/c/shell']);
    // The runtime made the namespace before any plugin ran: pause did not create it.
    expect(stepIds(b).indexOf('netns')).toBeLessThan(stepIds(b).indexOf('pause'));
    expect(byId(b, 'netns').creates).toEqual(['pod:default/client']);
  });

  it('creates every element of the pod exactly once', () => {
    const created = b.steps.flatMap((s) => s.creates);
    expect(new Set(created).size).toBe(created.length);
    expect(created).toEqual(
      expect.arrayContaining([
        'pod:default/client',
        'pod:default/client/eth0',
        'veth:default/client',
        'pod:default/client/pause',
      ]),
    );
  });
});

describe('a pod is born: other cases', () => {
  it('hostNetwork: no namespace and no CNI call; pause runs in the node namespace', () => {
    const s = scenario({
      nodes: [node('n1', '192.168.1.11', '10.244.1.0/24')],
      pods: [pod('kube-system/proxy', 'n1', { hostNetwork: true })],
    });
    const b = birth(s, 'kube-system/proxy');
    expect(stepIds(b)).toEqual(['sandbox', 'host-network', 'pause', 'containers']);
    expect(byId(b, 'pause').explain).toContain("n1's own namespace");
    expect(commands(b)).not.toContain('CNI_COMMAND');
  });

  it('an exhausted range: IPAM fails, DEL tears it down, no pause', () => {
    const s = scenario({
      cluster: { nodeCIDRMaskSize: 30 },
      nodes: [node('n1', '192.168.1.11', '10.244.1.0/30')],
      pods: [pod('a', 'n1'), pod('b', 'n1')],
    });
    const b = birth(s, 'default/b');
    expect(byId(b, 'ipam').error).toBe(
      'failed to allocate for range 0: no IP addresses available in range set',
    );
    expect(stepIds(b).at(-1)).toBe('teardown');
    expect(stepIds(b)).not.toContain('pause');
  });

  it('a hostPort: portmap adds the DNAT', () => {
    const s = scenario({
      nodes: [node('n1', '192.168.1.11', '10.244.1.0/24')],
      pods: [
        pod('web', 'n1', {
          containers: [{ name: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }],
        }),
      ],
    });
    const pm = byId(birth(s, 'default/web'), 'portmap');
    expect(pm.skipped).toBeUndefined();
    expect(pm.commands[0]).toContain('--dport 8080 -j DNAT --to-destination 10.244.1.2:80');
  });

  it('a pod on a missing node never gets a sandbox', () => {
    const s = scenario({ nodes: [node('n1')], pods: [pod('lost', 'n9')] });
    const b = birth(s, 'default/lost');
    expect(stepIds(b)).toEqual(['sandbox', 'no-node']);
    expect(byId(b, 'no-node').error).toBeDefined();
  });

  it('no such pod: undefined', () => {
    expect(podBirth(deriveCluster(DEFAULT_SCENARIO), 'default/nope')).toBeUndefined();
  });
});
