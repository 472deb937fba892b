/** The export actions (loaded on first use: they bring the YAML writer and the SVG renderer). */
import { graphPng, graphSvg, type GraphView } from '@/graph';
import { exportManifests } from '@/scenario';
import { useAppStore } from '@/state';
import { PALETTES } from '@/theme';

import { usePlatform } from '../platform';

export interface ExportItemsProps {
  readonly view: GraphView | undefined;
  readonly onDone: () => void;
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'cluster';

export function ExportItems({ view, onDone }: ExportItemsProps) {
  const platform = usePlatform();
  const scenario = useAppStore((s) => s.scenario);
  const theme = useAppStore((s) => s.theme);
  const notify = useAppStore((s) => s.notify);
  const name = slug(scenario.meta.name);
  const run = (fn: () => void) => () => {
    onDone();
    try {
      fn();
    } catch (e) {
      notify('error', `Export failed: ${(e as Error).message}`);
    }
  };
  const items: [string, string, () => void][] = [
    [
      'Kubernetes YAML',
      'export.yaml',
      run(() =>
        platform.download(
          `${name}.yaml`,
          new Blob([exportManifests(scenario, 'yaml')], { type: 'application/yaml' }),
        ),
      ),
    ],
    [
      'Kubernetes JSON (v1 List)',
      'export.k8s-json',
      run(() =>
        platform.download(
          `${name}.k8s.json`,
          new Blob([exportManifests(scenario, 'json')], { type: 'application/json' }),
        ),
      ),
    ],
    [
      'Scenario JSON',
      'export.scenario',
      run(() =>
        platform.download(
          `${name}.scenario.json`,
          new Blob([JSON.stringify(scenario, null, 2)], { type: 'application/json' }),
        ),
      ),
    ],
    [
      'Graph as PNG',
      'export.png',
      run(
        () => view && platform.download(`${name}.png`, graphPng(view.cy, PALETTES[theme].canvas)),
      ),
    ],
    [
      'Graph as SVG',
      'export.svg',
      run(
        () =>
          view &&
          platform.download(
            `${name}.svg`,
            new Blob([graphSvg(view.cy, PALETTES[theme].canvas)], { type: 'image/svg+xml' }),
          ),
      ),
    ],
  ];
  return (
    <ul
      role="menu"
      className="absolute right-0 z-30 mt-1 w-56 rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
    >
      {items.map(([label, id, fn]) => (
        <li key={id} role="none">
          <button
            type="button"
            role="menuitem"
            className="w-full px-3 py-1.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
            onClick={fn}
            data-testid={id}
          >
            {label}
          </button>
        </li>
      ))}
    </ul>
  );
}
