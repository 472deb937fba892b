/** Every hop of a walk names its interface and network namespace (DESIGN.md §4: `dev`, `netns`). */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { DEFAULT_SCENARIO } from '../model/defaultScenario';

import { MODES, withMode } from './testkit';
import { trace } from './tracer';
import type { TraceRequest } from './types';

const WALKS: readonly TraceRequest[] = [
  { from: 'pod/default/client', to: 'svc/shop/frontend', port: 80 },
  { from: 'pod/default/client', to: 'pod/default/web' },
  { from: 'pod/default/client', to: 'pod/shop/frontend-2' },
  { from: 'node/node-1', to: 'pod/shop/frontend-2' },
  { from: '203.0.113.10', to: 'svc/shop/frontend', node: 'node-2' },
  { from: 'pod/default/client', to: '93.184.216.34' },
  { from: 'pod/default/client', to: 'web.default.svc.cluster.local', port: 80 },
];

const OUTSIDE = /^(ext|lb):/;

describe.each([...MODES, 'calico' as const])('dev and netns on every hop (%s)', (mode) => {
  const c = deriveCluster(withMode(DEFAULT_SCENARIO, mode));
  it.each(WALKS.map((w) => ({ ...w, name: `${w.from} → ${w.to}` })))('$name', (w) => {
    const t = trace(c, w);
    expect(t.hops.length).toBeGreaterThan(3);
    for (const h of t.hops) {
      const where = `${h.direction} ${h.kind} at ${h.at}`;
      if (OUTSIDE.test(h.at) && h.kind !== 'wire') {
        expect(h.netns, where).toBeUndefined();
        continue;
      }
      expect(h.netns, where).toMatch(/^(node\/[\w.-]+|pod\/[\w.-]+\/[\w.-]+)$/);
      expect(h.dev, where).toMatch(/^[\w.@-]+$/);
      if (h.netns?.startsWith('pod/')) expect(['eth0', 'lo'], where).toContain(h.dev);
    }
  });

  it('names the host end of the veth in the node namespace and eth0 in the pod', () => {
    const t = trace(c, { from: 'pod/default/client', to: 'pod/default/web' });
    const veths = t.hops.filter((h) => h.kind === 'veth' && h.direction === 'request');
    const host = c.podByKey.get('default/client')?.vethHost?.name;
    expect(veths[0]).toMatchObject({ dev: host, netns: 'node/node-1' });
    expect(veths.at(-1)).toMatchObject({ dev: 'eth0', netns: 'pod/default/web' });
  });
});
