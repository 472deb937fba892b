import type { Scenario, TraceProtocol } from '@/sim';

import type { LearnSlice } from './learnTypes';

/** The walk the user chose (kept in the session and in share links). */
export interface WalkSpec {
  readonly from: string;
  readonly to: string;
  readonly port?: number;
  readonly protocol?: TraceProtocol;
  readonly node?: string;
  readonly seed?: number;
  readonly endpoint?: string;
}

export type Tool = 'select' | 'send';
export type RightPanel = 'inspector' | 'trace' | 'network' | 'policies' | 'matrix';
export type ThemeName = 'light' | 'dark';

export interface LoadingState {
  readonly title: string;
  readonly text: string;
  readonly step: number;
  readonly of: number;
}

export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info' | 'success';
  readonly text: string;
}

export interface DocumentSlice {
  readonly scenario: Scenario;
  /** Counts scenario loads (presets, imports, links), so views can re-fit a new cluster. */
  readonly loadSeq: number;
  /** Replaces the document (a preset, an import, a link); undoable. */
  loadScenario: (s: Scenario) => void;
  /** Applies a pure edit (from `@/sim`); no-op edits return the same object and record nothing. */
  edit: (fn: (s: Scenario) => Scenario) => void;
  /** One history entry for a whole drag. */
  moveNodes: (moves: readonly { id: string; x: number; y: number }[]) => void;
}

export interface SessionSlice {
  readonly selection: string | undefined;
  readonly theme: ThemeName;
  readonly tool: Tool;
  /** In "send packet" mode: the source picked by the first click. */
  readonly pickFrom: string | undefined;
  readonly walk: WalkSpec | undefined;
  readonly step: number;
  readonly playing: boolean;
  /** Hops per second. */
  readonly speed: number;
  readonly rightPanel: RightPanel;
  readonly notices: readonly Notice[];
  readonly reducedMotion: boolean;
  /** The NetworkPolicy whose selected pods and allowed peers are highlighted ("ns/name"). */
  readonly policyFocus: string | undefined;
  /** Bumps when a service proxy that is loaded on demand (nftables) arrives: walks are redone. */
  readonly proxyEpoch: number;
  /** Bumps when a CNI datapath loaded on demand (Calico, Cilium) arrives: the cluster is re-derived. */
  readonly datapathEpoch: number;
  /** The tracer (loaded on demand, see loadTracing) is here: walks and rule views can be shown. */
  readonly tracingReady: boolean;
  /**
   * Nodes the user opened in full on a large cluster's overview, in the order they did (the
   * selection's and the walk's nodes open on their own and are not listed here). Kept in links.
   */
  readonly expanded: readonly string[];
  /** A large input being read (off the main thread) and drawn: shown over the screen. */
  readonly loading: LoadingState | undefined;
  select: (id: string | undefined) => void;
  setTheme: (t: ThemeName) => void;
  setTool: (t: Tool) => void;
  setPickFrom: (ref: string | undefined) => void;
  setWalk: (w: WalkSpec | undefined, opts?: { step?: number; play?: boolean }) => void;
  setStep: (step: number) => void;
  setPlaying: (p: boolean) => void;
  setSpeed: (s: number) => void;
  setRightPanel: (p: RightPanel) => void;
  setReducedMotion: (r: boolean) => void;
  setPolicyFocus: (key: string | undefined) => void;
  /** Loads the tracer if needed and marks it ready (called on idle, and by every walk). */
  ensureTracing: () => void;
  /** Opens a node in full on the overview, or closes it again. */
  toggleExpanded: (node: string) => void;
  setLoading: (l: LoadingState | undefined) => void;
  setExpanded: (nodes: readonly string[]) => void;
  notify: (kind: Notice['kind'], text: string) => void;
  /** Loads the service proxy for a kube-proxy mode if it is not loaded yet (nftables). */
  ensureProxy: (mode: string) => void;
  dismiss: (id: number) => void;
}

export type AppState = DocumentSlice & SessionSlice & LearnSlice;
