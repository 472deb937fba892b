/** sessionAffinity: ClientIP is told at the DNAT hop: the client is pinned to the endpoint. */
import { describe, expect, it } from 'vitest';

import { deriveCluster } from '../derive/cluster';
import { node, pod, scenario, service } from '../test/builders';

import { trace } from './tracer';

const cluster = (affinity: 'None' | 'ClientIP') =>
  deriveCluster(
    scenario({
      nodes: [
        node('node-1', '192.168.1.11', '10.244.1.0/24'),
        node('node-2', '192.168.1.12', '10.244.2.0/24'),
      ],
      pods: [
        pod('client', 'node-1'),
        pod('api-1', 'node-1', { labels: { app: 'api' }, ports: [8080] }),
        pod('api-2', 'node-2', { labels: { app: 'api' }, ports: [8080] }),
      ],
      services: [
        service('api', {
          selector: { app: 'api' },
          sessionAffinity: affinity,
          ports: [{ port: 80, targetPort: 8080 }],
        }),
      ],
    }),
  );

describe('sessionAffinity in a walk', () => {
  it('ClientIP: the DNAT hop says later connections from the client stick to the endpoint', () => {
    const t = trace(cluster('ClientIP'), {
      from: 'pod/default/client',
      to: 'svc/default/api',
      port: 80,
    });
    expect(t.verdict).toBe('delivered');
    const dnat = t.hops.find((h) => h.kind === 'dnat')!;
    expect(dnat.explain).toContain('sessionAffinity: ClientIP');
    expect(dnat.explain).toContain('for 10800 s every new connection from 10.244.1.2');
    expect(dnat.explain).toContain(`is sent to ${t.chosen} again`);
  });

  it('None: nothing about affinity', () => {
    const t = trace(cluster('None'), {
      from: 'pod/default/client',
      to: 'svc/default/api',
      port: 80,
    });
    expect(t.hops.find((h) => h.kind === 'dnat')!.explain).not.toContain('sessionAffinity');
  });
});
