/** Explains every shape and line style on the graph, and the namespace colours. */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

import { isOverview, type GraphView } from '@/graph';
import { selectCluster, useAppStore } from '@/state';
import { namespaceColor, PALETTES } from '@/theme';

import { OverviewLegend } from './OverviewLegend';

function Swatch({
  shape,
  color,
  dashed,
}: {
  shape: 'box' | 'pill' | 'hex' | 'line' | 'dash' | 'bar' | 'dot' | 'diamond';
  color: string;
  dashed?: boolean;
}) {
  const common = { stroke: color, fill: 'none', strokeWidth: 2 };
  return (
    <svg width="26" height="16" viewBox="0 0 26 16" aria-hidden="true" className="shrink-0">
      {shape === 'box' && (
        <rect
          x="2"
          y="2"
          width="22"
          height="12"
          rx="3"
          {...common}
          strokeDasharray={dashed ? '3 2' : undefined}
        />
      )}
      {shape === 'pill' && (
        <rect
          x="2"
          y="4"
          width="22"
          height="9"
          rx="4.5"
          {...common}
          fill={color}
          fillOpacity={0.25}
        />
      )}
      {shape === 'hex' && (
        <polygon
          points="6,2 20,2 25,8 20,14 6,14 1,8"
          {...common}
          fill={color}
          fillOpacity={0.15}
        />
      )}
      {shape === 'diamond' && <polygon points="13,1 25,8 13,15 1,8" {...common} />}
      {shape === 'line' && <line x1="1" y1="8" x2="25" y2="8" stroke={color} strokeWidth={3} />}
      {shape === 'dash' && (
        <line x1="1" y1="8" x2="25" y2="8" stroke={color} strokeWidth={2} strokeDasharray="4 3" />
      )}
      {shape === 'bar' && <rect x="1" y="5" width="24" height="6" rx="2" fill={color} />}
      {shape === 'dot' && (
        <circle cx="13" cy="8" r="5" fill={color} stroke="#fff" strokeWidth={1.5} />
      )}
    </svg>
  );
}

/**
 * Open, the legend is a band along the bottom of the canvas and the graph is fitted above it
 * (the graph is wider than tall, so this rarely costs any zoom); closed, it is one small button.
 */
export function Legend({ view }: { readonly view?: GraphView | undefined }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  // Refit when the legend opens or closes (not when the view arrives: it fits itself, and a
  // fit of a large graph costs a bounding box of every element).
  const shown = useRef(open);
  useLayoutEffect(() => {
    if (!view) return;
    const h = open ? (box.current?.offsetHeight ?? 0) + 12 : 0;
    view.setInsets({ bottom: h });
    if (shown.current !== open) {
      shown.current = open;
      view.fit();
    }
  }, [open, view]);
  const theme = useAppStore((s) => s.theme);
  const cluster = useAppStore(selectCluster);
  const overview = isOverview(cluster);
  const nodes = cluster.nodes.length;
  const p = PALETTES[theme];
  const ns = cluster.namespaces.map((n) => n.name);
  const attach = cluster.nodes[0]?.podAttach.style ?? 'bridge';
  const profile = cluster.datapath.profile;
  const row = (sw: ReactNode, text: string) => (
    <li className="flex items-center gap-2">
      {sw}
      <span>{text}</span>
    </li>
  );
  return (
    <div
      ref={box}
      className={`pointer-events-auto absolute bottom-3 left-3 max-h-[calc(100%-24px)] overflow-y-auto rounded-lg border border-slate-200 bg-white/95 text-xs shadow-md backdrop-blur dark:border-slate-700 dark:bg-slate-900/95 ${open ? 'right-16' : 'w-[300px]'}`}
      data-testid="legend"
    >
      <button
        type="button"
        className="flex w-full items-center justify-between px-3 py-2 font-semibold"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
      >
        Legend{' '}
        {!open && <span className="font-normal text-slate-500">· shapes, lines, namespaces</span>}{' '}
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
      </button>
      {open && (
        <div className="space-y-2 px-3 pb-3">
          {overview && (
            <OverviewLegend p={p} colors={ns.map((n) => namespaceColor(n, ns))} nodes={nodes} />
          )}
          <ul className="grid grid-cols-1 gap-x-4 gap-y-0.5 text-[11px] leading-tight sm:grid-cols-2 lg:grid-cols-3">
            {row(
              <Swatch shape="box" color={p.nodeBoxBorder} />,
              'Kubernetes node (its host network namespace)',
            )}
            {row(
              <Swatch shape="box" color={p.hostObjectBorder} />,
              cluster.datapath.profile.kubeProxy
                ? 'eth0, route table, kube-proxy’s iptables or nftables rules (host objects)'
                : `eth0, route table, the node’s netfilter rules (host objects; no kube-proxy: ${cluster.datapath.profile.serviceLb?.actor ?? 'the datapath'} translates Services)`,
            )}
            {row(
              <Swatch shape="bar" color={p.hostObjectBorder} />,
              attach === 'ebpf'
                ? 'eBPF datapath, no bridge: small squares are the pods’ lxc veth ends'
                : attach === 'routed'
                  ? 'host routing, no bridge: small squares are the pods’ host veth ends'
                  : 'cni0 bridge; small squares are its veth ports',
            )}
            {row(
              <Swatch shape="box" color={namespaceColor('default', ns)} />,
              'pod (network namespace) with its containers',
            )}
            {row(
              <Swatch shape="box" color={namespaceColor('default', ns)} dashed />,
              'hostNetwork pod (shares the node’s namespace)',
            )}
            {row(
              <Swatch shape="pill" color={namespaceColor('default', ns)} />,
              'pod eth0 (one end of a veth pair)',
            )}
            {row(
              <Swatch shape="box" color={p.textMuted} dashed />,
              'pause: the sandbox container holding the pod’s namespace',
            )}
            {row(<Swatch shape="line" color={p.veth} />, 'veth pair: pod eth0 ↔ cni0 port')}
            {row(<Swatch shape="line" color={p.bus} />, 'node network (eth0 links, thick)')}
            {row(
              <Swatch shape="hex" color={namespaceColor('default', ns)} />,
              'Service (virtual IP, no interface)',
            )}
            {row(
              <Swatch shape="dash" color={namespaceColor('default', ns)} />,
              'Service → endpoint pod',
            )}
            {row(
              <Swatch shape="diamond" color={namespaceColor('default', ns)} />,
              'external load balancer',
            )}
            {row(<Swatch shape="dot" color={p.request} />, 'packet: request')}
            {row(<Swatch shape="dot" color={p.reply} />, 'packet: reply')}
            {row(
              <Swatch shape="dot" color={p.error} />,
              'dropped / error (also named in the trace)',
            )}
          </ul>
          <div data-testid="legend.cni">
            <div className="mb-1 font-semibold">CNI: {profile.name}</div>
            <ul className="grid grid-cols-1 gap-x-4 gap-y-0.5 text-[11px] leading-tight sm:grid-cols-2 lg:grid-cols-3">
              {profile.legend.map((l) => (
                <li key={l.term}>
                  <span className="font-mono font-semibold">{l.term}</span> {l.text}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <div className="mb-1 font-semibold">Namespaces</div>
            <ul className="flex flex-wrap gap-1.5">
              {ns.map((n) => (
                <li
                  key={n}
                  className="flex items-center gap-1 rounded-full border px-2 py-0.5"
                  style={{ borderColor: namespaceColor(n, ns), color: namespaceColor(n, ns) }}
                >
                  <span
                    className="inline-block h-2 w-2 rounded-full"
                    style={{ background: namespaceColor(n, ns) }}
                  />
                  {n}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
