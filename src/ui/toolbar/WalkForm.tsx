/**
 * The keyboard way to choose a walk: from, to (any ref: a pod, a Service, a node, an IP or a DNS
 * name — suggestions offered), port and protocol, and for an outside client the node its packet
 * enters. The same walk as clicking two elements in "Send packet" mode; kept in the store.
 */
import { useState } from 'react';

import { resolveRef, type TraceProtocol } from '@/sim';
import { selectCluster, useAppStore, type WalkSpec } from '@/state';

import { Button } from '../primitives/Button';

import { suggestions } from './walkSuggestions';

const PROTOCOLS: TraceProtocol[] = ['TCP', 'UDP', 'SCTP', 'ICMP'];
const inputCls =
  'h-8 rounded-md border bg-white px-2 text-sm dark:bg-slate-800 dark:text-slate-100 border-slate-300 dark:border-slate-600 aria-[invalid=true]:border-red-500';

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
  const [node, setNode] = useState(walk?.node ?? '');
  const [tried, setTried] = useState(false);

  const portNum = port.trim() === '' ? undefined : Number(port);
  const portErr =
    portNum !== undefined && (!Number.isInteger(portNum) || portNum < 1 || portNum > 65535)
      ? 'A port is a number from 1 to 65535'
      : undefined;
  const fromR = from.trim() ? resolveRef(cluster, from.trim()) : undefined;
  const toR = to.trim() ? resolveRef(cluster, to.trim()) : undefined;
  const fromErr = !from.trim() ? 'Choose a source' : fromR && !fromR.ok ? fromR.error : undefined;
  const toErr = !to.trim() ? 'Choose a destination' : toR && !toR.ok ? toR.error : undefined;
  const outside = fromR?.ok === true && fromR.value.kind === 'external';
  const error = tried ? (fromErr ?? toErr ?? portErr) : portErr;

  const handleSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (fromErr || toErr || portErr) return;
    setWalk(
      {
        from: from.trim(),
        to: to.trim(),
        ...(portNum !== undefined ? { port: portNum } : {}),
        ...(proto ? { protocol: proto } : {}),
        ...(outside && node ? { node } : {}),
      },
      { play: !reduced },
    );
  };
  return (
    <form
      className="relative flex min-w-0 items-center gap-1"
      onSubmit={handleSubmit}
      aria-label="Choose a packet walk"
      data-testid="walk.form"
      noValidate
    >
      <datalist id="walk-sources">
        {suggestions(cluster, 'from', from).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </datalist>
      <datalist id="walk-destinations">
        {suggestions(cluster, 'to', to).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </datalist>
      <label className="sr-only" htmlFor="walk-from">
        From
      </label>
      <input
        id="walk-from"
        list="walk-sources"
        className={`${inputCls} w-[170px] min-w-[104px] shrink`}
        placeholder="from: pod, node or IP"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        aria-invalid={Boolean(tried && fromErr)}
        data-testid="walk.from"
        spellCheck={false}
      />
      <span aria-hidden="true" className="text-slate-400">
        →
      </span>
      <label className="sr-only" htmlFor="walk-to">
        To
      </label>
      <input
        id="walk-to"
        list="walk-destinations"
        className={`${inputCls} w-[170px] min-w-[104px] shrink`}
        placeholder="to: pod, svc, DNS name, IP"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        aria-invalid={Boolean(tried && toErr)}
        data-testid="walk.to"
        spellCheck={false}
      />
      <label className="sr-only" htmlFor="walk-port">
        Port
      </label>
      <input
        id="walk-port"
        className={`${inputCls} w-[58px]`}
        placeholder="port"
        inputMode="numeric"
        value={port}
        aria-invalid={Boolean(portErr)}
        title="Destination port (empty: the destination's own port)"
        onChange={(e) => setPort(e.target.value)}
        data-testid="walk.port"
      />
      <label className="sr-only" htmlFor="walk-proto">
        Protocol
      </label>
      <select
        id="walk-proto"
        className={`${inputCls} w-[70px] px-1`}
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
      {outside && (
        <>
          <label className="sr-only" htmlFor="walk-node">
            Enters at node
          </label>
          <select
            id="walk-node"
            className={`${inputCls} w-[96px] px-1`}
            value={node}
            onChange={(e) => setNode(e.target.value)}
            title="The node the outside client's packet enters (its address, or where the load balancer sends it)"
            data-testid="walk.node"
          >
            <option value="">via (auto)</option>
            {cluster.nodes.map((n) => (
              <option key={n.name} value={n.name}>
                via {n.name}
              </option>
            ))}
          </select>
        </>
      )}
      <Button type="submit" variant="primary" data-testid="walk.run">
        Walk
      </Button>
      {error && (
        <p
          role="alert"
          className="absolute top-full left-0 z-30 mt-1 max-w-[560px] rounded-md border border-red-300 bg-red-50 px-2 py-1 text-xs text-red-800 shadow dark:border-red-800 dark:bg-red-950 dark:text-red-200"
          data-testid="walk.error"
        >
          {error}
        </p>
      )}
    </form>
  );
}
