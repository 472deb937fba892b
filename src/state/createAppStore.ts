/**
 * The app's one store (a factory, so every test and the app get their own): the document slice
 * (the scenario; undoable with zundo) and the session slice (selection, walk, playback, panels).
 * Derived data — the running cluster and the trace — is computed by memoised selectors.
 */
import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';

import { DEFAULT_SCENARIO, loadTracing, loadedTracing, moveElement, type Scenario } from '@/sim';

import { learnSlice } from './learnSlice';
import type { AppState } from './types';

export const HISTORY_LIMIT = 100;

export function createAppStore(
  initial: Scenario = DEFAULT_SCENARIO,
  opts: { theme?: AppState['theme'] } = {},
) {
  let noticeId = 0;
  return createStore<AppState>()(
    temporal(
      (set, get, api) => ({
        ...learnSlice(set, get, api),
        scenario: initial,
        loadSeq: 0,
        loadScenario: (s) =>
          set((st) => ({
            scenario: s,
            loadSeq: st.loadSeq + 1,
            selection: undefined,
            step: 0,
            playing: false,
            birth: undefined,
            expanded: [],
          })),
        edit: (fn) => {
          const prev = get().scenario;
          const next = fn(prev);
          if (next !== prev) set({ scenario: next });
        },
        moveNodes: (moves) => {
          const prev = get().scenario;
          let next = prev;
          for (const m of moves) next = moveElement(next, m.id, { x: m.x, y: m.y });
          if (next !== prev) set({ scenario: next });
        },

        selection: undefined,
        theme: opts.theme ?? 'light',
        tool: 'select',
        pickFrom: undefined,
        walk: undefined,
        step: 0,
        playing: false,
        speed: 2,
        rightPanel: 'inspector',
        notices: [],
        reducedMotion: false,
        policyFocus: undefined,
        proxyEpoch: loadedTracing()?.serviceProxyEpoch() ?? 0,
        datapathEpoch: 0,
        tracingReady: loadedTracing() !== undefined,
        ensureTracing: () => {
          if (get().tracingReady) return;
          void loadTracing().then(() => {
            set({ tracingReady: true });
            get().ensureProxy(get().scenario.cluster.kubeProxy.mode);
          });
        },
        expanded: [],
        loading: undefined,
        setLoading: (loading) => set({ loading }),
        select: (id) => set({ selection: id }),
        setTheme: (theme) => set({ theme }),
        setTool: (tool) => set({ tool, pickFrom: undefined }),
        setPickFrom: (pickFrom) => set({ pickFrom }),
        setWalk: (walk, o = {}) => {
          if (walk) get().ensureTracing();
          // A new walk starts predict mode over (its questions were about the old one).
          const predict =
            walk && get().predict ? { draft: {}, revealed: false, results: {} } : undefined;
          set({
            walk,
            step: predict ? 0 : (o.step ?? 0),
            playing: predict ? false : (o.play ?? false),
            pickFrom: undefined,
            predict,
            ...(walk ? { rightPanel: 'trace' as const } : {}),
          });
        },
        setStep: (step) => set({ step: Math.max(0, step) }),
        setPlaying: (playing) => set({ playing }),
        setSpeed: (speed) => set({ speed: Math.min(8, Math.max(0.25, speed)) }),
        setRightPanel: (rightPanel) => set({ rightPanel }),
        setReducedMotion: (reducedMotion) => set({ reducedMotion }),
        setPolicyFocus: (policyFocus) => set({ policyFocus }),
        toggleExpanded: (node) =>
          set((s) => ({
            expanded: s.expanded.includes(node)
              ? s.expanded.filter((n) => n !== node)
              : [...s.expanded, node],
          })),
        setExpanded: (nodes) => set({ expanded: [...new Set(nodes)] }),
        notify: (kind, text) =>
          set((s) => ({ notices: [...s.notices.slice(-3), { id: ++noticeId, kind, text }] })),
        // Service proxies live with the tracer: until it is loaded there is nothing to run them.
        ensureProxy: (mode) => {
          const t = loadedTracing();
          if (!t || t.isServiceProxyLoaded(mode)) return;
          t.loadServiceProxy(mode).then(
            () => set({ proxyEpoch: t.serviceProxyEpoch() }),
            (e: unknown) =>
              get().notify(
                'error',
                `kube-proxy's ${mode} mode could not be loaded (${e instanceof Error ? e.message : String(e)}); reload the page to try again.`,
              ),
          );
        },
        dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
      }),
      {
        partialize: (s) => ({ scenario: s.scenario }),
        equality: (a, b) => a.scenario === b.scenario,
        limit: HISTORY_LIMIT,
      },
    ),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

export function undo(store: AppStore): void {
  store.temporal.getState().undo();
}
export function redo(store: AppStore): void {
  store.temporal.getState().redo();
}
export function canUndo(store: AppStore): boolean {
  return store.temporal.getState().pastStates.length > 0;
}
export function canRedo(store: AppStore): boolean {
  return store.temporal.getState().futureStates.length > 0;
}
