import { lazy, useEffect, useState } from 'react';

import type { GraphView } from '@/graph';
import { canRedo, canUndo, redo, undo, useAppStore, useStoreApi, useTemporal } from '@/state';

import { Button } from '../primitives/Button';
import { Dialog } from '../primitives/Dialog';
import { Icon } from '../primitives/Icon';
import { ExportMenu } from '../share/ExportMenu';

const ImportDialog = lazy(() =>
  import('../share/ImportDialog').then((m) => ({ default: m.ImportDialog })),
);
const PresetGallery = lazy(() =>
  import('../share/PresetGallery').then((m) => ({ default: m.PresetGallery })),
);
const LearnDialog = lazy(() =>
  import('../lessons/LearnDialog').then((m) => ({ default: m.LearnDialog })),
);
const ShareDialog = lazy(() =>
  import('../share/ShareDialog').then((m) => ({ default: m.ShareDialog })),
);

import { WalkForm } from './WalkForm';

export interface ToolbarProps {
  readonly view: GraphView | undefined;
}

export function Toolbar({ view }: ToolbarProps) {
  const [dialog, setDialog] = useState<'presets' | 'import' | 'share' | 'learn' | undefined>();
  const [dropped, setDropped] = useState<File | undefined>();
  /** A dialog's open state and its way out. */
  const shown = (name: NonNullable<typeof dialog>) => ({
    open: dialog === name,
    onClose: () => setDialog(undefined),
  });
  // A .yaml/.json file dropped anywhere on the page opens in the import dialog.
  useEffect(() => {
    const hasFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false;
    const over = (e: DragEvent): void => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent): void => {
      const f = e.dataTransfer?.files[0];
      if (!f || e.defaultPrevented) return;
      e.preventDefault();
      setDropped(f);
      setDialog('import');
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
  const setPanel = useAppStore((s) => s.setRightPanel);
  const store = useStoreApi();
  const tool = useAppStore((s) => s.tool);
  const pickFrom = useAppStore((s) => s.pickFrom);
  const setTool = useAppStore((s) => s.setTool);
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  useTemporal((t) => t.pastStates.length + t.futureStates.length * 1000);
  const sending = tool === 'send';
  return (
    <header
      className="flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3 dark:border-slate-800 dark:bg-slate-900"
      data-testid="toolbar"
      data-region="toolbar"
      tabIndex={-1}
      aria-label="Toolbar"
    >
      <div
        className="flex shrink-0 items-center gap-2 pr-1"
        title="K8s Network Explorer — computed, not scripted"
      >
        <img src="/favicon.svg" alt="" className="h-7 w-7" />
        <h1 className="text-sm leading-tight font-bold whitespace-nowrap">
          K8s Network
          <br />
          Explorer
        </h1>
      </div>
      <Button
        variant={sending ? 'primary' : 'secondary'}
        active={sending}
        aria-pressed={sending}
        onClick={() => setTool(sending ? 'select' : 'send')}
        data-testid="toolbar.send"
      >
        <Icon name="send" /> Send packet
      </Button>
      {sending ? (
        <span
          className="min-w-0 flex-1 truncate text-sm text-blue-700 dark:text-blue-300"
          role="status"
          data-testid="toolbar.send-hint"
        >
          {pickFrom
            ? `From ${pickFrom} — now click the destination (Esc cancels)`
            : 'Click the source: a pod, a node or the outside clients (Esc cancels)'}
        </span>
      ) : (
        <WalkForm />
      )}
      <div className="ml-auto flex shrink-0 items-center gap-1.5">
        <Button
          variant="ghost"
          className="px-2"
          onClick={() => setPanel('network')}
          data-testid="toolbar.network"
          title="Edit the cluster's address plan"
        >
          Network
        </Button>
        <Button
          variant="ghost"
          className="px-2"
          onClick={() => setDialog('learn')}
          data-testid="toolbar.learn"
          title="Guided lessons and a quiz on what people often get wrong"
        >
          Learn
        </Button>
        <Button
          variant="ghost"
          className="px-2"
          onClick={() => setDialog('presets')}
          data-testid="toolbar.presets"
        >
          Presets
        </Button>
        <Button
          variant="ghost"
          className="px-2"
          onClick={() => setDialog('import')}
          data-testid="toolbar.import"
        >
          Import
        </Button>
        <Button
          className="px-2"
          onClick={() => setDialog('share')}
          data-testid="toolbar.share"
          title="Copy a link to exactly this view"
        >
          Share
        </Button>
        <ExportMenu view={view} />
        <div className="mx-1 h-6 w-px bg-slate-200 dark:bg-slate-700" />
        <Button
          variant="ghost"
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
          disabled={!canUndo(store)}
          onClick={() => undo(store)}
          data-testid="toolbar.undo"
        >
          <Icon name="undo" />
        </Button>
        <Button
          variant="ghost"
          aria-label="Redo"
          title="Redo (Ctrl+Shift+Z)"
          disabled={!canRedo(store)}
          onClick={() => redo(store)}
          data-testid="toolbar.redo"
        >
          <Icon name="redo" />
        </Button>
        <Button
          variant="ghost"
          aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          data-testid="toolbar.theme"
        >
          <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
        </Button>
      </div>
      <Dialog
        title="Presets: the four networking problems and more"
        {...shown('presets')}
        wide
        testId="dialog.presets"
      >
        <PresetGallery onDone={() => setDialog(undefined)} />
      </Dialog>
      <Dialog title="Learn by doing" {...shown('learn')} wide testId="dialog.learn">
        <LearnDialog onDone={() => setDialog(undefined)} />
      </Dialog>
      <Dialog title="Import a cluster" {...shown('import')} wide testId="dialog.import">
        <ImportDialog
          onDone={() => {
            setDialog(undefined);
            setDropped(undefined);
          }}
          initialFile={dropped}
        />
      </Dialog>
      <Dialog title="Share this view" {...shown('share')} testId="dialog.share">
        <ShareDialog />
      </Dialog>
    </header>
  );
}
