/**
 * The keyboard way to choose a walk: from, to, port and protocol. The same walk as clicking two
 * elements in "Send packet" mode; it is kept in the store (and in share links).
 */
import { useState } from 'react';

import type { TraceProtocol } from '@/sim';
import { selectCluster, useAppStore, type WalkSpec } from '@/state';

import { OUTSIDE_CLIENT } from '../canvas/pickRef';
import { Button } from '../primitives/Button';

const PROTOCOLS: TraceProtocol[] = ['TCP', 'UDP', 'SCTP', 'ICMP'];
const selectCls =
  'h-8 w-[150px] rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100';

/** The form's drafts restart from the store's walk whenever that walk changes (keyed remount). */
export function WalkForm() {
  const walk = useAppStore((s) => s.walk);
  return <WalkFormFields key={walk ? JSON.stringify(walk) : 'none'} walk={walk} />;
}

function WalkFormFields({ walk }: { readonly walk: WalkSpec | undefined }) {
  const cluster = useAppStore(selectCluster);
  const setWalk = useAppStore((s) => s.setWalk);
  const reduced = useAppStore((s) => s.reducedMotion);
  const [from, setFrom] = useState(walk?.from ?? '');
  const [to, setTo] = useState(walk?.to ?? '');
  const [port, setPort] = useState(walk?.port?.toString() ?? '');
  const [proto, setProto] = useState<TraceProtocol | ''>(walk?.protocol ?? '');

  const pods = cluster.pods.map((p) => ({
    ref: `pod/${p.namespace}/${p.name}`,
    label: `${p.namespace}/${p.name}`,
  }));
  const nodes = cluster.nodes.map((n) => ({ ref: `node/${n.name}`, label: n.name }));
  const svcs = cluster.services.map((s) => ({
    ref: `svc/${s.namespace}/${s.name}`,
    label: `${s.namespace}/${s.name}`,
  }));
  const portNum = port.trim() === '' ? undefined : Number(port);
  const portBad =
    portNum !== undefined && (!Number.isInteger(portNum) || portNum < 1 || portNum > 65535);

  const handleSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!from || !to || portBad) return;
    setWalk(
      {
        from,
        to,
        ...(portNum !== undefined ? { port: portNum } : {}),
        ...(proto ? { protocol: proto } : {}),
      },
      { play: !reduced },
    );
  };
  const withCurrent = (list: { ref: string; label: string }[], v: string) =>
    v && !list.some((o) => o.ref === v) && v !== OUTSIDE_CLIENT
      ? [{ ref: v, label: v }, ...list]
      : list;

  return (
    <form
      className="flex min-w-0 items-center gap-1"
      onSubmit={handleSubmit}
      aria-label="Choose a packet walk"
      data-testid="walk.form"
    >
      <label className="sr-only" htmlFor="walk-from">
        From
      </label>
      <select
        id="walk-from"
        className={selectCls}
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        data-testid="walk.from"
      >
        <option value="">from…</option>
        <optgroup label="Pods">
          {withCurrent(pods, from).map((o) => (
            <option key={o.ref} value={o.ref}>
              {o.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Nodes">
          {nodes.map((o) => (
            <option key={o.ref} value={o.ref}>
              {o.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Outside">
          <option value={OUTSIDE_CLIENT}>client {OUTSIDE_CLIENT}</option>
        </optgroup>
      </select>
      <span aria-hidden="true" className="text-slate-400">
        →
      </span>
      <label className="sr-only" htmlFor="walk-to">
        To
      </label>
      <select
        id="walk-to"
        className={selectCls}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        data-testid="walk.to"
      >
        <option value="">to…</option>
        <optgroup label="Pods">
          {withCurrent(pods, to).map((o) => (
            <option key={o.ref} value={o.ref}>
              {o.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Services">
          {svcs.map((o) => (
            <option key={o.ref} value={o.ref}>
              {o.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Nodes">
          {nodes.map((o) => (
            <option key={o.ref} value={o.ref}>
              {o.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Outside">
          <option value="93.184.216.34">internet host 93.184.216.34</option>
        </optgroup>
      </select>
      <label className="sr-only" htmlFor="walk-port">
        Port
      </label>
      <input
        id="walk-port"
        className={`h-8 w-[60px] rounded-md border px-2 text-sm dark:bg-slate-800 dark:text-slate-100 ${portBad ? 'border-red-500' : 'border-slate-300 dark:border-slate-600'}`}
        placeholder="port"
        inputMode="numeric"
        value={port}
        aria-invalid={portBad}
        title={
          portBad
            ? 'A port is a number from 1 to 65535'
            : 'Destination port (empty: the destination’s own port)'
        }
        onChange={(e) => setPort(e.target.value)}
        data-testid="walk.port"
      />
      <label className="sr-only" htmlFor="walk-proto">
        Protocol
      </label>
      <select
        id="walk-proto"
        className={`${selectCls} !w-[72px]`}
        value={proto}
        onChange={(e) => setProto(e.target.value as TraceProtocol | '')}
        data-testid="walk.protocol"
      >
        <option value="">auto</option>
        {PROTOCOLS.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <Button
        type="submit"
        variant="primary"
        disabled={!from || !to || portBad}
        data-testid="walk.run"
      >
        Walk
      </Button>
    </form>
  );
}
