/** Built-in scenarios that teach the Kubernetes networking problems, each with a suggested walk. */
import { PRESETS } from '@/scenario';
import { useAppStore } from '@/state';

import { Button } from '../primitives/Button';
import { RichText } from '../primitives/RichText';

export interface PresetGalleryProps {
  readonly onDone: () => void;
}

export function PresetGallery({ onDone }: PresetGalleryProps) {
  const load = useAppStore((s) => s.loadScenario);
  const setWalk = useAppStore((s) => s.setWalk);
  const reduced = useAppStore((s) => s.reducedMotion);
  const notify = useAppStore((s) => s.notify);
  return (
    <ul className="grid grid-cols-2 gap-3" data-testid="presets">
      {PRESETS.map((p) => (
        <li
          key={p.id}
          className="flex flex-col rounded-lg border border-slate-200 p-3 dark:border-slate-700"
          data-testid={`preset.${p.id}`}
        >
          <h3 className="mb-1 font-semibold">{p.title}</h3>
          <p className="mb-2 flex-1 text-[13px] text-slate-600 dark:text-slate-300">
            <RichText text={p.summary} />
          </p>
          <p className="mb-2 font-mono text-[11px] text-slate-500">
            walk: {p.walk.from} → {p.walk.to}
            {p.walk.port ? ` :${p.walk.port}` : ''}
            {p.walk.protocol ? `/${p.walk.protocol}` : ''}
          </p>
          <Button
            size="sm"
            variant="primary"
            data-testid={`preset.${p.id}.open`}
            onClick={() => {
              load(p.scenario);
              setWalk(
                {
                  from: p.walk.from,
                  to: p.walk.to,
                  ...(p.walk.port !== undefined ? { port: p.walk.port } : {}),
                  ...(p.walk.protocol ? { protocol: p.walk.protocol } : {}),
                  ...(p.walk.node ? { node: p.walk.node } : {}),
                },
                { play: !reduced },
              );
              notify(
                'success',
                `Opened “${p.title}”. Undo (Ctrl+Z) brings back your previous scenario.`,
              );
              onDone();
            }}
          >
            Open with its walk
          </Button>
        </li>
      ))}
    </ul>
  );
}
