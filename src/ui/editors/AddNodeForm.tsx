/** Add a node: a name, and optionally its address and pod range (else the cluster allocates them). */
import { useState } from 'react';

import { addNode, parseCidr, parseIp } from '@/sim';
import { selectCluster, useAppStore } from '@/state';

import { Button } from '../primitives/Button';
import { Field, inputCls } from '../primitives/Field';

export interface AddNodeFormProps {
  readonly onDone: () => void;
}

export function AddNodeForm({ onDone }: AddNodeFormProps) {
  const cluster = useAppStore(selectCluster);
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);
  const [name, setName] = useState(`node-${cluster.nodes.length + 1}`);
  const [ip, setIp] = useState('');
  const [cidr, setCidr] = useState('');
  const nameErr = !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)
    ? 'Use lowercase letters, digits, "-" and "." (e.g. node-3)'
    : cluster.nodeByName.has(name)
      ? `A node ${name} already exists`
      : undefined;
  const ipR = ip.trim() ? parseIp(ip) : undefined;
  const ipErr = ipR && !ipR.ok ? ipR.error : undefined;
  const cR = cidr.trim() ? parseCidr(cidr) : undefined;
  const cErr = cR && !cR.ok ? cR.error : undefined;
  const handleSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (nameErr || ipErr || cErr) return;
    edit((s) =>
      addNode(s, name, {
        ...(ip.trim() ? { ip: ip.trim() } : {}),
        ...(cidr.trim() ? { podCIDR: cidr.trim() } : {}),
      }),
    );
    select(`node:${name}`);
    onDone();
  };
  return (
    <form onSubmit={handleSubmit} data-testid="add-node.form" noValidate>
      <Field label="Name" htmlFor="add-node.name" error={nameErr}>
        <input
          id="add-node.name"
          className={inputCls}
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoFocus
        />
      </Field>
      <Field
        label="Node IP (InternalIP)"
        htmlFor="add-node.ip"
        error={ipErr}
        hint={`Empty: the next free address of ${cluster.settings.nodeNetwork}`}
      >
        <input
          id="add-node.ip"
          className={inputCls}
          value={ip}
          onChange={(e) => setIp(e.target.value)}
          placeholder="192.168.1.13"
        />
      </Field>
      <Field
        label="Pod range (spec.podCIDR)"
        htmlFor="add-node.cidr"
        error={cErr}
        hint={`Empty: the next free /${cluster.parsed.nodeMask4} of ${cluster.settings.podSubnet}`}
      >
        <input
          id="add-node.cidr"
          className={inputCls}
          value={cidr}
          onChange={(e) => setCidr(e.target.value)}
          placeholder="10.244.3.0/24"
        />
      </Field>
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button
          type="submit"
          variant="primary"
          disabled={Boolean(nameErr || ipErr || cErr)}
          data-testid="add-node.submit"
        >
          Add node
        </Button>
      </div>
    </form>
  );
}
