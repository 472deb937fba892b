/**
 * Design tokens shared by the Cytoscape stylesheet and the React panels, so the canvas and the
 * panels match in both themes.
 */
export type ThemeName = 'light' | 'dark';

export interface Palette {
  readonly canvas: string;
  readonly text: string;
  readonly textMuted: string;
  readonly nodeBox: string;
  readonly nodeBoxBorder: string;
  readonly hostObject: string;
  readonly hostObjectBorder: string;
  readonly podBox: string;
  readonly containerFill: string;
  readonly wire: string;
  readonly bus: string;
  readonly veth: string;
  readonly request: string;
  readonly reply: string;
  readonly error: string;
  readonly warning: string;
  readonly selection: string;
  readonly labelBg: string;
}

export const PALETTES: Record<ThemeName, Palette> = {
  light: {
    canvas: '#f8fafc',
    text: '#0f172a',
    textMuted: '#475569',
    nodeBox: '#ffffff',
    nodeBoxBorder: '#94a3b8',
    hostObject: '#e2e8f0',
    hostObjectBorder: '#64748b',
    podBox: '#ffffff',
    containerFill: '#f1f5f9',
    wire: '#64748b',
    bus: '#334155',
    veth: '#94a3b8',
    request: '#2563eb',
    reply: '#d97706',
    error: '#dc2626',
    warning: '#b45309',
    selection: '#7c3aed',
    labelBg: '#ffffff',
  },
  dark: {
    canvas: '#0b1120',
    text: '#e2e8f0',
    textMuted: '#94a3b8',
    nodeBox: '#111827',
    nodeBoxBorder: '#475569',
    hostObject: '#1e293b',
    hostObjectBorder: '#64748b',
    podBox: '#0f172a',
    containerFill: '#1e293b',
    wire: '#94a3b8',
    bus: '#cbd5e1',
    veth: '#64748b',
    request: '#60a5fa',
    reply: '#fbbf24',
    error: '#f87171',
    warning: '#fbbf24',
    selection: '#a78bfa',
    labelBg: '#0b1120',
  },
};

/** One colour per namespace (pods, services), distinguishable in both themes. */
const NAMESPACE_COLORS = [
  '#0d9488',
  '#7c3aed',
  '#db2777',
  '#ea580c',
  '#0284c7',
  '#65a30d',
  '#c026d3',
  '#ca8a04',
];
const FIXED: Record<string, string> = { default: '#0284c7', 'kube-system': '#64748b' };

export function namespaceColor(ns: string, allNamespaces: readonly string[]): string {
  const fixed = FIXED[ns];
  if (fixed) return fixed;
  const others = allNamespaces.filter((n) => !FIXED[n]);
  const i = Math.max(0, others.indexOf(ns));
  return NAMESPACE_COLORS[i % NAMESPACE_COLORS.length] ?? '#0d9488';
}
