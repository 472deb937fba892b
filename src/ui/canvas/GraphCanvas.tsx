/**
 * Owns the long-lived canvas div and the graph adapter's lifecycle: creates the view once, then
 * pushes the cluster, selection, theme and walk into it from store subscriptions (no re-render of
 * the div). Clicks select elements, or pick a walk's endpoints in "Send packet" mode.
 */
import { useEffect, useRef } from 'react';

import { createGraphView, type GraphView } from '@/graph';
import { ids, isolationOf, peersAllowedBy, podsSelectedBy, validate } from '@/sim';
import { selectCluster, selectTrace, useStoreApi, type AppState } from '@/state';
import { PALETTES } from '@/theme';

import { elementsOf } from '../network/diagnosticTargets';

import { refForElement } from './pickRef';

export interface GraphCanvasProps {
  readonly onReady?: (view: GraphView | undefined) => void;
}

export function GraphCanvas({ onReady }: GraphCanvasProps) {
  const ref = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  const readyRef = useRef(onReady);
  useEffect(() => {
    readyRef.current = onReady;
  }, [onReady]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const s0 = store.getState();
    const view = createGraphView(el, PALETTES[s0.theme], {
      onSelect: (id) => handleSelect(store.getState(), id),
      onNodesMoved: (moves) => store.getState().moveNodes(moves),
    });
    let lastCluster: unknown;
    let lastTrace: unknown;
    let lastStep = -1;
    let lastFocus: string | undefined | null = null;
    let marksCluster: unknown;
    // The view was created with this theme's stylesheet: re-styling every element again is costly.
    let lastTheme = s0.theme;
    const sync = (s: AppState, prev?: AppState): void => {
      const cluster = selectCluster(s);
      if (cluster !== lastCluster) {
        lastCluster = cluster;
        view.update(cluster);
        if (prev && s.loadSeq !== prev.loadSeq) view.fit();
        lastTrace = undefined;
        lastFocus = null;
        view.setErrors(
          validate(s.scenario)
            .filter((d) => d.severity === 'error')
            .flatMap((d) => elementsOf(cluster, d)),
        );
        view.setIsolated(
          cluster.networkPolicies.length
            ? cluster.pods
                .filter((p) => {
                  const i = isolationOf(cluster, p.key);
                  return i.ingress || i.egress;
                })
                .map((p) => p.id)
            : [],
        );
      }
      if (s.policyFocus !== lastFocus) {
        lastFocus = s.policyFocus;
        if (!s.policyFocus) view.setPolicyView(undefined);
        else {
          const peers = peersAllowedBy(cluster, s.policyFocus);
          view.setPolicyView({
            selected: podsSelectedBy(cluster, s.policyFocus).map(ids.pod),
            peers: [...peers.ingress.pods, ...peers.egress.pods].map(ids.pod),
          });
        }
      }
      if (s.theme !== lastTheme) {
        lastTheme = s.theme;
        view.setPalette(PALETTES[s.theme]);
      }
      if (!prev || s.selection !== prev.selection) view.setSelection(s.selection);
      if (
        cluster !== marksCluster ||
        !prev ||
        s.showPause !== prev.showPause ||
        s.hidden !== prev.hidden ||
        s.hints !== prev.hints
      ) {
        marksCluster = cluster;
        view.setLearnMarks({ showPause: s.showPause, hidden: s.hidden, hints: s.hints });
      }
      const t = selectTrace(s);
      if (t !== lastTrace || s.step !== lastStep) {
        const jump = t !== lastTrace || Math.abs(s.step - lastStep) > 1;
        lastTrace = t;
        lastStep = s.step;
        const animate = !s.reducedMotion && !jump;
        view.showTrace(t, s.step, { animate, durationMs: Math.round(650 / s.speed), follow: true });
      }
    };
    sync(store.getState());
    const unsub = store.subscribe((s, prev) => sync(s, prev));
    readyRef.current?.(view);
    let sized = el.clientHeight > 0;
    const ro = new ResizeObserver(() => {
      view.cy.resize();
      if (!sized && el.clientHeight > 0) {
        sized = true;
        view.fit();
      }
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      unsub();
      readyRef.current?.(undefined);
      view.destroy();
    };
  }, [store]);

  return (
    <div className="absolute inset-0">
      <div
        ref={ref}
        className="h-full w-full"
        data-testid="canvas"
        role="application"
        aria-label="Cluster network graph"
      />
    </div>
  );
}

function handleSelect(s: AppState, id: string | undefined): void {
  // Predict mode: a click on the graph answers "where does the packet go next?".
  if (s.predict && !s.predict.revealed && s.walk && id !== undefined) {
    s.setPredict({ ...s.predict, draft: { ...s.predict.draft, where: id } });
    return;
  }
  if (s.tool !== 'send' || id === undefined) {
    s.select(id);
    // Show the details, unless a walk is being watched (then the walk panel stays).
    if (id !== undefined && s.rightPanel !== 'trace') s.setRightPanel('inspector');
    return;
  }
  const cluster = selectCluster(s);
  if (!s.pickFrom) {
    const pick = refForElement(cluster, id, 'from');
    if (!pick) {
      s.notify('info', 'Pick a pod, a node or the outside clients as the source.');
      return;
    }
    s.setPickFrom(pick.ref);
    s.select(id);
    return;
  }
  const pick = refForElement(cluster, id, 'to');
  if (!pick) {
    s.notify('info', 'Pick a pod, a Service, a node or the outside world as the destination.');
    return;
  }
  s.setWalk({ from: s.pickFrom, to: pick.ref }, { play: !s.reducedMotion });
  s.setTool('select');
}
