/**
 * The bridge datapath behind the CNI seam: flannel host-gw and VXLAN as flannel's CNI plugin and
 * the bridge plugin leave a node and a pod (reference/cni-datapaths.md §1).
 */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../../derive/cluster';
import { DEFAULT_SCENARIO } from '../../model/defaultScenario';
import { node, pod, scenario } from '../../test/builders';
import { MODES, requestHops, withMode } from '../../trace/testkit';
import { trace } from '../../trace/tracer';

describe.each(MODES)('bridge datapath, %s', (mode) => {
  const c = deriveCluster(withMode(DEFAULT_SCENARIO, mode));
  const client = c.podByKey.get('default/client');

  it("puts flannel's route to the whole pod network in every pod, next to its subnet and the default route", () => {
    expect(client?.routes.map((r) => r.text)).toEqual([
      'default via 10.244.1.1 dev eth0',
      '10.244.0.0/16 via 10.244.1.1 dev eth0',
      '10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2',
    ]);
    for (const p of c.pods.filter((x) => !x.hostNetwork))
      expect(p.routes.some((r) => r.dst === '10.244.0.0/16')).toBe(true);
  });

  it('a cross-node walk matches the /16, not the default route', () => {
    const t = trace(c, { from: 'pod/default/client', to: 'pod/shop/frontend-2' });
    const first = requestHops(t).find((h) => h.kind === 'route');
    expect(first?.rule?.text).toBe('10.244.0.0/16 via 10.244.1.1 dev eth0');
    expect(first?.explain).toContain('10.244.0.0/16');
  });

  it('the node has cni0 as the pod attachment and, in VXLAN mode, flannel.1', () => {
    const n1 = c.nodeByName.get('node-1');
    expect(n1?.podAttach).toMatchObject({ id: 'node:node-1/cni0', style: 'bridge', dev: 'cni0' });
    expect(n1?.devices.map((d) => `${d.name}:${d.type}:${d.mtu}`)).toEqual(
      mode === 'vxlan' ? ['cni0:bridge:1450', 'flannel.1:vxlan:1450'] : ['cni0:bridge:1500'],
    );
    expect(c.datapath.profile.kind).toBe('bridge');
    expect(c.datapath.profile.podMtu).toBe(mode === 'vxlan' ? 1450 : 1500);
  });

  it('the gateway is a learned neighbour in the pod', () => {
    const n1 = c.nodeByName.get('node-1');
    const cni0 = n1?.devices.find((d) => d.name === 'cni0');
    expect(client?.neigh.map((n) => n.text)).toEqual([
      `10.244.1.1 dev eth0 lladdr ${cni0?.mac ?? ''} REACHABLE`,
    ]);
  });
});

describe('bridge datapath edge cases', () => {
  it('no network route when the node range is the whole pod network', () => {
    const c = deriveCluster(
      scenario({
        nodes: [node('a', '192.168.1.11', '10.244.0.0/16')],
        pods: [pod('p', 'a')],
        cluster: { podSubnet: '10.244.0.0/16' },
      }),
    );
    expect(c.pods[0]?.routes.map((r) => r.text)).toEqual([
      'default via 10.244.0.1 dev eth0',
      '10.244.0.0/16 dev eth0 proto kernel scope link src 10.244.0.2',
    ]);
  });
});
