/** A Service: its virtual IPs and ports, the endpoints behind it, and its traffic policies. */
import { removeService, type DerivedService } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { Badge } from '../primitives/Badge';
import { Button } from '../primitives/Button';
import { KeyValue } from '../primitives/KeyValue';
import { Section } from '../primitives/Section';

import { ServiceRulesView } from './ProxyRulesViews';
import { ServiceControls } from './ServiceControls';
import { WalkActions } from './WalkActions';

export interface ServiceInspectorProps {
  readonly service: DerivedService;
}

export function ServiceInspector({ service: s }: ServiceInspectorProps) {
  const cluster = useAppStore(selectCluster);
  const edit = useAppStore((st) => st.edit);
  const select = useAppStore((st) => st.select);
  const slices = cluster.endpointSlices.filter((e) => e.serviceKey === s.key);
  const endpoints = slices.flatMap((e) =>
    e.slice.endpoints.map((ep) => ({
      ep,
      ports: e.slice.ports ?? [],
      derived: e.derived,
      name: e.slice.metadata.name,
    })),
  );
  return (
    <div data-testid="inspector.service">
      <Section title="Service" right={<Badge>{s.type}</Badge>}>
        <h2 className="mb-2 text-base font-semibold" data-testid="inspector.title">
          {s.namespace}/{s.name}
        </h2>
        <KeyValue
          testId="inspector.service.fields"
          rows={[
            ['ClusterIP', s.headless ? 'None (headless)' : s.clusterIPs.join(', ') || '—'],
            s.externalIPs.length > 0 && ['External IPs', s.externalIPs.join(', ')],
            s.loadBalancerIPs.length > 0 && [
              'Load balancer',
              `${s.loadBalancerIPs.join(', ')}${s.loadBalancerIPAllocated ? ' (simulated pool)' : ''}`,
            ],
            [
              'Selector',
              s.selector
                ? Object.entries(s.selector)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(', ')
                : 'none (endpoints given explicitly)',
            ],
            [
              'Traffic policy',
              `external ${s.externalTrafficPolicy} · internal ${s.internalTrafficPolicy}`,
            ],
            [
              'Affinity',
              s.sessionAffinity === 'ClientIP' ? `ClientIP (${s.sessionAffinityTimeout}s)` : 'None',
            ],
            s.healthCheckNodePort !== undefined && [
              'Health check',
              `node port ${s.healthCheckNodePort}`,
            ],
            s.externalName !== undefined && ['External name', s.externalName],
          ]}
        />
        <div className="mt-3">
          <WalkActions asDestination={`svc/${s.namespace}/${s.name}`} />
        </div>
      </Section>
      <Section title="How kube-proxy treats it">
        <ServiceControls service={s} />
      </Section>
      <Section title="Ports">
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500 dark:text-slate-400">
            <tr>
              <th className="font-medium">name</th>
              <th className="font-medium">port</th>
              <th className="font-medium">targetPort</th>
              <th className="font-medium">nodePort</th>
            </tr>
          </thead>
          <tbody className="font-mono text-[12px]">
            {s.ports.map((p) => (
              <tr key={`${p.name}-${p.port}-${p.protocol}`}>
                <td>{p.name || '—'}</td>
                <td>
                  {p.port}/{p.protocol}
                </td>
                <td>{String(p.targetPort)}</td>
                <td>{p.nodePort ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={`Endpoints (${endpoints.length})`}>
        <ul className="space-y-1 text-sm" data-testid="inspector.service.endpoints">
          {endpoints.map(({ ep, ports, derived, name }, i) => {
            const ready = ep.conditions?.ready !== false;
            const term = ep.conditions?.terminating === true;
            return (
              <li key={`${name}-${i}`} className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-[12px]">
                  {ep.addresses.join(', ')}:{ports.map((p) => p.port).join(',')}
                </span>
                <span className="text-xs text-slate-500">
                  {ep.targetRef ? `${ep.targetRef.name}` : 'no pod'} · {ep.nodeName ?? 'no node'}
                </span>
                <Badge tone={ready ? 'ok' : term ? 'warn' : 'error'}>
                  {ready ? 'ready' : term ? 'terminating' : 'not ready'}
                </Badge>
                {!derived && <Badge tone="info">given</Badge>}
              </li>
            );
          })}
          {endpoints.length === 0 && (
            <li className="text-slate-500">
              No endpoints: kube-proxy rejects connections to this Service.
            </li>
          )}
        </ul>
      </Section>
      {s.type !== 'ExternalName' && !s.headless && <ServiceRulesView service={s} />}
      <Section title="Edit">
        <Button
          size="sm"
          variant="danger"
          data-testid="inspector.service.remove"
          onClick={() => {
            edit((st) => removeService(st, s.key));
            select(undefined);
          }}
        >
          Delete Service
        </Button>
      </Section>
    </div>
  );
}
