/** Details of the selected element: dispatches on the element id's kind. */
import { lazy, Suspense } from 'react';

import { isOverview } from '@/graph';
import { selectCluster, useAppStore } from '@/state';

import { Loading } from '../primitives/Loading';
import { Section } from '../primitives/Section';

import { PAUSE } from './pauseSelection';

// The details load on the first selection (the first screen shows only the empty state).
const NodeInspector = lazy(() =>
  import('./NodeInspector').then((m) => ({ default: m.NodeInspector })),
);
const OtherInspector = lazy(() =>
  import('./OtherInspector').then((m) => ({ default: m.OtherInspector })),
);
const PodInspector = lazy(() =>
  import('./PodInspector').then((m) => ({ default: m.PodInspector })),
);
const ServiceInspector = lazy(() =>
  import('./ServiceInspector').then((m) => ({ default: m.ServiceInspector })),
);
const NamespaceServicesInspector = lazy(() =>
  import('./NamespaceServicesInspector').then((m) => ({ default: m.NamespaceServicesInspector })),
);

export function Inspector() {
  const selection = useAppStore((s) => s.selection);
  const cluster = useAppStore(selectCluster);
  if (!selection) {
    return (
      <div className="p-4 text-sm text-slate-600 dark:text-slate-300" data-testid="inspector.empty">
        <p className="mb-2 font-semibold text-slate-900 dark:text-slate-100">Nothing selected</p>
        <p>
          Click anything on the graph — a node, a pod, an interface, a Service — or pick it from the
          list on the left to see its addresses, routes and rules.
        </p>
        <p className="mt-3">
          To watch a packet, press <strong>Send packet</strong> and click a source and then a
          destination, or choose them in the toolbar.
        </p>
        {isOverview(cluster) && (
          <p className="mt-3" data-testid="inspector.overview-hint">
            This cluster has {cluster.nodes.length.toLocaleString('en-US')} nodes, so each is a
            tile. <strong>Double-click</strong> a tile (or select it and press{' '}
            <kbd className="rounded border px-1 text-xs">Enter</kbd>) to draw its datapath in full.
            Picking a pod opens its node; a walk opens the nodes it crosses.
          </p>
        )}
      </div>
    );
  }
  return (
    <Suspense fallback={<Loading />}>
      <Details selection={selection} />
    </Suspense>
  );
}

function Details({ selection }: { readonly selection: string }) {
  const cluster = useAppStore(selectCluster);
  const [kind, rest = ''] = splitId(selection);
  if (kind === 'node') {
    const [name = '', part] = rest.split('/');
    const node = cluster.nodeByName.get(name);
    if (node) return <NodeInspector node={node} part={part} />;
  }
  if (kind === 'pod' || kind === 'veth') {
    const parts = rest.split('/');
    const key = `${parts[0] ?? ''}/${parts[1] ?? ''}`;
    const pod = cluster.podByKey.get(key);
    if (pod)
      return (
        <PodInspector
          pod={pod}
          container={parts[2] === 'c' ? parts[3] : parts[2] === 'pause' ? PAUSE : undefined}
          veth={kind === 'veth'}
        />
      );
  }
  if (kind === 'svc' || kind === 'lb' || kind === 'svcep') {
    const parts = rest.split('/');
    const svc = cluster.serviceByKey.get(`${parts[0] ?? ''}/${parts[1] ?? ''}`);
    if (svc) return <ServiceInspector service={svc} />;
  }
  if (kind === 'svcsum') return <NamespaceServicesInspector namespace={rest} />;
  if (kind === 'net' || kind === 'ext' || kind === 'link') return <OtherInspector id={selection} />;
  return (
    <Section title="Selection">
      <p className="text-sm">{selection} is no longer in the scenario.</p>
    </Section>
  );
}

function splitId(id: string): [string, string] {
  const i = id.indexOf(':');
  return i < 0 ? [id, ''] : [id.slice(0, i), id.slice(i + 1)];
}
