/**
 * The export actions (loaded on first use: they bring the YAML writer, the SVG renderer and the
 * Linux lab script generator).
 */
import { graphPng, graphSvg, type GraphView } from '@/graph';
import { exportManifests } from '@/scenario';
import { deriveCluster, labScript } from '@/sim';
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
  const items: [string, string, () => void, string?][] = [
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
      'Linux lab script',
      'export.lab',
      run(() => {
        const lab = labScript(deriveCluster(scenario));
        if (!lab.ok) throw new Error(`no Linux lab: ${lab.error}`);
        const file = `${name}-lab.sh`;
        platform.download(file, new Blob([lab.script], { type: 'text/x-shellscript' }));
        notify(
          'info',
          `Saved ${file}. On a Linux machine, as root: bash ${file} up, then bash ${file} probe FROM TO PORT, and bash ${file} down.`,
        );
      }),
      'bash: build it in network namespaces',
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
      {items.map(([label, id, fn, hint]) => (
        <li key={id} role="none">
          <button
            type="button"
            role="menuitem"
            className="w-full px-3 py-1.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
            onClick={fn}
            data-testid={id}
          >
            {label}
            {hint && (
              <span className="block text-xs text-slate-500 dark:text-slate-400">{hint}</span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
