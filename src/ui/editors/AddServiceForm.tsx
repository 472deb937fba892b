/** Add a Service: namespace, name, type, selector and ports. */
import { useState } from 'react';

import { addService, type Protocol, type ServicePort, type ServiceType } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { Button } from '../primitives/Button';
import { Field, inputCls } from '../primitives/Field';

import { nameError, parseLabels } from './parse';

export interface AddServiceFormProps {
  readonly onDone: () => void;
}

/** "80:8080/TCP http, 53:dns/UDP" → ports (port:targetPort/protocol name). */
function parseServicePorts(text: string): { ports: ServicePort[]; error?: string } {
  const ports: ServicePort[] = [];
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,5})(?::([a-z0-9-]+))?(?:\/(tcp|udp|sctp))?(?:\s+([a-z0-9-]{1,15}))?$/i.exec(
      part,
    );
    const port = m ? Number(m[1]) : NaN;
    if (!m || port < 1 || port > 65535)
      return {
        ports,
        error: `"${part}" is not a Service port: write 80, 80:8080, 80:http or "53:53/UDP dns"`,
      };
    const target = m[2] === undefined ? undefined : /^\d+$/.test(m[2]) ? Number(m[2]) : m[2];
    const protocol = (m[3]?.toUpperCase() ?? 'TCP') as Protocol;
    ports.push({
      port,
      ...(target !== undefined ? { targetPort: target } : {}),
      ...(protocol !== 'TCP' ? { protocol } : {}),
      ...(m[4] ? { name: m[4].toLowerCase() } : {}),
    });
  }
  if (ports.length === 0) return { ports, error: 'A Service needs at least one port' };
  if (ports.length > 1 && ports.some((p) => !p.name))
    return {
      ports,
      error: 'With several ports, every port needs a name ("80:8080 http, 443:8443 https")',
    };
  return { ports };
}

export function AddServiceForm({ onDone }: AddServiceFormProps) {
  const cluster = useAppStore(selectCluster);
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);
  const [ns, setNs] = useState('default');
  const [name, setName] = useState('');
  const [type, setType] = useState<ServiceType>('ClusterIP');
  const [selector, setSelector] = useState('');
  const [ports, setPorts] = useState('80:8080');
  const [tried, setTried] = useState(false);
  const nsErr = nameError(ns, 'Namespace');
  const nameErr =
    nameError(name, 'Name') ??
    (cluster.serviceByKey.has(`${ns}/${name}`)
      ? `A Service ${ns}/${name} already exists`
      : undefined);
  const sel = parseLabels(selector);
  const pp = parseServicePorts(ports);
  const bad = Boolean(nsErr || nameErr || sel.error || pp.error);
  const matching = cluster.pods.filter(
    (p) =>
      p.namespace === ns &&
      Object.keys(sel.labels).length > 0 &&
      Object.entries(sel.labels).every(([k, v]) => p.labels[k] === v),
  );
  const show = (e: string | undefined) => (tried ? e : undefined);
  const handleSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (bad) return;
    edit((s) =>
      addService(s, {
        namespace: ns,
        name,
        spec: {
          type,
          ...(Object.keys(sel.labels).length ? { selector: sel.labels } : {}),
          ports: pp.ports,
        },
      }),
    );
    select(`svc:${ns}/${name}`);
    onDone();
  };
  return (
    <form onSubmit={handleSubmit} data-testid="add-service.form" noValidate>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Namespace" htmlFor="add-svc.namespace" error={show(nsErr)}>
          <input
            id="add-svc.namespace"
            className={inputCls}
            value={ns}
            onChange={(e) => setNs(e.target.value)}
          />
        </Field>
        <Field label="Name" htmlFor="add-svc.name" error={show(nameErr)}>
          <input
            id="add-svc.name"
            className={inputCls}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="web"
            autoFocus
          />
        </Field>
        <Field label="Type" htmlFor="add-svc.type">
          <select
            id="add-svc.type"
            className={inputCls}
            value={type}
            onChange={(e) => setType(e.target.value as ServiceType)}
          >
            {(['ClusterIP', 'NodePort', 'LoadBalancer'] as const).map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </Field>
        <Field
          label="Selector"
          htmlFor="add-svc.selector"
          error={show(sel.error)}
          hint={
            Object.keys(sel.labels).length
              ? `selects ${matching.length} pod(s) in ${ns}: ${matching.map((p) => p.name).join(', ') || 'none'}`
              : 'key=value; empty = endpoints given by hand'
          }
        >
          <input
            id="add-svc.selector"
            className={inputCls}
            value={selector}
            onChange={(e) => setSelector(e.target.value)}
            placeholder="app=web"
          />
        </Field>
      </div>
      <Field
        label="Ports"
        htmlFor="add-svc.ports"
        error={show(pp.error)}
        hint="port[:targetPort][/protocol] [name], e.g. 80:8080 or 80:http or 53:53/UDP dns"
      >
        <input
          id="add-svc.ports"
          className={inputCls}
          value={ports}
          onChange={(e) => setPorts(e.target.value)}
        />
      </Field>
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" data-testid="add-service.submit">
          Add Service
        </Button>
      </div>
    </form>
  );
}
