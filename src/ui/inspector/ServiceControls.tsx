/** Edit the Service fields that change how kube-proxy treats it: type and traffic policies. */
import { updateService, type DerivedService, type ServiceType, type TrafficPolicy } from '@/sim';
import { useAppStore } from '@/state';

const sel =
  'h-7 rounded border border-slate-300 bg-white px-1 text-xs dark:border-slate-600 dark:bg-slate-800';

export interface ServiceControlsProps {
  readonly service: DerivedService;
}

export function ServiceControls({ service: s }: ServiceControlsProps) {
  const edit = useAppStore((st) => st.edit);
  const patch = (spec: Record<string, unknown>) =>
    edit((st) => updateService(st, s.key, (x) => ({ ...x, spec: { ...x.spec, ...spec } })));
  const external = s.type === 'NodePort' || s.type === 'LoadBalancer';
  return (
    <div
      className="grid grid-cols-2 gap-x-3 gap-y-2 text-xs"
      data-testid="inspector.service.controls"
    >
      <label className="flex flex-col gap-0.5">
        <span className="text-slate-500">type</span>
        <select
          className={sel}
          value={s.type}
          onChange={(e) => patch({ type: e.target.value as ServiceType })}
          data-testid="svc.type"
          disabled={s.type === 'ExternalName' || s.headless}
        >
          {(['ClusterIP', 'NodePort', 'LoadBalancer'] as const).map((t) => (
            <option key={t}>{t}</option>
          ))}
          {s.type === 'ExternalName' && <option>ExternalName</option>}
        </select>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-slate-500">externalTrafficPolicy</span>
        <select
          className={sel}
          value={s.externalTrafficPolicy}
          onChange={(e) => patch({ externalTrafficPolicy: e.target.value as TrafficPolicy })}
          disabled={!external}
          title={
            external
              ? 'Local keeps the client IP and only uses endpoints on the node the packet arrived at'
              : 'Only NodePort and LoadBalancer Services have external traffic'
          }
          data-testid="svc.etp"
        >
          <option>Cluster</option>
          <option>Local</option>
        </select>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-slate-500">internalTrafficPolicy</span>
        <select
          className={sel}
          value={s.internalTrafficPolicy}
          onChange={(e) => patch({ internalTrafficPolicy: e.target.value as TrafficPolicy })}
          data-testid="svc.itp"
        >
          <option>Cluster</option>
          <option>Local</option>
        </select>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-slate-500">sessionAffinity</span>
        <select
          className={sel}
          value={s.sessionAffinity}
          onChange={(e) => patch({ sessionAffinity: e.target.value })}
          data-testid="svc.affinity"
        >
          <option>None</option>
          <option>ClientIP</option>
        </select>
      </label>
    </div>
  );
}
