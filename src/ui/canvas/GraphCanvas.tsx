/**
 * Owns the long-lived canvas div and the graph adapter's lifecycle: creates the view once, then
 * pushes the cluster, selection, theme and walk into it from store subscriptions (no re-render of
 * the div). Clicks select elements, or pick a walk's endpoints in "Send packet" mode.
 */
import { useEffect, useRef } from 'react';

import { createGraphView, isOverview, type GraphView } from '@/graph';
import type { Diagnostic } from '@/sim';
import { selectCluster, selectTrace, useStoreApi, type AppState } from '@/state';
import { PALETTES } from '@/theme';

import { elementsOf, nodeProblems } from '../diagnostics/diagnosticTargets';
import { diagnosticsFor, subscribeDiagnostics } from '../diagnostics/diagnosticsStore';

import { refForElement } from './pickRef';
import { rendererChoice } from './rendererChoice';

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
    const view = createGraphView(
      el,
      PALETTES[s0.theme],
      {
        onSelect: (id) => handleSelect(store.getState(), id),
        onNodesMoved: (moves) => store.getState().moveNodes(moves),
        onToggleExpand: (node) => store.getState().toggleExpanded(node),
      },
      rendererChoice(),
    );
    let lastCluster: unknown;
    let lastTrace: unknown;
    let lastStep = -1;
    let lastFocus: string | undefined | null = null;
    let marksCluster: unknown;
    let lastDiags: readonly Diagnostic[] | undefined | null = null;
    // The view was created with this theme's stylesheet: re-styling every element again is costly.
    let lastTheme = s0.theme;
    const sync = (s: AppState, prev?: AppState): void => {
      // A large cluster is being read: nothing to draw until it is here.
      if (s.loading) return;
      const cluster = selectCluster(s);
      const t = selectTrace(s);
      // Diagnostics arrive after the first paint (validating a large cluster takes a while).
      const diags = diagnosticsFor(s.scenario);
      // Draw (and, on a large cluster, open the nodes in focus) before setting classes on them.
      view.update(
        cluster,
        {
          selection: s.selection,
          trace: t,
          expanded: s.expanded,
          problems: diags ? nodeProblems(cluster, diags) : undefined,
        },
        { animate: !s.reducedMotion },
      );
      if (cluster !== lastCluster) {
        lastCluster = cluster;
        if (prev && s.loadSeq !== prev.loadSeq) view.fit();
        lastTrace = undefined;
        lastFocus = null;
        lastDiags = null;
        view.setIsolated([]);
        // Isolated pods are outlined once the policy engine has loaded (after the first paint).
        if (cluster.networkPolicies.length)
          void import('./policyMarks').then((m) => {
            if (lastCluster === cluster) view.setIsolated(m.isolatedPods(cluster));
          });
      }
      if (diags !== lastDiags) {
        lastDiags = diags;
        view.setErrors(
          (diags ?? [])
            .filter((d) => d.severity === 'error')
            .flatMap((d) => elementsOf(cluster, d)),
        );
      }
      if (s.policyFocus !== lastFocus) {
        lastFocus = s.policyFocus;
        const key = s.policyFocus;
        if (!key) view.setPolicyView(undefined);
        else
          void import('./policyMarks').then((m) => {
            if (lastFocus === key && lastCluster === cluster)
              view.setPolicyView(m.policyView(cluster, key));
          });
      }
      if (s.theme !== lastTheme) {
        lastTheme = s.theme;
        view.setPalette(PALETTES[s.theme]);
      }
      if (!prev || s.selection !== prev.selection) view.setSelection(s.selection);
      // On the overview a selection, a walk or an expansion draws new nodes in full: mark them too.
      const redrawn =
        view.isOverview() &&
        (s.expanded !== prev?.expanded || s.selection !== prev.selection || t !== lastTrace);
      if (
        cluster !== marksCluster ||
        !prev ||
        redrawn ||
        s.showPause !== prev.showPause ||
        s.hidden !== prev.hidden ||
        s.hints !== prev.hints
      ) {
        marksCluster = cluster;
        view.setLearnMarks({ showPause: s.showPause, hidden: s.hidden, hints: s.hints });
      }
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
    const unsubDiags = subscribeDiagnostics(() => sync(store.getState()));
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
      unsubDiags();
      readyRef.current?.(undefined);
      view.destroy();
    };
  }, [store]);

  // Enter on the graph opens or closes the selected node (large clusters' overview).
  const handleKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter' || e.target !== ref.current) return;
    const s = store.getState();
    const m = /^(?:node|tile):([^/]+)$/.exec(s.selection ?? '');
    if (!m?.[1] || !isOverview(selectCluster(s))) return;
    e.preventDefault();
    s.toggleExpanded(m[1]);
  };
  return (
    <div className="absolute inset-0">
      <div
        ref={ref}
        className="h-full w-full focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-violet-500"
        data-testid="canvas"
        role="application"
        aria-label="Cluster network graph. On a large cluster, Enter opens or closes the selected node."
        tabIndex={0}
        onKeyDown={handleKey}
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
