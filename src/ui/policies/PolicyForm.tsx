/** A form for the common NetworkPolicy shapes; the YAML it makes is shown before saving. */
import { useState } from 'react';

import { parseCidr, upsertNetworkPolicy, type NetworkPolicyPort, type Protocol } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { nameError, parseLabels } from '../editors/parse';
import { Button } from '../primitives/Button';
import { Field, inputCls } from '../primitives/Field';

import { buildPolicy, SHAPES, type Shape } from './buildPolicy';
import { policyToYaml } from './policyYaml';

function parsePolicyPorts(text: string): { ports: NetworkPolicyPort[]; error?: string } {
  const ports: NetworkPolicyPort[] = [];
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,5}|[a-z][-a-z0-9]*)(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/i.exec(part);
    if (!m) return { ports, error: `"${part}" is not a port: 80, 8000-8080, http or 53/UDP` };
    const port = /^\d+$/.test(m[1] ?? '') ? Number(m[1]) : (m[1] as string);
    const protocol = (m[3]?.toUpperCase() ?? 'TCP') as Protocol;
    ports.push({
      port,
      ...(m[2] ? { endPort: Number(m[2]) } : {}),
      ...(protocol !== 'TCP' ? { protocol } : {}),
    });
  }
  return { ports };
}

export interface PolicyFormProps {
  readonly onDone: () => void;
}

export function PolicyForm({ onDone }: PolicyFormProps) {
  const cluster = useAppStore(selectCluster);
  const edit = useAppStore((s) => s.edit);
  const setFocus = useAppStore((s) => s.setPolicyFocus);
  const [ns, setNs] = useState(
    cluster.namespaces.find((n) => n.name === 'shop')?.name ?? 'default',
  );
  const [name, setName] = useState('default-deny-ingress');
  const [target, setTarget] = useState('');
  const [shape, setShape] = useState<Shape>('deny-ingress');
  const [labels, setLabels] = useState('app=client');
  const [peerNs, setPeerNs] = useState('default');
  const [cidr, setCidr] = useState('203.0.113.0/24');
  const [ports, setPorts] = useState('');
  const needs = SHAPES.find((s) => s.id === shape)?.needs ?? 'none';
  const nameErr = nameError(name, 'Name');
  const t = parseLabels(target);
  const l = parseLabels(labels);
  const c = parseCidr(cidr);
  const p = parsePolicyPorts(ports);
  const errs = {
    name: nameErr,
    target: t.error,
    labels:
      needs === 'labels'
        ? (l.error ??
          (Object.keys(l.labels).length ? undefined : 'Give at least one label, e.g. app=client'))
        : undefined,
    cidr: needs === 'cidr' && !c.ok ? c.error : undefined,
    ports: p.error,
  };
  const bad = Object.values(errs).some(Boolean);
  // Saving under a name that is taken replaces that policy: say so before, not after.
  const replaces = cluster.networkPolicies.some(
    (x) => (x.metadata.namespace ?? 'default') === ns && x.metadata.name === name.trim(),
  );
  const policy = bad
    ? undefined
    : buildPolicy({
        namespace: ns,
        name,
        target: t.labels,
        shape,
        labels: l.labels,
        peerNamespace: peerNs,
        cidr: cidr.trim(),
        except: [],
        ports: needs === 'none' && shape !== 'allow-dns-egress' ? [] : p.ports,
      });
  const handleSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!policy) return;
    edit((s) => upsertNetworkPolicy(s, policy));
    setFocus(`${ns}/${name}`);
    onDone();
  };
  return (
    <form
      onSubmit={handleSubmit}
      data-testid="policy-form"
      noValidate
      className="grid grid-cols-[1fr_1fr] gap-4"
    >
      <div>
        <Field label="Namespace" htmlFor="pf.namespace">
          <select
            id="pf.namespace"
            className={inputCls}
            value={ns}
            onChange={(e) => setNs(e.target.value)}
            data-testid="pf.namespace"
          >
            {cluster.namespaces.map((n) => (
              <option key={n.name}>{n.name}</option>
            ))}
          </select>
        </Field>
        <Field
          label="Name"
          htmlFor="pf.name"
          error={errs.name}
          hint={
            replaces
              ? `${ns}/${name.trim()} exists: saving replaces it (Undo brings it back).`
              : undefined
          }
        >
          <input
            id="pf.name"
            className={inputCls}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="pf.name"
          />
        </Field>
        <Field
          label="Applies to pods with labels"
          htmlFor="pf.target"
          error={errs.target}
          hint="Empty: every pod in the namespace (podSelector: {})"
        >
          <input
            id="pf.target"
            className={inputCls}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            placeholder="app=frontend"
            data-testid="pf.target"
          />
        </Field>
        <Field label="Shape" htmlFor="pf.shape">
          <select
            id="pf.shape"
            className={inputCls}
            value={shape}
            onChange={(e) => {
              setShape(e.target.value as Shape);
              const id = e.target.value;
              setName(
                id === 'deny-ingress'
                  ? 'default-deny-ingress'
                  : id === 'deny-egress'
                    ? 'default-deny-egress'
                    : id,
              );
            }}
            data-testid="pf.shape"
          >
            {SHAPES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </Field>
        {needs === 'labels' && (
          <Field
            label={
              shape === 'allow-to-pods'
                ? 'Destination pods (same namespace)'
                : 'Source pods (same namespace)'
            }
            htmlFor="pf.labels"
            error={errs.labels}
          >
            <input
              id="pf.labels"
              className={inputCls}
              value={labels}
              onChange={(e) => setLabels(e.target.value)}
              data-testid="pf.labels"
            />
          </Field>
        )}
        {needs === 'namespace' && (
          <Field
            label="Source namespace"
            htmlFor="pf.peerns"
            hint="Selected by its kubernetes.io/metadata.name label"
          >
            <select
              id="pf.peerns"
              className={inputCls}
              value={peerNs}
              onChange={(e) => setPeerNs(e.target.value)}
              data-testid="pf.peerns"
            >
              {cluster.namespaces.map((n) => (
                <option key={n.name}>{n.name}</option>
              ))}
            </select>
          </Field>
        )}
        {needs === 'cidr' && (
          <Field label="CIDR" htmlFor="pf.cidr" error={errs.cidr}>
            <input
              id="pf.cidr"
              className={inputCls}
              value={cidr}
              onChange={(e) => setCidr(e.target.value)}
              data-testid="pf.cidr"
            />
          </Field>
        )}
        {needs !== 'none' && (
          <Field
            label="Ports"
            htmlFor="pf.ports"
            error={errs.ports}
            hint="Empty: all ports. 80, 8000-8080, http, 53/UDP"
          >
            <input
              id="pf.ports"
              className={inputCls}
              value={ports}
              onChange={(e) => setPorts(e.target.value)}
              data-testid="pf.ports"
            />
          </Field>
        )}
      </div>
      <div className="flex min-w-0 flex-col">
        <div className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-300">YAML</div>
        <pre
          tabIndex={0}
          className="min-h-0 flex-1 overflow-auto rounded-md bg-slate-100 p-2 font-mono text-[12px] dark:bg-slate-950"
          data-testid="pf.preview"
        >
          {policy ? policyToYaml(policy) : 'Fix the fields on the left.'}
        </pre>
        <div className="mt-3 flex justify-end gap-2">
          <Button onClick={onDone}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={bad} data-testid="pf.submit">
            {replaces ? 'Replace policy' : 'Add policy'}
          </Button>
        </div>
      </div>
    </form>
  );
}
